import { percentOf, roundMinor } from '../pricing/rounding.js';
import type { DocumentLine, DocumentTotals } from '../schema/document-line.js';

/** One document line's amounts in minor units: before discount, the discount, the tax, and what it costs. */
export interface LineAmounts {
  gross: number;
  discount: number;
  net: number;
  tax: number;
  total: number;
}

/**
 * A quote or order line's amounts. The pricing engine prices carts of catalogue products; a document line
 * already carries its unit price, discount and tax, so this is the plain arithmetic under the same rounding rule
 * (`roundMinor`, half away from zero, once per computed amount and per line) so that a document always adds up.
 */
export function lineAmounts(line: Pick<DocumentLine, 'quantity' | 'unitPrice' | 'discountPercent' | 'taxPercent'>): LineAmounts {
  const gross = roundMinor(line.quantity * line.unitPrice);
  const discount = percentOf(gross, line.discountPercent ?? 0);
  const net = gross - discount;
  const tax = percentOf(net, line.taxPercent ?? 0);
  return { gross, discount, net, tax, total: net + tax };
}

/** A document's totals: sums of the lines' already-rounded amounts. */
export function documentTotals(lines: readonly Pick<DocumentLine, 'quantity' | 'unitPrice' | 'discountPercent' | 'taxPercent'>[]): DocumentTotals {
  const totals: DocumentTotals = { subtotal: 0, discount: 0, tax: 0, total: 0 };
  for (const line of lines) {
    const amounts = lineAmounts(line);
    totals.subtotal += amounts.gross;
    totals.discount += amounts.discount;
    totals.tax += amounts.tax;
    totals.total += amounts.total;
  }
  return totals;
}
