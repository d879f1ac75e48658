/**
 * crmkit's one rounding rule for money: amounts are integers in the currency's minor unit (VND has none), and
 * every computed amount (a line's gross for a fractional quantity, a percentage discount, a percentage tax) is
 * rounded half away from zero to a whole minor unit, once, where it is computed — per line, never on the total.
 * Totals are sums of already-rounded line amounts, so a document always adds up.
 */
export function roundMinor(value: number): number {
  return value < 0 ? -Math.round(-value) : Math.round(value);
}

/** `percent`% of `amount`, rounded by {@link roundMinor}. */
export function percentOf(amount: number, percent: number): number {
  return roundMinor((amount * percent) / 100);
}
