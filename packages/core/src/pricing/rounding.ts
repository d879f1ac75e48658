/**
 * crmkit's one rounding rule for money: amounts are integers in the currency's minor unit (VND has none), and
 * every computed amount (a line's gross for a fractional quantity, a percentage discount, a percentage tax) is
 * rounded half away from zero to a whole minor unit, once, where it is computed — per line, never on the total.
 * Totals are sums of already-rounded line amounts, so a document always adds up.
 */
export function roundMinor(value: number): number {
  return value < 0 ? -Math.round(-value) : Math.round(value);
}

/**
 * `percent`% of `amount`, rounded half away from zero — exactly: 2.3% of 1,500 ₫ is 34.5 and rounds to 35, where
 * the float product (34.499999999999996) would round down. See {@link roundedQuotient}.
 */
export function percentOf(amount: number, percent: number): number {
  // the common case, on every line of every cart: a whole amount and a percentage in hundredths (8, 2.3, 12.75)
  if (Number.isSafeInteger(amount)) {
    const hundredths = Math.round(percent * 100);
    if (hundredths / 100 === percent) {
      const tenThousandths = amount * hundredths;
      if (Number.isSafeInteger(tenThousandths)) return divideRounded(tenThousandths, 10_000);
    }
  }
  return roundedQuotient([amount, percent], 100);
}

const POWERS_OF_TEN = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000];

/**
 * `x` as an integer `m` and a scale `k` with x = m / 10^k, for the few decimals money inputs have (2.3 → 23, 1),
 * or undefined for more decimals or too large a mantissa. `m / 10^k === x` means `x` is the double nearest to that
 * decimal, and the smallest such `k` gives the decimal `x` was written as.
 */
function smallDecimal(x: number): [mantissa: number, scale: number] | undefined {
  for (let k = 0; k < POWERS_OF_TEN.length; k++) {
    const mantissa = Math.round(x * POWERS_OF_TEN[k]!);
    if (!Number.isSafeInteger(mantissa)) return undefined;
    if (mantissa / POWERS_OF_TEN[k]! === x) return [mantissa, k];
  }
  return undefined;
}

/** `x` as a BigInt mantissa and a power of ten, read from its shortest round-trip decimal (`1.5e-7`, `2.3`). */
function exactDecimal(x: number): [mantissa: bigint, exponent: number] {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(x))!;
  const fraction = match[3] ?? '';
  return [BigInt(`${match[1]}${match[2]}${fraction}`), Number(match[4] ?? 0) - fraction.length];
}

/** `numerator / denominator` (integers, denominator > 0) rounded half away from zero. */
function divideRounded(numerator: number, denominator: number): number {
  const remainder = numerator % denominator;
  // numerator − remainder is a multiple of the denominator, so this division is exact
  const quotient = (numerator - remainder) / denominator;
  if (2 * Math.abs(remainder) >= denominator) return quotient + (numerator < 0 ? -1 : 1);
  return quotient === 0 ? 0 : quotient; // no −0
}

function divideRoundedBig(numerator: bigint, denominator: bigint): number {
  if (denominator < 0n) return divideRoundedBig(-numerator, -denominator);
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  const twice = 2n * (remainder < 0n ? -remainder : remainder);
  return Number(twice >= denominator ? quotient + (numerator < 0n ? -1n : 1n) : quotient);
}

/**
 * The product of `factors` divided by `divisor`, rounded half away from zero ({@link roundMinor}) on the exact
 * value: each number counts as the decimal it was written as (8.7 is 87/10, not the double just below it). A
 * line's gross (the stated price × the quantity × the line unit's base units ÷ the stated unit's), a percentage
 * and a fee per unit are computed with it, so an exact half always rounds away from zero. Whole numbers and a
 * few decimals take a fast path in doubles; anything else is computed with BigInt.
 */
export function roundedQuotient(factors: readonly number[], divisor = 1): number {
  // an infinite or NaN input, or no divisor: no exact value to round, so the float result stands (as roundMinor)
  const inFloats = (): number => roundMinor(factors.reduce((product, value) => product * value, 1) / divisor);
  let numerator = 1;
  let scale = 0;
  let fast = true;
  for (const factor of factors) {
    if (!Number.isFinite(factor)) return inFloats();
    if (!fast) continue;
    const decimal = Number.isSafeInteger(factor) ? ([factor, 0] as const) : smallDecimal(factor);
    if (!decimal) {
      fast = false;
      continue;
    }
    numerator *= decimal[0];
    scale += decimal[1];
    if (!Number.isSafeInteger(numerator)) fast = false;
  }
  if (!Number.isFinite(divisor) || divisor === 0) return inFloats();
  if (fast) {
    const decimal = Number.isSafeInteger(divisor) ? ([divisor, 0] as const) : smallDecimal(divisor);
    if (decimal) {
      // value = numerator / 10^scale / (mantissa / 10^k) = numerator × 10^k / (mantissa × 10^scale)
      let top = numerator * 10 ** decimal[1];
      let bottom = decimal[0] * 10 ** scale;
      if (bottom < 0) {
        top = -top;
        bottom = -bottom;
      }
      if (Number.isSafeInteger(top) && Number.isSafeInteger(bottom)) return divideRounded(top, bottom);
    }
  }
  let top = 1n;
  let exponent = 0;
  for (const factor of factors) {
    const [mantissa, power] = exactDecimal(factor);
    top *= mantissa;
    exponent += power;
  }
  const [divisorMantissa, divisorPower] = exactDecimal(divisor);
  let bottom = divisorMantissa;
  exponent -= divisorPower;
  if (exponent >= 0) top *= 10n ** BigInt(exponent);
  else bottom *= 10n ** BigInt(-exponent);
  return divideRoundedBig(top, bottom);
}
