import type { NormalizedPersonName } from './normalize-name.js';
import { jaroWinkler } from './similarity.js';

/**
 * How alike two person names are, from 0 to 1, knowing how Vietnamese names vary: word order does not
 * count (the names arrive already in surname-first order), a dropped middle name costs little, and the given
 * name — what tells apart the many Nguyễn Văn … — weighs most. Each part is compared with `similarity`
 * (Jaro-Winkler unless told otherwise), so a dropped or swapped letter costs a little.
 */
export function personNameSimilarity(
  a: NormalizedPersonName,
  b: NormalizedPersonName,
  similarity: (x: string, y: string) => number = jaroWinkler,
): number {
  if (a.sortedKey === b.sortedKey) return 1;
  if (a.compact === b.compact) return 0.97; // a lost space: "Ngọc Anh" typed "NgọcAnh"
  const given = wordSimilarity(a.given, b.given, similarity);
  let surname: number;
  if (a.surname !== '' && b.surname !== '') surname = wordSimilarity(a.surname, b.surname, similarity);
  else surname = 0.85; // a one-word name: the surname is unknown, neither equal nor different
  let score: number;
  if (a.middle.length > 0 && b.middle.length > 0) {
    const middle = a.middle.length === b.middle.length ? similarity(a.middle.join(' '), b.middle.join(' ')) : bestTokenOverlap(a.middle, b.middle, similarity);
    score = 0.3 * surname + 0.45 * given + 0.25 * middle;
  } else {
    // A middle name (tên đệm) dropped on one side is common noise; both without one is plain agreement.
    const penalty = a.middle.length === b.middle.length ? 1 : 0.97;
    score = ((0.3 * surname + 0.45 * given) / 0.75) * penalty;
  }
  // The given name tells people apart: Huy and Duy, Thu and Thảo are different people however alike the
  // rest is, so a weak given-name match drags the whole score down.
  return given >= GIVEN_NAME_GATE ? score : score * given;
}

const GIVEN_NAME_GATE = 0.85;

/**
 * Similarity of two name words. A word with one letter dropped ("Hoàg", "ình") is typing noise and scores
 * 0.9 however short the word; a changed letter may be another name (Huy / Duy) and keeps its plain score.
 */
function wordSimilarity(a: string, b: string, similarity: (x: string, y: string) => number): number {
  const plain = similarity(a, b);
  return plain < 0.9 && isOneLetterDropped(a, b) ? 0.9 : plain;
}

/** True when removing one letter from the longer word gives the shorter. */
export function isOneLetterDropped(a: string, b: string): boolean {
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  if (long.length !== short.length + 1 || short.length === 0) return false;
  let i = 0;
  while (i < short.length && short.charCodeAt(i) === long.charCodeAt(i)) i++;
  for (let k = i; k < short.length; k++) if (short.charCodeAt(k) !== long.charCodeAt(k + 1)) return false;
  return true;
}

function bestTokenOverlap(a: readonly string[], b: readonly string[], similarity: (x: string, y: string) => number): number {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  let total = 0;
  for (const token of short) {
    let best = 0;
    for (const other of long) {
      const s = wordSimilarity(token, other, similarity);
      if (s > best) best = s;
    }
    total += best;
  }
  return (total / short.length) * 0.97;
}
