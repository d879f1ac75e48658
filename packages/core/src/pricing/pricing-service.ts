import { CrmValidationError, type CrmValidationIssue } from '../errors.js';
import type { CrmContext, SaveEvent } from '../crm/context.js';
import { takeNextNumber } from '../crm/numbering.js';
import { WriteSet } from '../crm/write-set.js';
import type { Coupon } from '../schema/coupon.js';
import type { Order } from '../schema/order.js';
import type { PriceList } from '../schema/price-list.js';
import type { Product } from '../schema/product.js';
import type { Promotion } from '../schema/promotion.js';
import type { StoredRecord } from '../storage/contract.js';
import { queryAll } from '../storage/query-all.js';
import type { Cart } from './cart.js';
import { compilePricing, type PricingEngine, type PricingOptions, type PricingResult } from './engine.js';
import type { PricingContext } from './pricing-context.js';
import { findComboCycle } from './combo.js';
import { normalizeProductCode } from './product-code.js';
import { documentLinesFor } from './order-lines.js';
import { documentTotals } from '../sales/document-totals.js';

/** What a sales order (tele or face to face) carries besides its lines. */
export interface PlaceOrderInput {
  cart: Cart;
  context: Omit<PricingContext, 'orderId' | 'usage'>;
  /** The buyer: a contact or a company. */
  contactId?: string;
  companyId?: string;
  date?: string;
  deliveryAddress?: Order['deliveryAddress'];
  deliveryTime?: string;
  paymentMethod?: Order['paymentMethod'];
  gps?: Order['gps'];
  photos?: Order['photos'];
  note?: string;
  quoteId?: string;
  opportunityId?: string;
}

/**
 * Prices carts, quotes and orders with one engine over the store's catalogue, and places orders: the order,
 * the coupons it redeems and the coupons it earns commit together or not at all. Also guards products: a
 * product code is unique — compared trimmed, NFC and upper case (`normalizeProductCode`), against the
 * store and against the other products of the same `createMany` — and a combo may not contain itself.
 */
export class PricingService {
  private engine: { key: string; engine: PricingEngine } | undefined;

  constructor(
    private readonly context: CrmContext,
    private readonly options: PricingOptions = {},
  ) {
    context.saveGuards.push(async (event) => {
      if (event.entity === 'product') await this.guardProduct(event);
      return [];
    });
  }

  private async guardProduct(event: SaveEvent): Promise<void> {
    const product = event.data as Product;
    const issues: CrmValidationIssue[] = [];
    // codes are stored in their compared form (the schema normalises them), so one indexed lookup finds a clash
    const code = normalizeProductCode(product.code);
    const same = await this.context.storage.query({ entity: 'product', where: [{ field: 'code', op: 'eq', value: code }], limit: 2 });
    const taken = same.records.find((record) => record.id !== event.id);
    if (taken) issues.push({ path: 'code', message: `product code "${product.code}" is already taken`, code: 'duplicate_code' });
    else if (event.batch?.some((other) => other !== event && other.entity === 'product' && normalizeProductCode(String(other.data['code'])) === code)) {
      issues.push({ path: 'code', message: `product code "${product.code}" is given to another product of the same batch`, code: 'duplicate_code' });
    }
    if (product.packaging.kind === 'combo') {
      const cycle = await findComboCycle(event.id, product, async (ids) => (await this.context.storage.get('product', ids)) as (StoredRecord<Product> | undefined)[]);
      if (cycle) issues.push({ path: `packaging.items.${cycle.itemIndex}.productId`, message: `a combo may not contain itself (${cycle.path.join(' → ')})`, code: 'combo_cycle' });
    }
    if (issues.length > 0) throw new CrmValidationError(issues, 'product');
  }

  private loadAll<T extends object>(entity: string): Promise<StoredRecord<T>[]> {
    return queryAll<T>(this.context.storage, { entity });
  }

  /** The compiled engine, rebuilt only when products, price lists or promotions changed since. */
  private async compiled(coupons: StoredRecord<Coupon>[]): Promise<PricingEngine> {
    const [products, priceLists, promotions] = await Promise.all([this.loadAll<Product>('product'), this.loadAll<PriceList>('priceList'), this.loadAll<Promotion>('promotion')]);
    const key = [...products, ...priceLists, ...promotions].map((record) => `${record.id}@${record.rev}`).join(',');
    if (coupons.length === 0 && this.engine?.key === key) return this.engine.engine;
    const engine = compilePricing({ products, priceLists, promotions, coupons }, this.options);
    if (coupons.length === 0) this.engine = { key, engine };
    return engine;
  }

  private async couponsNamed(codes: readonly string[]): Promise<StoredRecord<Coupon>[]> {
    if (codes.length === 0) return [];
    const page = await this.context.storage.query({ entity: 'coupon', where: [{ field: 'code', op: 'in', values: codes }], limit: codes.length * 2 });
    return page.records as unknown as StoredRecord<Coupon>[];
  }

  private async usage(customerId: string | undefined): Promise<NonNullable<PricingContext['usage']>> {
    const promotions = await this.loadAll<Promotion>('promotion');
    const usage: Record<string, { total: number; byCustomer: number }> = {};
    const limited = promotions.filter((promotion) => promotion.limits.total !== undefined || promotion.limits.perCustomer !== undefined);
    // one indexed query per limited programme, all at once (on IndexedDB they overlap instead of queueing)
    const ordersOf = await Promise.all(limited.map((promotion) => this.context.storage.query({ entity: 'order', where: [{ field: 'promotionIds', op: 'eq', value: promotion.id }] })));
    limited.forEach((promotion, i) => {
      const live = ordersOf[i]!.records.filter((order) => order['status'] !== 'cancelled');
      usage[promotion.id] = {
        total: live.length,
        byCustomer: customerId ? live.filter((order) => order['contactId'] === customerId || order['companyId'] === customerId).length : 0,
      };
    });
    return usage;
  }

