/** Letters and digits that cannot be misread (no I, O, 0, 1) when a customer reads a code over the phone. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function format(chars: string): string {
  return `CP-${chars.slice(0, 5)}-${chars.slice(5, 10)}`;
}

/** A random coupon code `CP-XXXXX-XXXXX` (32^10 ≈ 10^15 codes) from the platform's crypto source. */
export function randomCouponCode(): string {
  const bytes = new Uint8Array(10);
  globalThis.crypto.getRandomValues(bytes);
  // 256 is a multiple of 32, so `byte % 32` is unbiased.
  return format(Array.from(bytes, (byte) => ALPHABET[byte % ALPHABET.length]).join(''));
}

/**
 * A deterministic coupon-code generator (mulberry32 from `seed`): the same seed gives the same codes, so tests
 * and demos are reproducible. Not for production: codes from a known seed can be guessed.
 */
export function seededCouponCodes(seed: number): () => string {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => {
    let chars = '';
    for (let i = 0; i < 10; i++) chars += ALPHABET[Math.floor(next() * ALPHABET.length)];
    return format(chars);
  };
}
