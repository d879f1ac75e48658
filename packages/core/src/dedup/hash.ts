/**
 * 30-bit string hashing for blocking keys. Keys are hashed instead of concatenated into strings: no
 * allocation, small-integer Map keys, and a rare collision only adds a candidate that the full comparison
 * then rejects — blocking decides who is compared, never who matches.
 */

/** FNV-1a over UTF-16 code units, folded to 30 bits (a V8 small integer). */
export function hashString(value: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h ^ (h >>> 30)) & 0x3fffffff;
}

/** Combines two hashes into one; order matters. */
export function mixHash(a: number, b: number): number {
  let h = Math.imul(a ^ 0x5bd1e995, 0x9e3779b1) ^ b;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  return (h ^ (h >>> 13)) & 0x3fffffff;
}
