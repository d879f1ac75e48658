/**
 * Vietnamese reports and customer lists, above all those exported from accounting software, end with a
 * footer under the data: a totals line ("Tổng cộng: 120 khách hàng"), the place and date ("Hà Nội, ngày 23
 * tháng 11 năm 2026") and a signature block ("Người lập biểu", "Kế toán trưởng", "Giám đốc", "(Ký, họ
 * tên)"). Read as data, each of those lines whose text sits in the name column would become a customer.
 *
 * Matched with diacritics (lower case, NFC): folded, "Cộng" (a sum) and "Công" (a common name word) would be
 * the same word.
 */

/** Texts a name cell of a footer line is, whole (lower case, without brackets or a final colon). */
const FOOTER_TEXTS: ReadonlySet<string> = new Set([
  'người lập biểu',
  'người lập bảng',
  'người lập',
  'người lập phiếu',
  'người duyệt',
  'kế toán trưởng',
  'kế toán',
  'giám đốc',
  'phó giám đốc',
  'tổng giám đốc',
  'thủ trưởng đơn vị',
  'trưởng phòng',
  'xác nhận của đơn vị',
  'ký, họ tên',
  'ký và họ tên',
  'ký, ghi rõ họ tên',
  'ký và ghi rõ họ tên',
  'ký, họ tên, đóng dấu',
  'ký tên',
  'ký tên, đóng dấu',
  'prepared by',
  'approved by',
  'signature',
]);

/** First words footer lines start with (the date line "…, ngày … tháng … năm …" is told by its "tháng"). */
const FIRST_WORDS: ReadonlySet<string> = new Set(['tổng', 'cộng', 'total', 'grand', 'subtotal', 'sub-total', 'ngày', ...[...FOOTER_TEXTS].map((text) => text.split(/[\s,]/)[0]!)]);

/** The longest of {@link FIRST_WORDS}: a longer first word belongs to a name and is not worth lower-casing. */
const LONGEST_FIRST_WORD = Math.max(...[...FIRST_WORDS].map((word) => word.length));

/** Whether a character ends a line's first word: a space, a colon, a full stop, a comma, a bracket or a digit. */
function endsWord(code: number): boolean {
  return code === 32 || code === 9 || code === 58 || code === 46 || code === 44 || code === 40 || code === 41 || code === 91 || code === 93 || (code >= 48 && code <= 57);
}

/** The first word of a line past any opening bracket, in lower case and NFC ('' for none). */
function firstWordOf(text: string): string {
  let start = 0;
  for (let code = text.charCodeAt(0); code === 32 || code === 40 || code === 91 || code === 9; code = text.charCodeAt(++start));
  let end = start;
  let decomposed = false;
  for (; end < text.length; end++) {
    const code = text.charCodeAt(end);
    if (endsWord(code)) break;
    if (code >= 0x300 && code <= 0x36f) decomposed = true;
  }
  // decomposed, a letter can take three code units ("ờ" is o, a horn and a grave accent)
  if (end - start > (decomposed ? 3 * LONGEST_FIRST_WORD : LONGEST_FIRST_WORD)) return '';
  const word = text.slice(start, end).toLowerCase();
  return decomposed ? word.normalize('NFC') : word;
}

/** "tháng" as it is typed (lower, upper or title case), composed and decomposed. */
const MONTH_WORDS = ['tháng', 'THÁNG', 'Tháng'].flatMap((word) => [word, word.normalize('NFD')]);

/** The shortest date line, "ngày 1 tháng 1 năm 2026", and names are mostly shorter: they skip the search. */
const SHORTEST_DATE_LINE = 'ngày 1 tháng 1 năm 2026'.length;

/** Whether a line may be a "…, ngày … tháng … năm …" date line: it is long enough and has "tháng". */
function mayBeDated(text: string): boolean {
  if (text.length < SHORTEST_DATE_LINE) return false;
  for (const word of MONTH_WORDS) if (text.includes(word)) return true;
  return false;
}

/**
 * Totals lines: "Tổng cộng: 120 khách hàng", "Tổng số khách hàng", "Cộng: 12", "Total (120)". A bare "tổng",
 * "cộng" or "total" counts only alone or before a colon, a bracket or a number: "Tổng công ty Điện lực",
 * "Cộng đồng Doanh nhân trẻ" and "Total Solutions" are names of organisations.
 */
const TOTALS_LINE = /^(?:(?:tổng cộng|tổng số|grand total|subtotal|sub-total)(?:$|[\s:.,(\d])|(?:tổng|cộng|total)(?:$|\s*[:.(\d]))/u;

/** The place and date a report is signed on: "Hà Nội, ngày 23 tháng 11 năm 2026", "Ngày ... tháng ... năm 20..". */
const SIGNED_ON_LINE = /(?:^|,\s*)ngày\s*[\d.…]*\s*tháng\s*[\d.…]*\s*năm\s*[\d.…]*$/u;

/**
 * Whether a name cell holds a line of a sheet's footer (totals, the date it was signed, a signature title)
 * rather than a name. Real names never match: "Công Phượng", "Lê Tổng" and "Công ty TNHH Cộng Hoà" are names.
 */
export function isSheetFooterLine(text: string): boolean {
  // every row's name passes here: most are turned away by their first word, before any normalising
  if (!FIRST_WORDS.has(firstWordOf(text)) && !mayBeDated(text)) return false;
  const line = text.normalize('NFC').toLowerCase().trim();
  if (TOTALS_LINE.test(line) || SIGNED_ON_LINE.test(line)) return true;
  const bare = line.replace(/^[\s(\[]+|[\s)\]:.]+$/gu, '').replace(/\s+/gu, ' ');
  return FOOTER_TEXTS.has(bare);
}
