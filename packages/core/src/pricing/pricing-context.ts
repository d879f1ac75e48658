import type { ContactKind, SalesChannel } from '../schema/enums.js';

/** Who is buying, when and how: what decides which price list and which promotions apply. */
export interface PricingContext {
  /** The pricing date (ISO `YYYY-MM-DD`). */
  date: string;
  customerId?: string;
  /** The customer's kind (`individual`, `shop`, `household`) or `company`. */
  customerKind?: ContactKind | 'company';
  region?: string;
  routeId?: string;
  channel?: SalesChannel;
  customerTagIds?: readonly string[];
  /** The order being priced: a coupon earned on this order is never usable on it. */
  orderId?: string;
  /** How often each promotion was used so far, in total and by this customer (the service counts them). */
  usage?: Readonly<Record<string, { total: number; byCustomer: number }>>;
}
