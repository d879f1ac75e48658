/**
 * How Vietnamese customer lists put several phone numbers in one cell: separated by a comma, a semicolon or
 * a line break ("0912 345 678; 0987 654 321"), or joined by a slash or a dash ("0912345678 - 0987654321",
 * "0912.345.678/0987.654.321"). A slash or a dash also appears inside one number ("028-3822-1234") or before
 * an extension ("028 3822 1234 / 1235"), so a cell is cut there only when every piece is a whole number.
 */

/** Always separates numbers. No quantifier next to it: each piece is trimmed instead (linear time). */
const LIST_SEPARATOR = /[,;\n]/;

/** Joins two numbers when each side is a whole number: a slash, a dash between spaces, an en or em dash. */
const JOINING_SEPARATOR = /\/|\s-\s|[–—]/;

/** Digits of the shortest whole number: a Vietnamese mobile without its leading 0 (912 345 678). */
const WHOLE_NUMBER_DIGITS = 9;

function digitCount(text: string): number {
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) digits++;
  }
  return digits;
}

function splitJoined(item: string): string[] {
  const pieces = item.split(JOINING_SEPARATOR);
  return pieces.length > 1 && pieces.every((piece) => digitCount(piece) >= WHOLE_NUMBER_DIGITS) ? pieces : [item];
}

/**
 * Facebook Lead Ads exports write every phone as `p:+84912345678`, so a spreadsheet keeps it as text; the
 * marker is not part of the number.
 */
const TEXT_MARKER = /^p:/i;

/**
 * The phone numbers of one cell, each trimmed, as typed (normalising is the duplicate rules' job), without
 * the `p:` marker of Facebook Lead Ads exports.
 */
export function splitPhoneCell(cell: string): string[] {
  const out: string[] = [];
  for (const item of cell.split(LIST_SEPARATOR)) {
    for (const piece of splitJoined(item)) {
      const phone = piece.trim().replace(TEXT_MARKER, '').trim();
      if (phone !== '') out.push(phone);
    }
  }
  return out;
}
