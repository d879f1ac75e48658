/**
 * How many digits a number format made only of digit placeholders (`0000000000`, `0#########`) always
 * shows: from its leftmost `0` to its end, as a spreadsheet fills it from the right. Tax codes and phones
 * stored as numbers keep their leading 0 on screen this way (101234567 in `0000000000` shows as 0101234567,
 * 912345678 in `0#########` as 0912345678). 0 for any other format, and for a code with no `0` (`###`).
 */
export function zeroPaddedDigits(code: string): number {
  if (!/^[0#]+$/.test(code)) return 0;
  const firstZero = code.indexOf('0');
  return firstZero < 0 ? 0 : code.length - firstZero;
}

/**
 * A whole number's text padded with leading zeros to `digits`, as a zero-padded format shows it (`-5` in
 * `000` is `-005`); any other number as its shortest text (the padding is for codes, which are whole).
 */
export function zeroPaddedText(value: number, digits: number): string {
  if (!Number.isSafeInteger(value)) return String(value);
  const text = String(Math.abs(value)).padStart(digits, '0');
  return value < 0 ? `-${text}` : text;
}
