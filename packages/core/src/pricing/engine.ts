import { CrmRuleError, CrmValidationError, type CrmValidationIssue } from '../errors.js';
import type { Coupon } from '../schema/coupon.js';
import type { PriceList } from '../schema/price-list.js';
import type { Reward } from '../schema/promotion.js';
import { toValidationIssues } from '../schema/validate.js';
import { allocateProportionally } from '../promotions/allocate.js';
import { contextRefusal, type CataloguePromotion, type PromotionRefusal } from '../promotions/eligibility.js';
import { couponRefusal, couponRefusalMessage } from '../promotions/coupon-redemption.js';
import { randomCouponCode } from '../promotions/coupon-code.js';
import { cartSchema, type Cart } from './cart.js';
import { currencyMismatchMessage, feePerUnit, indexPriceList, lineGross, resolveLinePrice, type CatalogueProduct, type IndexedPriceList, type LinePrice } from './line-price.js';
import { selectPriceList } from './price-list-selection.js';
import type { PricingContext } from './pricing-context.js';
import { percentOf, roundedQuotient } from './rounding.js';

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
  /**
   * Makes coupon codes for coupon-executed promotions: {@link randomCouponCode} by default; inject
   * `seededCouponCodes(seed)` for reproducible tests.
   */
  newCouponCode?: () => string;
  /**
   * Whether a code is already in use elsewhere (e.g. an in-memory set of the store's coupon codes). The engine
   * never issues a code of a catalogue coupon, of another coupon issued on the same cart, or one this says is
   * taken; it draws again, up to {@link COUPON_CODE_ATTEMPTS} times. The store's unique index stays the last word.
   */
  isCouponCodeTaken?: (code: string) => boolean;
}

/** How many codes the engine draws for one coupon before giving up with a `CrmRuleError`. */
export const COUPON_CODE_ATTEMPTS = 16;

/**
 * The bound of the best-combination search: at most this many combinations of exclusive-group choices are
 * evaluated when stacked discounts saturate a line (see {@link compilePricing}).
 */
export const COMBINATION_SEARCH_BOUND = 256;

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
  /** The list price of one unit, before tax, rounded: for display (a converted price need not be whole). */
  unitPrice: number;
  priceSource: 'price_list' | 'base_price';
  /**
   * The price as the price-list item (or the product's base price) states it, per `statedUnit`; the gross is
   * computed from it, so 1,200 cans cost the same as 100 cartons of 12.
   */
  statedPrice: number;
  /** The unit `statedPrice` is for: the price-list item's unit, or the product's base unit. */
  statedUnit: string;
  /** The line's quantity counted in `statedUnit`. */
  statedQuantity: number;
  /** statedPrice × statedQuantity, computed exactly and rounded once. */
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

/** A coupon earned on this order, usable on a later one (the service stores it with the order). */
export interface IssuedCoupon {
  promotionId: string;
  code: string;
  /** Midnight UTC of the pricing date plus the programme's `validDays`. */
  expiresAt: string;
  /** The coupon's reward: the execution's own, or the programme's. */
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

/** A discount split over lines: `amounts[k]` goes to line `lines[k]` (parallel arrays: no per-entry objects). */
interface Allocation {
  lines: readonly number[];
  amounts: readonly number[];
}

const NO_ALLOCATION: Allocation = { lines: [], amounts: [] };

interface Candidate {
  promotion: CataloguePromotion;
  /** The discount per line; computed only when needed (ranking usually needs only `value`), then kept. */
  allocate(): Allocation;
  free?: { product: CatalogueProduct; quantity: number; price: LinePrice };
  /** What it gives the customer on its own: the discounts, the free goods, or the coupon's worth on this cart. */
  value: number;
}

/** What a reward works on besides the amounts: the cart's lines, its price list and its currency. */
interface RewardBase {
  /** Each line's quantity in base units (what "buy 10" counts). */
  baseQuantities: readonly number[];
  /** Each line's quantity in its own unit, and how many base units that unit holds (exact per-unit amounts). */
  quantities: readonly number[];
  lineBaseUnits: readonly number[];
  indexed: IndexedPriceList | undefined;
  currency: string;
}

/** A reward's worth on a cart; `nothing` says why it gives nothing there (its value is then 0). */
type RewardValue = Pick<Candidate, 'allocate' | 'free' | 'value'> & { nothing?: string };

/** A compiled pricing engine: price lists indexed, promotions pre-sorted. */
export interface PricingEngine {
  /** Prices a cart for a customer on a date; a bad cart or coupon throws a field-named `CrmValidationError`. */
  price(cart: Cart, context: PricingContext): PricingResult;
}

function addDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00.000Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString();
}

