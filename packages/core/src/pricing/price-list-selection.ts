import type { PriceList } from '../schema/price-list.js';
import type { PricingContext } from './pricing-context.js';

/**
 * How specific a price list's assignment is for a customer. A list applies when every dimension it names
 * holds for the customer; among those, the most specific wins:
 * customer (16) > route (8) > region (4) > customer kind (2) > channel (1), summed over the dimensions it
 * names — so a list for "this customer on the tele channel" beats one for "this customer" alone. A list that
 * names no dimension is everyone's default (0). Ties go to the latest `validFrom`, then the name, then the id.
 */
export function assignmentSpecificity(list: PriceList, context: PricingContext): number | undefined {
  const a = list.assignment;
  let score = 0;
  if (a.customerIds.length > 0) {
    if (!context.customerId || !a.customerIds.includes(context.customerId)) return undefined;
    score += 16;
  }
  if (a.routeIds.length > 0) {
    if (!context.routeId || !a.routeIds.includes(context.routeId)) return undefined;
    score += 8;
  }
  if (a.regions.length > 0) {
    if (!context.region || !a.regions.includes(context.region)) return undefined;
    score += 4;
  }
  if (a.customerKinds.length > 0) {
    if (!context.customerKind || !a.customerKinds.includes(context.customerKind)) return undefined;
    score += 2;
  }
  if (a.channels.length > 0) {
    if (!context.channel || !a.channels.includes(context.channel)) return undefined;
    score += 1;
  }
  return score;
}

/** True when the list is in use and its validity covers the date (an expired or stopped list never applies). */
export function isPriceListLive(list: PriceList, date: string): boolean {
  if (list.status !== 'in_use') return false;
  if (list.validFrom && date < list.validFrom) return false;
  if (list.validTo && date > list.validTo) return false;
  return true;
}

/** The price list that applies to a customer on a date, or undefined (then products' base prices apply). */
export function selectPriceList<L extends PriceList & { id?: string }>(lists: readonly L[], context: PricingContext): L | undefined {
  let best: { list: L; score: number } | undefined;
  for (const list of lists) {
    if (!isPriceListLive(list, context.date)) continue;
    const score = assignmentSpecificity(list, context);
    if (score === undefined) continue;
    if (!best || score > best.score || (score === best.score && compareTies(list, best.list) < 0)) best = { list, score };
  }
  return best?.list;
}

function compareTies(a: PriceList & { id?: string }, b: PriceList & { id?: string }): number {
  const from = (b.validFrom ?? '').localeCompare(a.validFrom ?? '');
  if (from !== 0) return from;
  const name = a.name.localeCompare(b.name);
  if (name !== 0) return name;
  return (a.id ?? '').localeCompare(b.id ?? '');
}
