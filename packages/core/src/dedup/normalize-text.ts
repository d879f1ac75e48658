/**
 * Text folding shared by every normaliser: Vietnamese input arrives composed (NFC), decomposed (NFD, common
 * from macOS and some IMEs), upper-case, without diacritics or with stray spaces. Folding maps all of those
 * to one ASCII form so "Nguyễn", "NGUYEN" and "Nguye\u0302\u0303n" compare equal.
 *
 * It is the hot path of normalisation, so Latin letters with diacritics (every Vietnamese letter included)
 * are folded in one pass through a table built once; anything the table does not know goes the slow way
 * through Unicode decomposition.
 */

const COMBINING_MARKS = /[\u0300-\u036f]/g;
// Outside the table (other scripts), letters of any script are kept as words.
const NON_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/gu;
const TABLE_END = 0x1f00;

/** For each code point below U+1F00: its folded ASCII letter's code, 0 when unknown. */
const FOLD_TABLE = (() => {
  const table = new Uint8Array(TABLE_END);
  for (let c = 0; c < TABLE_END; c++) {
    if (c < 128) {
      table[c] = c >= 65 && c <= 90 ? c + 32 : c;
      continue;
    }
    if (c >= 0x300 && c <= 0x36f) continue;
    const folded = String.fromCharCode(c).normalize('NFD').toLowerCase().replace(COMBINING_MARKS, '');
    if (folded.length === 1 && folded.charCodeAt(0) < 128 && /[a-z]/.test(folded)) table[c] = folded.charCodeAt(0);
  }
  table[0x110] = 100; // Đ
  table[0x111] = 100; // đ
  return table;
})();

function slowFold(value: string): string {
  return value.normalize('NFD').toLowerCase().replace(COMBINING_MARKS, '').replace(/đ/g, 'd').replace(/ð/g, 'd');
}

/**
 * Lower-cases, removes diacritics (including đ/Đ → d, which Unicode does not decompose) and collapses
 * whitespace. Punctuation is kept; see {@link foldToWords} for a form without it.
 */
export function foldDiacritics(value: string): string {
  return fold(value, false);
}

/** Folds like {@link foldDiacritics} and turns every run of non-alphanumeric characters into one space. */
export function foldToWords(value: string): string {
  return fold(value, true);
}

// Folded code units are gathered here and turned into a string once (no string built a character at a time).
let buffer = new Uint16Array(256);

function fold(value: string, wordsOnly: boolean): string {
  if (buffer.length < value.length) buffer = new Uint16Array(value.length * 2);
  const out = buffer;
  let length = 0;
  let same = true; // the folded form is the value itself (already folded): return it as is
  let pendingSpace = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0x300 && c <= 0x36f) {
      same = false;
      continue; // a decomposed mark: the letter before it is already folded
    }
    let folded: number;
    if (c < TABLE_END) {
      folded = FOLD_TABLE[c]!;
      if (folded === 0) {
        if (c === 0xa0 || c === 0x85 || (c >= 0x2000 && c <= 0x200a)) folded = 32;
        else return slowPath(value, wordsOnly);
      }
    } else if (c === 0x3000 || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0xfeff) folded = 32;
    else return slowPath(value, wordsOnly);
    const isSpace = folded === 32 || folded === 9 || folded === 10 || folded === 13 || folded === 12 || folded === 11;
    const isWordChar = (folded >= 97 && folded <= 122) || (folded >= 48 && folded <= 57);
    if (isSpace || (wordsOnly && !isWordChar)) {
      if (length > 0) pendingSpace = true;
      // kept as is only when it is a single plain space between two kept characters
      if (c !== 32 || pendingSpace === false || (i > 0 && value.charCodeAt(i - 1) === 32)) same = false;
      continue;
    }
    if (pendingSpace) {
      out[length++] = 32;
      pendingSpace = false;
    }
    if (folded !== c) same = false;
    out[length++] = folded;
  }
  if (same && length === value.length) return value;
  return codesToString(out, length);
}

function codesToString(codes: Uint16Array, length: number): string {
  if (length <= 2048) return String.fromCharCode.apply(null, codes.subarray(0, length) as unknown as number[]);
  let text = '';
  for (let start = 0; start < length; start += 2048) text += String.fromCharCode.apply(null, codes.subarray(start, Math.min(length, start + 2048)) as unknown as number[]);
  return text;
}

function slowPath(value: string, wordsOnly: boolean): string {
  const folded = slowFold(value);
  return (wordsOnly ? folded.replace(NON_LETTER_OR_DIGIT, ' ') : folded).replace(/\s+/g, ' ').trim();
}

/** Folded words of a value, empty strings removed. */
export function foldedTokens(value: string): string[] {
  const words = foldToWords(value);
  return words === '' ? [] : words.split(' ');
}

/** Trims and collapses internal whitespace and puts the text in NFC, keeping case and diacritics (display form). */
export function tidyText(value: string): string {
  return value.normalize('NFC').replace(/\s+/g, ' ').trim();
}
