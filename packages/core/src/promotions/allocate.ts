/**
 * Splits `amount` (whole minor units) over lines in proportion to their weights, so a cart-level discount
 * lands on lines without a lost đồng: each line gets the difference of the rounded running totals
 * (`floor(amount × cumulative weight / total)`), which adds up to `amount` exactly, stays within one unit of
 * the exact share, and needs no sorting.
 */
export function allocateProportionally(amount: number, weights: readonly number[]): number[] {
  let total = 0;
  for (const weight of weights) total += weight;
  const shares = new Array<number>(weights.length).fill(0);
  if (total <= 0 || amount <= 0) return shares;
  let cumulative = 0;
  let given = 0;
  for (let i = 0; i < weights.length; i++) {
    cumulative += weights[i]!;
    const upTo = i === weights.length - 1 ? amount : Math.floor((amount * cumulative) / total);
    shares[i] = upTo - given;
    given = upTo;
  }
  return shares;
}
