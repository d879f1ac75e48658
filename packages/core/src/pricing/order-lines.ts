import { lineAmounts } from '../sales/document-totals.js';
import type { DocumentLine } from '../schema/document-line.js';
import type { PricedLine } from './engine.js';
import { percentOf, roundMinor } from './rounding.js';

/**
 * A percentage `p` with `percentOf(amount, p) === part`, as short as it can be written (7 rather than
 * 7.00007), or undefined when none within 0–100 gives it.
 */
function percentGiving(part: number, amount: number): number | undefined {
  if (amount <= 0 || part < 0 || part > amount) return undefined;
  const exact = (part * 100) / amount;
  for (const digits of [0, 2, 4, 6, 8, 10]) {
    const candidate = Number(exact.toFixed(digits));
    if (candidate <= 100 && percentOf(amount, candidate) === part) return candidate;
  }
  return percentOf(amount, exact) === part ? exact : undefined;
}

/** One way to write a line's quantity and price. */
interface Way {
  quantity: number;
  unit?: string;
  unitPrice: number;
  description: string;
}

/**
 * The lines of a document (a quote's or an order's) for priced lines, such that `documentTotals` of them gives
 * back the priced amounts: each line's gross, discount and tax, to the đồng. A line keeps its quantity, unit and
 * unit price when they multiply to its gross; a converted price that is not whole (a can at 1/12 of a carton's
 * 100,000 ₫) is written in the unit the price was stated in (cartons); failing both, as one lot at its gross with
 * the quantity in the description. The discount and the taxes become the percentages that give them back. Taxes
 * no single percentage of the net can carry (a fixed fee on a line discounted to nothing, or above 100% of it)
 * get a line of their own, which moves them from the tax into the subtotal; the total stays the same.
 */
export function documentLinesFor(lines: readonly PricedLine[]): DocumentLine[] {
  const document: DocumentLine[] = [];
  for (const line of lines) {
    const description = line.free ? `${line.productCode} (tặng / free)` : line.productCode;
    const ways: Way[] = [
      { quantity: line.quantity, unit: line.unit, unitPrice: line.unitPrice, description },
      { quantity: line.statedQuantity, unit: line.statedUnit, unitPrice: line.statedPrice, description },
    ];
    const priced: Way =
      ways.find((way) => way.quantity > 0 && roundMinor(way.quantity * way.unitPrice) === line.gross) ??
      { quantity: 1, unitPrice: line.gross, description: `${description} — ${line.quantity} ${line.unit}` };
    const documentLine: DocumentLine = { productId: line.productId, description: priced.description, quantity: priced.quantity, unitPrice: priced.unitPrice };
    if (priced.unit !== undefined) documentLine.unit = priced.unit;
    if (line.discount > 0) documentLine.discountPercent = percentGiving(line.discount, line.gross)!;
    let separateTax = false;
    if (line.tax > 0) {
      const taxPercent = percentGiving(line.tax, line.net);
      if (taxPercent === undefined) separateTax = true;
      else documentLine.taxPercent = taxPercent;
    }
    document.push(documentLine);
    if (separateTax) {
      document.push({ description: `${line.productCode}: ${line.taxes.map((tax) => tax.name).join(', ')}`, quantity: 1, unitPrice: line.tax });
    }
    // a safety net: the arithmetic above is exact, so this never fires unless the rounding rule changes under it
    const amounts = lineAmounts(documentLine);
    if (amounts.gross !== line.gross || amounts.discount !== line.discount || (!separateTax && amounts.tax !== line.tax)) {
      throw new Error(`internal: the document line of ${line.productCode} does not add up to its priced amounts`);
    }
  }
  return document;
}