/**
 * Compiles a catalogue into a pricing engine: products by id, each price list indexed once (by product, by
 * group, catch-all), promotions sorted by priority then code, and each promotion's applicable products resolved
 * once (groups and attribute values expanded). Evaluation, per cart:
 * 1. the price list is chosen ({@link selectPriceList}); each line gets its price ({@link resolveLinePrice});
 * 2. every promotion is explained: stopped, out of period, out of scope (which dimension), limit reached (total
 *    or per customer), no qualifying products, basis below minimum / above maximum, no reward (it would give
 *    nothing on this cart) — or it is a candidate with its value to the customer. Basis: the qualifying lines'
 *    gross amount, or their quantity in base units;
 * 3. the best combination of candidates: at most one per exclusive group; a non-stackable one stands alone;
 *    the most value for the customer wins, ties going to the higher total priority, then to the codes in order.
 *    Taking every ungrouped candidate and the preferred one of each group is exact whenever the discounts do
 *    not saturate a line (values then add up). When they do (several programmes on one line capped at its
 *    gross), combinations of group choices are scored by what they really give: all of them when there are at
 *    most {@link COMBINATION_SEARCH_BOUND}, otherwise a local search from the greedy choice bounded by that
 *    many scored combinations (details in the search's own comment);
 * 4. direct rewards become line discounts (a cart-level amount split over lines in proportion to their gross,
 *    {@link allocateProportionally}) and free lines; coupon-executed ones issue a coupon (unique code, expiry).
 *    A direct programme left with nothing to give (the programmes before it took its lines whole) is not applied;
 * 5. presented coupons are checked ({@link couponRefusal}) and applied to what is left of each line; a coupon
 *    that would give nothing on the cart is refused (`no_reward`), so the customer keeps it;
 * 6. taxes and fees on each line's net: a percentage of the net, a fixed fee per price-list item unit; free
 *    lines carry neither.
 * Rewards: `percent_off` per line (capped over the cart by `cap`); `amount_off` once over the qualifying
 * lines; `fixed_price` per base unit; `free_products` `freeQuantity` per `buyQuantity` base units bought (up to
 * `maxFree`), valued at the free product's own price. Discounts add up on a line but never beyond its gross.
 * Rounding: one rule, half away from zero on the exact value ({@link roundedQuotient}) wherever an amount is
 * computed — a line's gross (from the stated price, once, however the units convert), each percentage discount
 * and each tax or fee per line; totals are sums of rounded line amounts.
 * Currency: one per cart — the price list's (a product without a price on it falls back to its base price only
 * in that currency), or without a list the products' own; a line in another currency is refused at
 * `lines.N.productId` (`currency_mismatch`).
 */
