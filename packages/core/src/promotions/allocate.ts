import { roundMinor } from '../pricing/rounding.js';

/**
 * Splits `amount` over lines in proportion to their weights, in whole minor units that add up exactly
 * (largest remainder; ties to the earlier line), so a cart-level discount lands on lines without a lost đồng.
 */
export function allocateProportionally(amount: number, weights: readonly number[]): number[] {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  if (total <= 0 || amount <= 0) return weights.map(() => 0);
  const exact = weights.map((weight) => (amount * weight) / total);
  const floors = exact.map((value) => Math.floor(value));
  let remainder = roundMinor(amount) - floors.reduce((sum, value) => sum + value, 0);
  const order = exact.map((value, i) => ({ i, fraction: value - Math.floor(value) })).sort((a, b) => b.fraction - a.fraction || a.i - b.i);
  for (const { i } of order) {
    if (remainder <= 0) break;
    floors[i]! += 1;
    remainder -= 1;
  }
  return floors;
}