  /** Prices a cart for a customer: list prices, promotions with explanations, taxes and fees, totals. */
  async price(cart: Cart, context: PricingContext): Promise<PricingResult> {
    const engine = await this.compiled(await this.couponsNamed(cart.couponCodes ?? []));
    return engine.price(cart, { ...context, usage: context.usage ?? (await this.usage(context.customerId)) });
  }

  /**
   * Places an order: prices it, then in ONE commit creates the order (numbered from the `order` sequence),
   * marks the coupons it used as redeemed and creates the coupons it earned. A coupon earned here cannot be
   * used here; a coupon used concurrently elsewhere makes this commit fail with a conflict.
   *
   * The order's lines add up to its totals (`documentTotals(order.lines)` equals `order.totals`, see
   * {@link documentLinesFor}), and it records only the promotions that gave something (usage limits count them).
   * An order entered after its date earns its coupons as of that date: a coupon whose expiry has passed by
   * today is not issued, and its programme says so (`coupon_expired`).
   */
  async placeOrder(input: PlaceOrderInput): Promise<{ order: StoredRecord<Order>; pricing: PricingResult; coupons: StoredRecord<Coupon>[] }> {
    const orderId = this.context.newId();
    const customerId = input.context.customerId ?? input.contactId ?? input.companyId;
    const coupons = await this.couponsNamed(input.cart.couponCodes ?? []);
    const engine = await this.compiled(coupons);
    const pricing = engine.price(input.cart, { ...input.context, ...(customerId ? { customerId } : {}), orderId, usage: await this.usage(customerId) });
    const writes = new WriteSet(this.context, 'order.place');
    const number = await takeNextNumber(this.context, writes, 'order');
    const now = this.context.now().toISOString();
    const issuedAt = this.dropExpiredCoupons(pricing, input.context.date, now);
    const lines = documentLinesFor(pricing.lines);
    const order: Record<string, unknown> = {
      number,
      date: input.date ?? input.context.date,
      currency: pricing.currency,
      lines,
      // the same as pricing.totals, but what the lines add up to by construction (see documentLinesFor)
      totals: documentTotals(lines),
      // only what gave something: a direct discount or free goods, or a coupon issued
      promotionIds: pricing.promotions.filter((promotion) => promotion.status === 'applied').map((promotion) => promotion.promotionId),
      couponCodes: pricing.couponsRedeemed.map((coupon) => coupon.code),
      status: 'confirmed',
    };
    for (const key of ['contactId', 'companyId', 'deliveryAddress', 'deliveryTime', 'paymentMethod', 'gps', 'photos', 'note', 'quoteId', 'opportunityId'] as const) {
      if (input[key] !== undefined) order[key] = input[key];
    }
    if (input.context.channel) order['channel'] = input.context.channel;
    writes.create('order', order, { id: orderId });
    for (const redeemed of pricing.couponsRedeemed) {
      const coupon = coupons.find((candidate) => candidate.id === redeemed.couponId)!;
      writes.update('coupon', coupon, { status: 'redeemed', redeemedOnOrderId: orderId, redeemedAt: now });
    }
    if (pricing.couponsIssued.length > 0 && !customerId) {
      throw new CrmValidationError([{ path: 'contactId', message: 'a coupon can only be issued to a known customer', code: 'required' }], 'order');
    }
    for (const issued of pricing.couponsIssued) {
      writes.create('coupon', { code: issued.code, promotionId: issued.promotionId, issuedToCustomerId: customerId, issuedOnOrderId: orderId, issuedAt, expiresAt: issued.expiresAt, status: 'active', reward: issued.reward });
    }
    const { records } = await writes.commit('order');
    const stored = records.find((record) => record.id === orderId) as unknown as StoredRecord<Order>;
    const issued = records.filter((record) => record['issuedOnOrderId'] === orderId && record['code'] !== undefined && record['promotionId'] !== undefined) as unknown as StoredRecord<Coupon>[];
    return { order: stored, pricing, coupons: issued };
  }

  /**
   * Coupons are dated from the order: they expire `validDays` after the pricing date, and are usable through
   * that day. For an order entered late, a coupon whose last day is already behind today is not issued (its
   * programme is marked `coupon_expired`, so it is not counted as used either); the others are issued as of now,
   * or as of the order's date when now is already past their expiry instant (still usable today). Returns the
   * issue time to write; changes `pricing` in place.
   */
  private dropExpiredCoupons(pricing: PricingResult, date: string, now: string): string {
    const today = now.slice(0, 10);
    const kept = pricing.couponsIssued.filter((coupon) => {
      const lastDay = coupon.expiresAt.slice(0, 10);
      if (lastDay >= today) return true;
      const explanation = pricing.promotions.find((promotion) => promotion.promotionId === coupon.promotionId);
      if (explanation) {
        explanation.status = 'not_applied';
        explanation.reason = 'coupon_expired';
        explanation.detail = `its coupon would have expired on ${lastDay}, before today (${today})`;
      }
      return false;
    });
    pricing.couponsIssued.splice(0, pricing.couponsIssued.length, ...kept);
    const dated = `${date}T00:00:00.000Z`;
    return kept.some((coupon) => Date.parse(coupon.expiresAt) < Date.parse(now)) && dated < now ? dated : now;
  }
}
