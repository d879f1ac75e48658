import { CrmValidationError, type CrmValidationIssue } from '../errors.js';
import type { Coupon } from '../schema/coupon.js';
import type { PriceList } from '../schema/price-list.js';
import type { Reward } from '../schema/promotion.js';
import { toValidationIssues } from '../schema/validate.js';
import { allocateProportionally } from '../promotions/allocate.js';
import { contextRefusal, type CataloguePromotion, type PromotionRefusal } from '../promotions/eligibility.js';
import { cartSchema, type Cart } from './cart.js';
import { indexPriceList, resolveLinePrice, unitFactor, type CatalogueProduct, type IndexedPriceList, type TaxOrFee } from './line-price.js';
import { selectPriceList } from './price-list-selection.js';
import type { PricingContext } from './pricing-context.js';
import { percentOf, roundMinor } from './rounding.js';

/** What the engine prices with. Compile it once ({@link compilePricing}) and price many carts. */
export interface PricingCatalogue {
  products: readonly CatalogueProduct[];
  priceLists: readonly (PriceList & { id: string })[];
  promotions: readonly CataloguePromotion[];
  /** Coupons the customer may present (the service loads the ones named in the cart). */
  coupons?: readonly (Coupon & { id: string })[];
}

/** Options of {@link compilePricing}. */
export interface PricingOptions {
  /** Makes coupon codes for coupon-executed promotions; random by default, injectable for tests. */
  newCouponCode?: () => string;
}

/** A discount on a line, and the programme or coupon it comes from. */
export interface LineDiscount {
  source: 'promotion' | 'coupon';
  code: string;
  amount: number;
}

/** A priced line. */
export interface PricedLine {
  productId: string;
  productCode: string;
  quantity: number;
  unit: string;
  /** The list price of one unit, before tax. */
  unitPrice: number;
  priceSource: 'price_list' | 'base_price';
  /** unitPrice × quantity, rounded. */
  gross: number;
  discounts: LineDiscount[];
  discount: number;
  /** gross − discount. */
  net: number;
  taxes: { name: string; amount: number }[];
  tax: number;
  /** net + tax: what the customer pays for the line. */
  total: number;
  /** A free product a promotion added (buy X get Y). */
  free: boolean;
}

/** Why each promotion in scope applied or not. */
export interface PromotionExplanation {
  promotionId: string;
  code: string;
  status: 'applied' | 'not_applied';
  reason?: PromotionRefusal;
  /** E.g. which scope dimension missed, or which programme won the exclusive group. */
  detail?: string;
  /** What it gave (or would have given) the customer, in minor units. */
  value: number;
  execution: 'direct' | 'coupon';
}

/** A coupon earned on this order, usable on a later one. */
export interface IssuedCoupon {
  promotionId: string;
  code: string;
  expiresAt: string;
  reward: Reward;
}

/** The priced cart. */
export interface PricingResult {
  currency: string;
  priceListId?: string;
  lines: PricedLine[];
  totals: { subtotal: number; discount: number; tax: number; total: number };
  promotions: PromotionExplanation[];
  couponsIssued: IssuedCoupon[];
  couponsRedeemed: { code: string; couponId: string; amount: number }[];
}

interface Candidate {
  promotion: CataloguePromotion;
  /** The discount per line index; computed only for the promotions chosen (ranking needs only `value`). */
  allocate(): Map<number, number>;
  free?: { product: CatalogueProduct; quantity: number; unitPrice: number };
  value: number;
}

/** A compiled pricing engine: price lists indexed, promotions pre-sorted. */
export interface PricingEngine {
  /** Prices a cart for a customer on a date; a bad cart or coupon throws a field-named `CrmValidationError`. */
  price(cart: Cart, context: PricingContext): PricingResult;
}

function defaultCouponCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = new Uint8Array(10);
  globalThis.crypto.getRandomValues(bytes);
  const chars = Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join('');
  return `CP-${chars.slice(0, 5)}-${chars.slice(5)}`;
}

function addDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00.000Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString();
}

/**
 * Compiles a catalogue into a pricing engine. Evaluation, per cart:
 * 1. the price list is chosen ({@link selectPriceList}); each line gets its price ({@link resolveLinePrice});
 * 2. every promotion is explained: stopped, out of period, out of scope, limit reached, no qualifying
 *    products, basis below minimum / above maximum — or a candidate with its value to the customer;
 * 3. the best combination of candidates is chosen: at most one per exclusive group, a non-stackable one
 *    alone, the highest total value; ties go to the higher total priority, then to the codes in order. The
 *    choice is exact (conflicts form disjoint cliques), so no search bound is needed;
 * 4. presented coupons are checked and applied to what is left of each line;
 * 5. taxes and fees are computed on each line's net (percentages rounded per line, fixed fees per unit);
 *    free lines carry neither; totals are sums of line amounts.
 * Discounts of several programmes add up on a line but never beyond its gross.
 */
export function compilePricing(catalogue: PricingCatalogue, options: PricingOptions = {}): PricingEngine {
  const products = new Map(catalogue.products.map((product) => [product.id, product]));
  const indexedLists = new Map<string, IndexedPriceList>();
  const coupons = new Map((catalogue.coupons ?? []).map((coupon) => [coupon.code, coupon]));
  const promotions = [...catalogue.promotions].sort((a, b) => b.priority - a.priority || a.code.localeCompare(b.code));
  const newCouponCode = options.newCouponCode ?? defaultCouponCode;

  function listIndex(list: PriceList & { id: string }): IndexedPriceList {
    let indexed = indexedLists.get(list.id);
    if (!indexed) {
      indexed = indexPriceList(list);
      indexedLists.set(list.id, indexed);
    }
    return indexed;
  }

  // Which products each promotion applies to, resolved once (groups and attributes expanded), so qualifying
  // a line is one set lookup.
  const applicable = new Map<string, Set<string> | 'all'>();
  for (const promotion of promotions) {
    const a = promotion.appliesTo;
    if (a.productIds.length === 0 && a.groupIds.length === 0 && !a.attribute) {
      applicable.set(promotion.id, 'all');
      continue;
    }
    const ids = new Set(a.productIds);
    const groups = new Set(a.groupIds);
    const values = a.attribute ? new Set(a.attribute.values) : undefined;
    for (const product of catalogue.products) {
      if (product.groupId !== undefined && groups.has(product.groupId)) ids.add(product.id);
      else if (values && product.attributes.some((attribute) => attribute.key === a.attribute!.key && values.has(String(attribute.value)))) ids.add(product.id);
    }
    applicable.set(promotion.id, ids);
  }

  /**
   * What a reward is worth to the customer on the qualifying lines, and how it splits over them. The value is
   * exact (the same per-line rounding as the split), but the split itself is only made when asked.
   */
  function rewardOn(reward: Reward, lines: readonly PricedLine[], qualifying: readonly number[]): Pick<Candidate, 'allocate' | 'free' | 'value'> {
    const split = (amounts: () => number[]) => () => {
      const perLine = new Map<number, number>();
      const values = amounts();
      qualifying.forEach((i, k) => perLine.set(i, values[k]!));
      return perLine;
    };
    const grossOf = () => qualifying.map((i) => lines[i]!.gross);
    switch (reward.kind) {
      case 'percent_off': {
        let sum = 0;
        for (const i of qualifying) sum += percentOf(lines[i]!.gross, reward.percent);
        if (reward.cap !== undefined && sum > reward.cap) {
          const cap = reward.cap;
          return { value: cap, allocate: split(() => allocateProportionally(cap, grossOf())) };
        }
        return { value: sum, allocate: split(() => qualifying.map((i) => percentOf(lines[i]!.gross, reward.percent))) };
      }
      case 'amount_off': {
        let total = 0;
        for (const i of qualifying) total += lines[i]!.gross;
        const amount = Math.min(reward.amount, total);
        return { value: amount, allocate: split(() => allocateProportionally(amount, grossOf())) };
      }
      case 'fixed_price': {
        const amounts = qualifying.map((i) => Math.max(0, lines[i]!.gross - roundMinor(reward.price * lines[i]!.quantity)));
        return { value: amounts.reduce((sum, value) => sum + value, 0), allocate: split(() => amounts) };
      }
      case 'free_products': {
        const none = { value: 0, allocate: () => new Map<number, number>() };
        const quantity = qualifying.reduce((sum, i) => sum + lines[i]!.quantity, 0);
        let free = Math.floor(quantity / reward.buyQuantity + 1e-9) * reward.freeQuantity;
        if (reward.maxFree !== undefined) free = Math.min(free, reward.maxFree);
        const product = products.get(reward.freeProductId);
        if (free <= 0 || !product) return none;
        const unitPrice = resolveLinePrice(product, free, undefined, undefined, 'reward').unitPrice;
        return { ...none, free: { product, quantity: free, unitPrice }, value: roundMinor(unitPrice * free) };
      }
    }
  }

  function conflicts(a: CataloguePromotion, b: CataloguePromotion): boolean {
    if (!a.stackable || !b.stackable) return true;
    return a.exclusiveGroup !== undefined && a.exclusiveGroup === b.exclusiveGroup;
  }

  /** Orders two candidates for the customer: more value, then higher priority, then the code. */
  function preferred(a: Candidate, b: Candidate): boolean {
    if (a.value !== b.value) return a.value > b.value;
    if (a.promotion.priority !== b.promotion.priority) return a.promotion.priority > b.promotion.priority;
    return a.promotion.code < b.promotion.code;
  }

  function score(chosen: readonly Candidate[]): { value: number; priority: number; codes: string } {
    return {
      value: chosen.reduce((sum, candidate) => sum + candidate.value, 0),
      priority: chosen.reduce((sum, candidate) => sum + candidate.promotion.priority, 0),
      codes: chosen.map((candidate) => candidate.promotion.code).sort().join(','),
    };
  }

  /**
   * The best combination, exactly and in linear time: conflicts form disjoint cliques (one exclusive group
   * each) plus the non-stackable programmes, which stand alone. So the best stackable set takes every
   * ungrouped candidate and the preferred one of each group, and it is compared with each non-stackable
   * candidate alone. Ties: total value, then total priority, then the codes in order.
   */
  function bestCombination(candidates: Candidate[]): Candidate[] {
    const free: Candidate[] = [];
    const byGroup = new Map<string, Candidate>();
    const alone: Candidate[] = [];
    for (const candidate of candidates) {
      if (!candidate.promotion.stackable) alone.push(candidate);
      else if (candidate.promotion.exclusiveGroup === undefined) free.push(candidate);
      else {
        const current = byGroup.get(candidate.promotion.exclusiveGroup);
        if (!current || preferred(candidate, current)) byGroup.set(candidate.promotion.exclusiveGroup, candidate);
      }
    }
    let best: Candidate[] = [...free, ...byGroup.values()];
    let bestScore = score(best);
    for (const candidate of alone) {
      const single = score([candidate]);
      if (
        single.value > bestScore.value ||
        (single.value === bestScore.value && (single.priority > bestScore.priority || (single.priority === bestScore.priority && single.codes < bestScore.codes)))
      ) {
        best = [candidate];
        bestScore = single;
      }
    }
    return best;
  }

  return {
    price(cartInput, context) {
      const parsed = cartSchema.safeParse(cartInput);
      if (!parsed.success) throw new CrmValidationError(toValidationIssues(parsed.error), 'cart');
      const cart = parsed.data;
      const list = selectPriceList(catalogue.priceLists, context);
      const indexed = list ? listIndex(list) : undefined;
      const issues: CrmValidationIssue[] = [];
      const taxDeclarations: (readonly TaxOrFee[])[] = [];
      const lines: PricedLine[] = [];
      cart.lines.forEach((line, i) => {
        const product = products.get(line.productId);
        if (!product) {
          issues.push({ path: `lines.${i}.productId`, message: `unknown product "${line.productId}"`, code: 'unknown_reference' });
          return;
        }
        try {
          const price = resolveLinePrice(product, line.quantity, line.unit, indexed, `lines.${i}`);
          const gross = roundMinor(price.unitPrice * line.quantity);
          taxDeclarations.push(price.taxes);
          lines.push({
            productId: product.id,
            productCode: product.code,
            quantity: line.quantity,
            unit: line.unit ?? product.baseUnit,
            unitPrice: price.unitPrice,
            priceSource: price.source,
            gross,
            discounts: [],
            discount: 0,
            net: gross,
            taxes: [],
            tax: 0,
            total: gross,
            free: false,
          });
        } catch (error) {
          if (error instanceof CrmValidationError) issues.push(...error.issues);
          else throw error;
        }
      });
      if (issues.length > 0) throw new CrmValidationError(issues, 'cart');

      const lineProducts = lines.map((line) => products.get(line.productId)!);
      const baseQuantities = lines.map((line, i) => line.quantity * unitFactor(lineProducts[i]!, line.unit, ''));
      // 2. explain every promotion; collect candidates
      const explanations = new Map<string, PromotionExplanation>();
      const candidates: Candidate[] = [];
      for (const promotion of promotions) {
        const explanation: PromotionExplanation = {
          promotionId: promotion.id,
          code: promotion.code,
          status: 'not_applied',
          value: 0,
          execution: promotion.execution.kind,
        };
        explanations.set(promotion.id, explanation);
        const refusal = contextRefusal(promotion, context);
        if (refusal) {
          explanation.reason = refusal.reason;
          if (refusal.detail) explanation.detail = refusal.detail;
          continue;
        }
        const qualifying: number[] = [];
        const eligible = applicable.get(promotion.id)!;
        for (let i = 0; i < lines.length; i++) if (eligible === 'all' || eligible.has(lines[i]!.productId)) qualifying.push(i);
        if (qualifying.length === 0) {
          explanation.reason = 'not_applicable_products';
          continue;
        }
        const basis =
          promotion.basis.measure === 'amount'
            ? qualifying.reduce((sum, i) => sum + lines[i]!.gross, 0)
            : qualifying.reduce((sum, i) => sum + baseQuantities[i]!, 0);
        if (basis < promotion.basis.min) {
          explanation.reason = 'basis_below_minimum';
          explanation.detail = `${basis} < ${promotion.basis.min}`;
          continue;
        }
        if (promotion.basis.max !== undefined && basis > promotion.basis.max) {
          explanation.reason = 'basis_above_maximum';
          explanation.detail = `${basis} > ${promotion.basis.max}`;
          continue;
        }
        const reward = rewardOn(promotion.reward, lines, qualifying);
        explanation.value = reward.value;
        candidates.push({ promotion, ...reward });
      }

      // 3. the best combination
      const chosen = bestCombination(candidates);
      const chosenIds = new Set(chosen.map((candidate) => candidate.promotion.id));
      for (const candidate of candidates) {
        const explanation = explanations.get(candidate.promotion.id)!;
        if (chosenIds.has(candidate.promotion.id)) {
          explanation.status = 'applied';
        } else {
          explanation.reason = 'beaten_by_exclusive';
          const winner = chosen.find((other) => conflicts(candidate.promotion, other.promotion));
          if (winner) explanation.detail = winner.promotion.code;
        }
      }
      const couponsIssued: IssuedCoupon[] = [];
      for (const candidate of chosen) {
        const promotion = candidate.promotion;
        if (promotion.execution.kind === 'coupon') {
          couponsIssued.push({ promotionId: promotion.id, code: newCouponCode(), expiresAt: addDays(context.date, promotion.execution.validDays), reward: promotion.reward });
          continue;
        }
        for (const [i, amount] of candidate.allocate()) applyDiscount(lines[i]!, 'promotion', promotion.code, amount);
        if (candidate.free) {
          const { product, quantity, unitPrice } = candidate.free;
          const gross = roundMinor(unitPrice * quantity);
          lines.push({
            productId: product.id,
            productCode: product.code,
            quantity,
            unit: product.baseUnit,
            unitPrice,
            priceSource: 'base_price',
            gross,
            discounts: [{ source: 'promotion', code: promotion.code, amount: gross }],
            discount: gross,
            net: 0,
            taxes: [],
            tax: 0,
            total: 0,
            free: true,
          });
          taxDeclarations.push([]);
        }
      }

      // 4. coupons presented
      const couponsRedeemed: PricingResult['couponsRedeemed'] = [];
      const couponIssues: CrmValidationIssue[] = [];
      cart.couponCodes.forEach((code, k) => {
        const path = `couponCodes.${k}`;
        const coupon = coupons.get(code);
        const refuse = (message: string, reason: string) => couponIssues.push({ path, message, code: reason });
        if (!coupon) return refuse(`unknown coupon "${code}"`, 'unknown_coupon');
        if (coupon.status === 'redeemed' || coupon.redeemedOnOrderId) return refuse('this coupon was already used', 'already_redeemed');
        if (coupon.status === 'expired' || coupon.expiresAt.slice(0, 10) < context.date) return refuse('this coupon has expired', 'expired');
        if (context.customerId && coupon.issuedToCustomerId !== context.customerId) return refuse('this coupon belongs to another customer', 'other_customer');
        if (context.orderId && coupon.issuedOnOrderId === context.orderId) return refuse('a coupon cannot be used on the order that earned it', 'earned_on_this_order');
        const open = lines.map((line) => (line.free ? 0 : line.net));
        const indices = lines.map((_, i) => i);
        const reward = rewardOn(coupon.reward, lines.map((line) => ({ ...line, gross: line.net })), indices.filter((i) => open[i]! > 0));
        let amount = 0;
        for (const [i, value] of reward.allocate()) amount += applyDiscount(lines[i]!, 'coupon', coupon.code, value);
        couponsRedeemed.push({ code: coupon.code, couponId: coupon.id, amount });
      });
      if (couponIssues.length > 0) throw new CrmValidationError(couponIssues, 'cart');

      // 5. taxes on net
      lines.forEach((line, i) => {
        if (line.free) return;
        for (const tax of taxDeclarations[i] ?? []) {
          const amount = tax.kind === 'percent' ? percentOf(line.net, tax.value) : roundMinor(tax.value * line.quantity);
          line.taxes.push({ name: tax.name, amount });
          line.tax += amount;
        }
        line.total = line.net + line.tax;
      });
      const totals = { subtotal: 0, discount: 0, tax: 0, total: 0 };
      for (const line of lines) {
        totals.subtotal += line.gross;
        totals.discount += line.discount;
        totals.tax += line.tax;
        totals.total += line.total;
      }
      const result: PricingResult = {
        currency: list?.currency ?? catalogue.products[0]?.currency ?? 'VND',
        lines,
        totals,
        promotions: [...explanations.values()],
        couponsIssued,
        couponsRedeemed,
      };
      if (list) result.priceListId = list.id;
      return result;
    },
  };
}

/** Adds a discount to a line without taking it below zero; returns what was applied. */
function applyDiscount(line: PricedLine, source: LineDiscount['source'], code: string, amount: number): number {
  const applied = Math.min(amount, line.net);
  if (applied <= 0) return 0;
  line.discounts.push({ source, code, amount: applied });
  line.discount += applied;
  line.net -= applied;
  return applied;
}
