import type { Promotion } from '../schema/promotion.js';
import type { PricingContext } from '../pricing/pricing-context.js';

/** Why a promotion in scope did not apply. */
export type PromotionRefusal =
  | 'stopped'
  | 'out_of_period'
  | 'out_of_scope'
  | 'not_applicable_products'
  | 'basis_below_minimum'
  | 'basis_above_maximum'
  | 'limit_reached'
  | 'beaten_by_exclusive'
  /** It qualifies but gives nothing on this cart (buy 10 get 1 on 3, a fixed price above the price, no free product). */
  | 'no_reward'
  /** Its coupon would already have expired when the order was placed (an order entered after its date). */
  | 'coupon_expired';

/** A promotion with its id, as the engine reads it. */
export type CataloguePromotion = Promotion & { id: string };

/** The first scope dimension the customer falls outside of, or undefined when in scope. */
export function scopeMiss(promotion: Promotion, context: PricingContext): string | undefined {
  const s = promotion.scope;
  if (s.customerKinds.length > 0 && (!context.customerKind || !s.customerKinds.includes(context.customerKind))) return 'customer kind';
  if (s.regions.length > 0 && (!context.region || !s.regions.includes(context.region))) return 'region';
  if (s.routeIds.length > 0 && (!context.routeId || !s.routeIds.includes(context.routeId))) return 'route';
  if (s.channels.length > 0 && (!context.channel || !s.channels.includes(context.channel))) return 'channel';
  if (s.customerTagIds.length > 0 && !(context.customerTagIds ?? []).some((tag) => s.customerTagIds.includes(tag))) return 'customer tags';
  return undefined;
}

/**
 * The checks that do not depend on the cart's lines, in the order a customer would want them explained:
 * stopped, out of period, out of scope (naming the dimension), usage limit reached.
 */
export function contextRefusal(promotion: CataloguePromotion, context: PricingContext): { reason: PromotionRefusal; detail?: string } | undefined {
  if (promotion.status !== 'active') return { reason: 'stopped' };
  if ((promotion.validFrom && context.date < promotion.validFrom) || (promotion.validTo && context.date > promotion.validTo)) return { reason: 'out_of_period' };
  const miss = scopeMiss(promotion, context);
  if (miss) return { reason: 'out_of_scope', detail: miss };
  const usage = context.usage?.[promotion.id];
  if (usage) {
    if (promotion.limits.total !== undefined && usage.total >= promotion.limits.total) return { reason: 'limit_reached', detail: 'total' };
    if (promotion.limits.perCustomer !== undefined && usage.byCustomer >= promotion.limits.perCustomer) return { reason: 'limit_reached', detail: 'per customer' };
  }
  return undefined;
}
