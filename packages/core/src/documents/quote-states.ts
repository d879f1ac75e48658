import type { Quote } from '../schema/quote.js';

/** A quote's state. */
export type QuoteState = Quote['state'];

/**
 * Where a quote may go from each state: a draft is sent; a sent quote is accepted, rejected, expires, or goes
 * back to draft to be revised; accepted, rejected and expired are final (a new quote is made instead).
 */
export const QUOTE_TRANSITIONS: Readonly<Record<QuoteState, readonly QuoteState[]>> = {
  draft: ['sent'],
  sent: ['accepted', 'rejected', 'expired', 'draft'],
  accepted: [],
  rejected: [],
  expired: [],
};

/** Whether a quote may go from `from` to `to`. */
export function canMoveQuote(from: QuoteState, to: QuoteState): boolean {
  return QUOTE_TRANSITIONS[from].includes(to);
}

/** Whether a quote's validity has run out on `today` (YYYY-MM-DD): valid through its `validUntil` day. */
export function isQuoteOverdue(quote: Pick<Quote, 'validUntil'>, today: string): boolean {
  return quote.validUntil !== undefined && quote.validUntil < today;
}

/** The end date of a contract term: `termMonths` after the start, the day before the same day of month. */
export function contractEndDate(startDate: string, termMonths: number): string {
  const [year, month, day] = startDate.split('-').map(Number) as [number, number, number];
  const totalMonths = year * 12 + (month - 1) + termMonths;
  const endYear = Math.floor(totalMonths / 12);
  const endMonth = totalMonths % 12;
  const lastDay = new Date(Date.UTC(endYear, endMonth + 1, 0)).getUTCDate();
  const anniversary = Date.UTC(endYear, endMonth, Math.min(day, lastDay));
  return new Date(anniversary - 86_400_000).toISOString().slice(0, 10);
}
