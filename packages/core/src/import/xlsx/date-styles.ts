import { attribute, ElementScanner } from './xml-text.js';
import { zeroPaddedDigits } from './zero-padded-format.js';

/**
 * Built-in number formats that show a date or a time (ECMA-376 part 1, 18.8.30), including those East Asian
 * locales add. Custom formats (id ≥ 164) are read from their format code.
 */
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

const DATE_TOKENS = new Set(['y', 'yy', 'yyy', 'yyyy', 'm', 'mm', 'mmm', 'mmmm', 'mmmmm', 'd', 'dd', 'ddd', 'dddd', 'h', 'hh', 's', 'ss', 'am', 'pm', 'a', 'p', 'e', 'ee', 'eee', 'eeee', 'g', 'gg', 'ggg', 'b', 'bb', 'bbbb', 'aaa', 'aaaa']);

/**
 * Whether a number format code shows a date or a time: what is left after dropping quoted text, escaped
 * characters, colours, locales and conditions is made only of date and time tokens (`dd/mm/yyyy`,
 * `[$-42A]d mmmm yyyy`, `h:mm AM/PM`, `[h]:mm:ss`), and no digit placeholders (`0`, `#`, `?`).
 */
export function isDateFormatCode(code: string): boolean {
  return code
    .toLowerCase()
    .replace(/;@$/, '')
    .split(';')
    .some((section) => {
      const bare = section
        .replace(/"[^"]*"/g, ' ')
        .replace(/\\./g, ' ')
        .replace(/_./g, ' ')
        .replace(/(\[?[smh]{1,2}\]?)[.,]0{1,3}/g, '$1') // fractional seconds
        .replace(/\[([smh]{1,2})\]/g, '$1') // elapsed time
        .replace(/\[[^\]]*\]/g, ''); // colours, locales, conditions
      const tokens = bare.split(/[^a-z0#?%]+/).filter(Boolean);
      return tokens.length > 0 && tokens.every((token) => DATE_TOKENS.has(token));
    });
}

const CELL_FORMATS = new ElementScanner('cellXfs');
const FORMAT = new ElementScanner('xf');
const NUMBER_FORMAT = new ElementScanner('numFmt');

/**
 * What a cell style's number format means for an import: `'date'` (the number is a day count), the digits
 * a whole number is shown zero-padded to (`0000000000` on a tax code, see {@link zeroPaddedDigits}), or
 * `undefined` (the number is read as it is).
 */
export type CellNumberFormat = 'date' | { zeroPaddedTo: number } | undefined;

/**
 * For each cell style index of a style sheet, how it shows the cell's number: as a date (a spreadsheet
 * stores a date as a day count, and only its style says it is one), zero-padded (a code whose leading 0 only
 * the format keeps), or as it is.
 */
export function dateStyles(stylesXml: string): CellNumberFormat[] {
  const custom = new Map<number, string>();
  for (const tag of NUMBER_FORMAT.all(stylesXml)) custom.set(Number(attribute(tag, 'numFmtId')), attribute(tag, 'formatCode') ?? '');
  const cellFormats = CELL_FORMATS.firstContent(stylesXml) ?? '';
  const out: CellNumberFormat[] = [];
  for (let from = 0; FORMAT.find(cellFormats, from) === 'found'; from = FORMAT.end) {
    const id = Number(attribute(FORMAT.attributes(cellFormats), 'numFmtId') ?? 0);
    const code = custom.get(id);
    out.push(code !== undefined ? customFormat(code) : BUILT_IN_DATE_FORMATS.has(id) ? 'date' : undefined);
  }
  return out;
}

function customFormat(code: string): CellNumberFormat {
  if (isDateFormatCode(code)) return 'date';
  const digits = zeroPaddedDigits(code);
  return digits > 1 ? { zeroPaddedTo: digits } : undefined;
}

/** Unix epoch in Excel's 1900 day count (which counts the 29 February 1900 that never was). */
const UNIX_EPOCH_1900 = 25569;
/** Unix epoch in the 1904 day count. */
const UNIX_EPOCH_1904 = 24107;

/**
 * A date cell's text: `yyyy-mm-dd`, or `yyyy-mm-ddThh:mm:ss` when it has a time of day. Spreadsheet dates
 * have no zone; they are read as UTC, to the nearest second (day fractions are rarely exact in binary).
 */
export function excelDateText(serial: number, date1904: boolean): string {
  const seconds = Math.round((serial - (date1904 ? UNIX_EPOCH_1904 : UNIX_EPOCH_1900)) * 86_400);
  const iso = new Date(seconds * 1000).toISOString();
  return seconds % 86_400 === 0 ? iso.slice(0, 10) : iso.slice(0, 19);
}
