import { foldToWords } from './normalize-text.js';

/**
 * Common Vietnamese surnames (họ), folded, most frequent first. The order decides which token is the surname
 * when both ends of a name could be one ("Hà Trần": Trần is the more common surname, so the name is read
 * given-name-first). Nguyễn alone is about 38% of the population.
 */
export const VIETNAMESE_SURNAMES: readonly string[] = [
  'nguyen', 'tran', 'le', 'pham', 'hoang', 'huynh', 'phan', 'vu', 'vo', 'dang', 'bui', 'do', 'ho', 'ngo', 'duong', 'ly',
  'truong', 'dinh', 'doan', 'lam', 'trinh', 'dao', 'cao', 'luong', 'luu', 'ta', 'chau', 'quach', 'thai', 'kieu', 'ton',
  'tang', 'mac', 'lu', 'vuong', 'tong', 'trieu', 'la', 'thach', 'phung', 'hua', 'quan', 'khuc', 'tieu', 'dieu', 'au',
  'nong', 'lo', 'mai', 'ha', 'giang', 'an', 'van', 'khong', 'thieu', 'kim', 'han', 'chu', 'ong', 'lai', 'tat',
];

const RARE_SURNAME_RANK = 20;
const GREAT_SURNAME_RANK = 10;
const SURNAME_RANK = new Map(VIETNAMESE_SURNAMES.map((name, index) => [name, index]));

/** A person's name, folded and split into its Vietnamese parts. */
export interface NormalizedPersonName {
  /** Folded tokens in the order typed. */
  tokens: readonly string[];
  /** Folded tokens in Vietnamese order: surname, middle names, given name. */
  ordered: readonly string[];
  /** The surname (họ), folded; empty for a one-word name. */
  surname: string;
  /** Middle names (tên đệm), folded. */
  middle: readonly string[];
  /** The given name (tên), folded; the word people are called by. */
  given: string;
  /** Tokens sorted alphabetically and joined: equal for any word order. */
  sortedKey: string;
  /**
   * `surname|given`: equal when only the order or the middle names differ ("Hoàng Gia Minh", "Minh Hoàng",
   * "Hoàng Minh").
   */
  surnameGivenKey: string;
  /** The whole name in Vietnamese order, folded, single-spaced. */
  folded: string;
  /** The whole name in Vietnamese order without spaces: equal when a space was lost ("NgọcAnh"). */
  compact: string;
}

function surnameRank(token: string | undefined): number {
  return token === undefined ? Number.POSITIVE_INFINITY : (SURNAME_RANK.get(token) ?? Number.POSITIVE_INFINITY);
}

/**
 * Folds a Vietnamese (or Western) person name and works out surname, middle and given name. Names typed
 * given-name-first ("Thành Nguyễn", as forms built for English often force) are turned round when the last
 * word is a known surname and the first is not (or is a rare surname that is usually a given name).
 */
export function normalizePersonName(value: string | null | undefined): NormalizedPersonName | null {
  if (value === null || value === undefined) return null;
  // The folded words are single-spaced already: the common case (typed surname first) reuses that string
  // for `folded` instead of joining the tokens again (this runs for every record of a scan or an import).
  const words = foldToWords(value);
  if (words === '') return null;
  const tokens = words.split(' ');
  let ordered = tokens;
  const marked = markedSurnameAt(tokens);
  if (marked > 0) {
    // "Hoa Nguyễn Thị": a given name before surname and middle name, as a first-name | last-name form joins them
    ordered = [...tokens.slice(marked), ...tokens.slice(0, marked)];
  } else if (tokens.length >= 2 && marked < 0) {
    const first = surnameRank(tokens[0]);
    const last = surnameRank(tokens[tokens.length - 1]);
    // Reorder when the first word cannot be a surname ("Thành Nguyễn"), or, in a two-word name, is a rare
    // surname that is mostly a given name while the last is one of the great surnames ("An Trần", "Giang
    // Nguyễn"). "Vũ Thanh Hoàng" keeps Vũ as the surname even though Hoàng is the more common one, and so do
    // "Trịnh Văn Hoàng" and "Cao Minh Vũ": three words starting with a surname are in Vietnamese order.
    if ((first === Number.POSITIVE_INFINITY && last < first) || (tokens.length === 2 && first >= RARE_SURNAME_RANK && last < GREAT_SURNAME_RANK)) ordered = [tokens[tokens.length - 1]!, ...tokens.slice(0, -1)];
  }
  const surname = ordered.length >= 2 ? ordered[0]! : '';
  const given = ordered[ordered.length - 1]!;
  const middle = ordered.length > 2 ? ordered.slice(1, -1) : NO_MIDDLE;
  return {
    tokens,
    ordered,
    surname,
    middle,
    given,
    sortedKey: sortedKeyOf(tokens, words),
    surnameGivenKey: `${surname}|${given}`,
    folded: ordered === tokens ? words : ordered.join(' '),
    compact: tokens.length === 1 ? words : ordered.join(''),
  };
}

const NO_MIDDLE: readonly string[] = Object.freeze([]);

/** Middle names that mark the word before them as the surname: Văn for men, Thị for women. */
const MIDDLE_NAME_MARKERS = new Set(['van', 'thi']);

/**
 * Where a known surname followed by Văn or Thị stands in a name of three or more words: 0 when the name
 * starts with it (Vietnamese order), the position when a given name comes first ("Hoa Nguyễn Thị"), −1 when no
 * word is so marked.
 */
function markedSurnameAt(tokens: readonly string[]): number {
  if (tokens.length < 3) return -1;
  for (let i = 0; i < tokens.length - 1; i++) if (MIDDLE_NAME_MARKERS.has(tokens[i + 1]!) && SURNAME_RANK.has(tokens[i]!)) return i;
  return -1;
}

/**
 * The tokens sorted and joined. Up to three tokens (most Vietnamese names) are ordered by hand, without a copy,
 * a sort and a join; `<` compares code units as `sort()` does, so the key is the same either way.
 */
function sortedKeyOf(tokens: readonly string[], words: string): string {
  if (tokens.length === 1) return words;
  if (tokens.length === 2) return tokens[0]! <= tokens[1]! ? words : `${tokens[1]} ${tokens[0]}`;
  if (tokens.length === 3) {
    let a = tokens[0]!;
    let b = tokens[1]!;
    let c = tokens[2]!;
    if (a <= b && b <= c) return words;
    if (b < a) [a, b] = [b, a];
    if (c < b) [b, c] = [c, b];
    if (b < a) [a, b] = [b, a];
    return `${a} ${b} ${c}`;
  }
  return [...tokens].sort().join(' ');
}
