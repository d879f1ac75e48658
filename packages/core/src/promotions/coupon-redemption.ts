import type { Coupon } from '../schema/coupon.js';

/** Why a presented coupon cannot be used on this order. */
export type CouponRefusal = 'unknown_coupon' | 'already_redeemed' | 'expired' | 'other_customer' | 'earned_on_this_order' | 'presented_twice';

/** Who presents a coupon, on which order and on which date. */
export interface CouponRedemptionContext {
  /** The pricing date (ISO `YYYY-MM-DD`). */
  date: string;
  customerId?: string;
  /** The order being priced; a new order that has no id yet cannot be the one that earned a stored coupon. */
  orderId?: string;
}

const MESSAGES: Record<CouponRefusal, string> = {
  unknown_coupon: 'unknown coupon',
  already_redeemed: 'this coupon was already used',
  expired: 'this coupon has expired',
  other_customer: 'this coupon belongs to another customer',
  earned_on_this_order: 'a coupon cannot be used on the order that earned it',
  presented_twice: 'this coupon is already on the order',
};

/** A sentence for a refusal, for error messages and explanations. */
export function couponRefusalMessage(reason: CouponRefusal): string {
  return MESSAGES[reason];
}

/**
 * Whether a stored coupon may be redeemed now, checked in this order: already redeemed, expired, another
 * customer's, earned on this very order. A coupon is usable through the calendar day of its `expiresAt` (as
 * written, i.e. that timestamp's own date). A coupon is personal: when the buyer is unknown it is refused as
 * another customer's. The service runs this again inside its commit (a coupon redeemed concurrently must fail
 * the commit, not be redeemed twice).
 */
export function couponRefusal(coupon: Pick<Coupon, 'status' | 'redeemedOnOrderId' | 'expiresAt' | 'issuedToCustomerId' | 'issuedOnOrderId'>, context: CouponRedemptionContext): CouponRefusal | undefined {
  if (coupon.status === 'redeemed' || coupon.redeemedOnOrderId !== undefined) return 'already_redeemed';
  if (coupon.status === 'expired' || coupon.expiresAt.slice(0, 10) < context.date) return 'expired';
  if (context.customerId === undefined || coupon.issuedToCustomerId !== context.customerId) return 'other_customer';
  if (context.orderId !== undefined && coupon.issuedOnOrderId === context.orderId) return 'earned_on_this_order';
  return undefined;
}