export function compilePricing(catalogue: PricingCatalogue, options: PricingOptions = {}): PricingEngine {
  const products = new Map(catalogue.products.map((product) => [product.id, product]));
  const indexedLists = new Map<string, IndexedPriceList>();
  const coupons = new Map((catalogue.coupons ?? []).map((coupon) => [coupon.code, coupon]));
  const promotions = [...catalogue.promotions].sort((a, b) => b.priority - a.priority || a.code.localeCompare(b.code));
  const newCouponCode = options.newCouponCode ?? randomCouponCode;

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
   * exact (the same per-line rounding as the split); the split itself is made only when asked, and kept.
   * `amounts[i]` is what the reward works on (a line's gross, or what is left of it for a coupon). A reward that
   * gives nothing on this cart says why (`nothing`).
   */
  function rewardOn(reward: Reward, amounts: readonly number[], qualifying: readonly number[], base: RewardBase): RewardValue {
    // Pricing runs per keystroke in a cart: the split is two arrays, made once when first asked for, because
    // per-line objects here were most of what a cart allocated (and the garbage collector's pauses its p99).
    const split = (shares: () => number[]) => {
      let kept: Allocation | undefined;
      return () => (kept ??= { lines: qualifying, amounts: shares() });
    };
    const amountsOf = () => qualifying.map((i) => amounts[i]!);
    const nothing = (why: string): RewardValue => ({ value: 0, allocate: () => NO_ALLOCATION, nothing: why });
    switch (reward.kind) {
      case 'percent_off': {
        let sum = 0;
        for (const i of qualifying) sum += percentOf(amounts[i]!, reward.percent);
        if (reward.cap !== undefined && sum > reward.cap) {
          const cap = reward.cap;
          if (cap === 0) return nothing('capped at 0');
          return { value: cap, allocate: split(() => allocateProportionally(cap, amountsOf())) };
        }
        if (sum === 0) return nothing(`${reward.percent}% of the qualifying lines rounds to 0`);
        return { value: sum, allocate: split(() => qualifying.map((i) => percentOf(amounts[i]!, reward.percent))) };
      }
      case 'amount_off': {
        let total = 0;
        for (const i of qualifying) total += amounts[i]!;
        const amount = Math.min(reward.amount, total);
        if (amount === 0) return nothing(reward.amount === 0 ? 'an amount of 0' : 'nothing left on the qualifying lines');
        return { value: amount, allocate: split(() => allocateProportionally(amount, amountsOf())) };
      }
      case 'fixed_price': {
        const off = qualifying.map((i) => Math.max(0, amounts[i]! - roundedQuotient([reward.price, base.quantities[i]!, base.lineBaseUnits[i]!])));
        const value = off.reduce((sum, value) => sum + value, 0);
        if (value === 0) return nothing(`the fixed price ${reward.price} per base unit is not below the current price`);
        return { value, allocate: split(() => off) };
      }
      case 'free_products': {
        let bought = 0;
        for (const i of qualifying) bought += base.baseQuantities[i]!;
        let free = Math.floor(bought / reward.buyQuantity + 1e-9) * reward.freeQuantity;
        if (reward.maxFree !== undefined) free = Math.min(free, reward.maxFree);
        const product = products.get(reward.freeProductId);
        if (!product) return nothing(`the free product "${reward.freeProductId}" is not in the catalogue`);
        if (free <= 0) return nothing(`${bought} bought, ${reward.buyQuantity} needed for a free one`);
        let price: LinePrice;
        try {
          price = resolveLinePrice(product, free, undefined, base.indexed, 'reward');
        } catch (error) {
          if (error instanceof CrmValidationError) return nothing(error.issues[0]!.message);
          throw error;
        }
        if (!base.indexed && product.currency !== base.currency) return nothing(currencyMismatchMessage(product, base.currency));
        const value = lineGross(price, free);
        if (value === 0) return nothing(`the free product ${product.code} costs nothing`);
        return { value, allocate: () => NO_ALLOCATION, free: { product, quantity: free, price } };
      }
    }
  }

  /**
   * Why a coupon reward can never give anything, whatever the cart it is used on (a coupon-executed programme
   * with such a reward issues nothing), or undefined.
   */
  function voidReward(reward: Reward): string | undefined {
    if (reward.kind === 'amount_off' && reward.amount === 0) return 'an amount of 0';
    if (reward.kind === 'percent_off' && reward.cap === 0) return 'capped at 0';
    if (reward.kind === 'free_products' && !products.has(reward.freeProductId)) return `the free product "${reward.freeProductId}" is not in the catalogue`;
    return undefined;
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

  /** How good a combination is for the customer; `codes` is built only when value and priority tie. */
  interface Score {
    value: number;
    priority: number;
    codes: () => string;
  }

  function codesOf(chosen: readonly Candidate[]): string {
    return chosen.map((candidate) => candidate.promotion.code).sort().join(',');
  }

  function better(a: Score, b: Score): boolean {
    if (a.value !== b.value) return a.value > b.value;
    if (a.priority !== b.priority) return a.priority > b.priority;
    return a.codes() < b.codes();
  }

  /**
   * The best combination (see {@link compilePricing}, step 3). Conflicts form disjoint cliques — one per
   * exclusive group — plus the non-stackable programmes, which stand alone. Adding a programme never lowers
   * what a combination gives, so every ungrouped candidate is taken, and one per group. Taking each group's
   * preferred candidate gives an upper bound (the sum of values) of any stackable combination, so when that
   * greedy combination really gives its sum it is optimal. Otherwise (discounts saturating a line), with G
   * the product of the groups' sizes: if G ≤ {@link COMBINATION_SEARCH_BOUND}, every combination is scored
   * (exact); else a local search from the greedy one changes one group's choice at a time (groups in order,
   * candidates in preference order), keeps any strictly better score, and stops after a pass without change
   * or after {@link COMBINATION_SEARCH_BOUND} scored combinations. Scoring is incremental: one change costs
   * the changed candidates' lines. A single candidate never saturates a line, so a non-stackable one is
   * scored by its value.
   */
  function bestCombination(candidates: readonly Candidate[], lines: readonly PricedLine[]): Candidate[] {
    const ungrouped: Candidate[] = [];
    const groups = new Map<string, Candidate[]>();
    const alone: Candidate[] = [];
    for (const candidate of candidates) {
      const group = candidate.promotion.exclusiveGroup;
      if (!candidate.promotion.stackable) alone.push(candidate);
      else if (group === undefined) ungrouped.push(candidate);
      else {
        const members = groups.get(group);
        if (members) members.push(candidate);
        else groups.set(group, [candidate]);
      }
    }
    const ranked = [...groups.values()].map((members) => members.sort((a, b) => (preferred(a, b) ? -1 : 1)));
    const choice = ranked.map(() => 0);
    const combination = () => [...ungrouped, ...ranked.map((members, k) => members[choice[k]!]!)];

    // The running state of the current combination: discounts per line, what they really give (each line
    // capped at its gross), the value given off the lines (free goods, coupons), the total priority.
    const perLine = new Float64Array(lines.length);
    let capped = 0;
    let offLines = 0;
    let priority = 0;
    let upperBound = 0;
    const add = (candidate: Candidate, sign: 1 | -1) => {
      priority += sign * candidate.promotion.priority;
      if (candidate.promotion.execution.kind !== 'direct' || candidate.free) {
        offLines += sign * candidate.value;
        return;
      }
      const { lines: indices, amounts } = candidate.allocate();
      for (let k = 0; k < indices.length; k++) {
        const i = indices[k]!;
        const amount = amounts[k]!;
        const gross = lines[i]!.gross;
        const before = Math.min(perLine[i]!, gross);
        perLine[i]! += sign * amount;
        capped += Math.min(perLine[i]!, gross) - before;
      }
    };
    const setChoice = (k: number, to: number) => {
      add(ranked[k]![choice[k]!]!, -1);
      choice[k] = to;
      add(ranked[k]![to]!, 1);
    };
    const current = (): Score => ({ value: capped + offLines, priority, codes: () => codesOf(combination()) });
    const frozen = (): Score => {
      const chosen = combination();
      return { value: capped + offLines, priority, codes: () => codesOf(chosen) };
    };

    for (const candidate of ungrouped) {
      add(candidate, 1);
      upperBound += candidate.value;
    }
    for (const members of ranked) {
      add(members[0]!, 1);
      upperBound += members[0]!.value;
    }
    let bestScore = frozen();
    let bestChoice = [...choice];
    if (bestScore.value < upperBound && ranked.some((members) => members.length > 1)) {
      const size = ranked.reduce((product, members) => Math.min(product * members.length, COMBINATION_SEARCH_BOUND + 1), 1);
      if (size <= COMBINATION_SEARCH_BOUND) {
        for (;;) {
          let g = 0;
          while (g < ranked.length && choice[g]! + 1 >= ranked[g]!.length) setChoice(g++, 0);
          if (g === ranked.length) break;
          setChoice(g, choice[g]! + 1);
          if (better(current(), bestScore)) {
            bestScore = frozen();
            bestChoice = [...choice];
          }
        }
      } else {
        let evaluations = 1;
        let changed = true;
        while (changed && evaluations < COMBINATION_SEARCH_BOUND) {
          changed = false;
          for (let k = 0; k < ranked.length && evaluations < COMBINATION_SEARCH_BOUND; k++) {
            const kept = choice[k]!;
            let bestTo = kept;
            for (let to = 0; to < ranked[k]!.length && evaluations < COMBINATION_SEARCH_BOUND; to++) {
              if (to === kept) continue;
              setChoice(k, to);
              evaluations += 1;
              if (better(current(), bestScore)) {
                bestScore = frozen();
                bestTo = to;
                changed = true;
              }
            }
            setChoice(k, bestTo);
          }
        }
        bestChoice = [...choice];
      }
    }
    choice.splice(0, choice.length, ...bestChoice);
    let best = combination();
    for (const candidate of alone) {
      const single: Score = { value: candidate.value, priority: candidate.promotion.priority, codes: () => candidate.promotion.code };
      if (better(single, bestScore)) {
        best = [candidate];
        bestScore = single;
      }
    }
    return best;
  }

  /** A coupon code no catalogue coupon and no coupon of this cart holds, and that the host does not know. */
  function uniqueCouponCode(issued: readonly IssuedCoupon[]): string {
    for (let attempt = 0; attempt < COUPON_CODE_ATTEMPTS; attempt++) {
      const code = newCouponCode();
      if (coupons.has(code) || issued.some((coupon) => coupon.code === code) || options.isCouponCodeTaken?.(code)) continue;
      return code;
    }
    throw new CrmRuleError('coupon_code_unique', `no free coupon code after ${COUPON_CODE_ATTEMPTS} attempts: the code generator keeps repeating itself`);
  }

  return {
    price(cartInput, context) {
      const parsed = cartSchema.safeParse(cartInput);
      if (!parsed.success) throw new CrmValidationError(toValidationIssues(parsed.error), 'cart');
      const cart = parsed.data;
      const list = selectPriceList(catalogue.priceLists, context);
      const indexed = list ? listIndex(list) : undefined;
      // One currency per cart: the list's, or without a list the products' own (the first line's sets it).
      const currency = list ? list.currency : (cart.lines.map((line) => products.get(line.productId)).find((product) => product !== undefined)?.currency ?? 'VND');
      const issues: CrmValidationIssue[] = [];
      const linePrices: LinePrice[] = [];
      const baseQuantities: number[] = [];
      const quantities: number[] = [];
      const lineBaseUnits: number[] = [];
      const lines: PricedLine[] = [];
      cart.lines.forEach((line, i) => {
        const product = products.get(line.productId);
        if (!product) {
          issues.push({ path: `lines.${i}.productId`, message: `unknown product "${line.productId}"`, code: 'unknown_reference' });
          return;
        }
        try {
          const price = resolveLinePrice(product, line.quantity, line.unit, indexed, `lines.${i}`);
          if (!list && product.currency !== currency) {
            issues.push({ path: `lines.${i}.productId`, message: currencyMismatchMessage(product, currency), code: 'currency_mismatch' });
            return;
          }
          const gross = lineGross(price, line.quantity);
          linePrices.push(price);
          quantities.push(line.quantity);
          lineBaseUnits.push(price.lineBaseUnits);
          baseQuantities.push(line.quantity * price.lineBaseUnits);
          lines.push({
            productId: product.id,
            productCode: product.code,
            quantity: line.quantity,
            unit: line.unit ?? product.baseUnit,
            unitPrice: price.unitPrice,
            priceSource: price.source,
            statedPrice: price.statedPrice,
            statedUnit: price.statedUnit,
            statedQuantity: (line.quantity * price.lineBaseUnits) / price.statedBaseUnits,
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

      const grosses = lines.map((line) => line.gross);
      const base: RewardBase = { baseQuantities, quantities, lineBaseUnits, indexed, currency };
      // programmes on every product share one list of the lines (read-only from here on)
      const everyLine = lines.map((_, i) => i);
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
        const eligible = applicable.get(promotion.id)!;
        let qualifying: number[];
        if (eligible === 'all') qualifying = everyLine;
        else {
          qualifying = [];
          for (let i = 0; i < lines.length; i++) if (eligible.has(lines[i]!.productId)) qualifying.push(i);
        }
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
        // A coupon-executed programme is worth its coupon's reward, estimated on this cart's qualifying lines; it
        // gives a coupon even when the estimate here is 0 (buy 10 get 1 next time), unless the coupon is void.
        const reward = rewardOn(rewardOf(promotion), grosses, qualifying, base);
        const nothing = promotion.execution.kind === 'coupon' ? voidReward(rewardOf(promotion)) : reward.nothing;
        if (nothing !== undefined) {
          // a programme that gives nothing is never applied: it would use up its usage limits for nothing
          explanation.reason = 'no_reward';
          explanation.detail = nothing;
          continue;
        }
        explanation.value = reward.value;
        candidates.push({ promotion, allocate: reward.allocate, value: reward.value, ...(reward.free ? { free: reward.free } : {}) });
      }

      // 3. the best combination
      const chosen = bestCombination(candidates, lines);
      const chosenIds = new Set(chosen.map((candidate) => candidate.promotion.id));
      for (const candidate of candidates) {
        const explanation = explanations.get(candidate.promotion.id)!;
        if (chosenIds.has(candidate.promotion.id)) {
          explanation.status = 'applied';
          delete explanation.reason;
        } else {
          explanation.reason = 'beaten_by_exclusive';
          const winner = chosen.find((other) => conflicts(candidate.promotion, other.promotion));
          if (winner) explanation.detail = winner.promotion.code;
        }
      }

      // 4. direct rewards on the lines, coupons issued for the others
      const couponsIssued: IssuedCoupon[] = [];
      const pushFree = (free: NonNullable<Candidate['free']>, source: LineDiscount['source'], code: string) => {
        const gross = lineGross(free.price, free.quantity);
        lines.push({
          productId: free.product.id,
          productCode: free.product.code,
          quantity: free.quantity,
          unit: free.product.baseUnit,
          unitPrice: free.price.unitPrice,
          priceSource: free.price.source,
          statedPrice: free.price.statedPrice,
          statedUnit: free.price.statedUnit,
          statedQuantity: free.quantity / free.price.statedBaseUnits,
          gross,
          discounts: [{ source, code, amount: gross }],
          discount: gross,
          net: 0,
          taxes: [],
          tax: 0,
          total: 0,
          free: true,
        });
        linePrices.push(free.price);
        quantities.push(free.quantity);
        lineBaseUnits.push(1);
        baseQuantities.push(free.quantity);
        return gross;
      };
      for (const candidate of chosen) {
        const promotion = candidate.promotion;
        const explanation = explanations.get(promotion.id)!;
        if (promotion.execution.kind === 'coupon') {
          couponsIssued.push({ promotionId: promotion.id, code: uniqueCouponCode(couponsIssued), expiresAt: addDays(context.date, promotion.execution.validDays), reward: rewardOf(promotion) });
          continue;
        }
        let given = 0;
        const split = candidate.allocate();
        for (let k = 0; k < split.lines.length; k++) given += applyDiscount(lines[split.lines[k]!]!, 'promotion', promotion.code, split.amounts[k]!);
        if (candidate.free) given += pushFree(candidate.free, 'promotion', promotion.code);
        // What it really gave: less than its value alone when stacked discounts met a line's gross — and when
        // the programmes before it took the whole of its lines, nothing, so it is not applied (nor counted).
        explanation.value = given;
        if (given <= 0) {
          explanation.status = 'not_applied';
          explanation.reason = 'no_reward';
          explanation.detail = 'other programmes already took the whole of its lines';
        }
      }

      // 5. coupons presented
      const couponsRedeemed: PricingResult['couponsRedeemed'] = [];
      const couponIssues: CrmValidationIssue[] = [];
      const presented = new Set<string>();
      cart.couponCodes.forEach((code, k) => {
        const path = `couponCodes.${k}`;
        const coupon = coupons.get(code);
        const reason = !coupon ? 'unknown_coupon' : presented.has(code) ? 'presented_twice' : couponRefusal(coupon, context);
        presented.add(code);
        if (reason || !coupon) {
          couponIssues.push({ path, message: reason === 'unknown_coupon' ? `unknown coupon "${code}"` : couponRefusalMessage(reason!), code: reason! });
          return;
        }
        const open = lines.map((line) => (line.free ? 0 : line.net));
        const qualifying = open.flatMap((amount, i) => (amount > 0 ? [i] : []));
        const reward = rewardOn(coupon.reward, open, qualifying, base);
        if (reward.nothing !== undefined) {
          // redeeming it would use the customer's coupon up for nothing: they keep it for a cart it gives something on
          couponIssues.push({ path, message: `this coupon gives nothing on this cart: ${reward.nothing}`, code: 'no_reward' });
          return;
        }
        let amount = 0;
        const split = reward.allocate();
        for (let k = 0; k < split.lines.length; k++) amount += applyDiscount(lines[split.lines[k]!]!, 'coupon', coupon.code, split.amounts[k]!);
        if (reward.free) amount += pushFree(reward.free, 'coupon', coupon.code);
        couponsRedeemed.push({ code: coupon.code, couponId: coupon.id, amount });
      });
      if (couponIssues.length > 0) throw new CrmValidationError(couponIssues, 'cart');

      // 6. taxes and fees on net
      lines.forEach((line, i) => {
        if (line.free) return;
        const price = linePrices[i]!;
        for (const tax of price.taxes) {
          const amount = tax.kind === 'percent' ? percentOf(line.net, tax.value) : feePerUnit(price, tax.value, line.quantity);
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
        currency,
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

/** The reward a programme gives: its coupon's own when it issues coupons with a reward of their own. */
function rewardOf(promotion: CataloguePromotion): Reward {
  return promotion.execution.kind === 'coupon' && promotion.execution.reward ? promotion.execution.reward : promotion.reward;
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
