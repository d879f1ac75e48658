import type { CrmValidationError } from '../errors.js';
import { failField, requirePositiveWhole } from '../schema/validate.js';
import { foldToWords } from '../dedup/normalize-text.js';
import { PERSON_IMPORT_TARGETS } from './column-mapping.js';

/**
 * A parsed import file: its header cells and its data rows as strings, whatever the file format. Row
 * numbers are what a spreadsheet shows (the header is row 1, the first data row row 2), so a rejection report
 * points the user at the line they can see.
 */
export interface ImportTable {
  /** Header cells, trimmed, in column order. */
  headers: string[];
  /** Data rows; each has one string per header (missing cells are ''). Blank rows are dropped. */
  rows: string[][];
  /** The spreadsheet row number of each data row (blank rows dropped do not shift the others). */
  rowNumbers: number[];
  /** The spreadsheet row number of the header; rows above it (a title, a date) are not data. */
  headerRow?: number;
  /**
   * When the header runs over two rows (a group such as "Địa chỉ" merged over "Phường/Xã | Quận/Huyện"), the
   * row number of the second one: a column it names takes that name in `headers`, the others keep the
   * first row's.
   */
  subHeaderRow?: number;
}

/**
 * Checks a table a host parsed itself before it is imported: `headers` strings, `rows` of strings no wider
 * than the header, and `rowNumbers` (when given) one positive whole number per row. A loop, not a schema: a
 * 100,000-row table is checked in a few milliseconds. Returns the table with `rowNumbers` filled in (as if
 * the header were row 1 and no row were blank) when it had none; throws a {@link CrmValidationError} at the
 * first bad place (`table.rows.12.3`).
 */
export function checkImportTable(value: unknown): ImportTable {
  const fail = (path: string, message: string): never => failField(`table${path}`, message, 'invalid_type', 'import');
  if (typeof value !== 'object' || value === null) fail('', 'must be CSV text, file bytes, a Blob or a table of { headers, rows }');
  const table = value as Partial<ImportTable>;
  if (!Array.isArray(table.headers)) fail('.headers', 'must be a list of column headers');
  if (!Array.isArray(table.rows)) fail('.rows', 'must be a list of rows');
  const headers = table.headers!;
  const rows = table.rows!;
  for (let c = 0; c < headers.length; c++) if (typeof headers[c] !== 'string') fail(`.headers.${c}`, 'must be text');
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (!Array.isArray(row)) fail(`.rows.${r}`, 'must be a list of cells');
    if (row!.length > headers.length) fail(`.rows.${r}`, `has ${row!.length} cells for ${headers.length} headers`);
    for (let c = 0; c < row!.length; c++) if (typeof row![c] !== 'string') fail(`.rows.${r}.${c}`, 'must be text');
  }
  const rowNumbers = table.rowNumbers;
  if (rowNumbers === undefined) return { ...(table as ImportTable), rowNumbers: rows.map((_, r) => r + 2) };
  if (!Array.isArray(rowNumbers) || rowNumbers.length !== rows.length) fail('.rowNumbers', `must give one row number for each of the ${rows.length} rows`);
  for (let r = 0; r < rowNumbers.length; r++) requirePositiveWhole(rowNumbers[r]!, `table.rowNumbers.${r}`, 'import');
  return table as ImportTable;
}

/** Where the header is: the spreadsheet row number, or found in the first rows (see {@link ImportTableBuilder}). */
export interface HeaderRowOptions {
  /**
   * The spreadsheet row number (1-based, blank rows counted) of the header. By default it is found in the
   * first {@link HEADER_SEARCH_ROWS} rows (see {@link ImportTableBuilder}), so a title ("DANH SÁCH KHÁCH
   * HÀNG") or a date line above the header is skipped.
   */
  headerRow?: number;
}

/** How many non-blank rows at the top of a file are looked at to find the header. */
export const HEADER_SEARCH_ROWS = 20;

/**
 * How much of the widest row's filled cells a row needs to be taken for the header: a date line of two
 * cells ("Ngày lập: …", "Người lập: …") above a four-column header is not one.
 */
const HEADER_WIDTH_SHARE = 0.6;

/** Builds an {@link ImportTable} from raw cell rows: the header is found as {@link ImportTableBuilder} does. */
export function tableFromCells(cells: readonly (readonly string[])[], options: HeaderRowOptions = {}): ImportTable {
  const builder = new ImportTableBuilder(options);
  for (let i = 0; i < cells.length; i++) builder.add(cells[i]!);
  return builder.table;
}

let knownHeaders: ReadonlySet<string> | undefined;

/** How many cells of a row are, folded, a header spelling crmkit knows ("Họ và tên", "SĐT", "Email", …). */
function knownHeaderCells(row: readonly string[]): number {
  knownHeaders ??= new Set(PERSON_IMPORT_TARGETS.flatMap((target) => target.synonyms.map((synonym) => foldToWords(synonym))));
  let known = 0;
  for (const cell of row) if (cell !== '' && knownHeaders.has(foldToWords(cell))) known++;
  return known;
}

function headerRowError(message: string): never {
  return failField('headerRow', message, 'invalid_value', 'import');
}

const isFilled = (cell: string | undefined) => cell !== undefined && cell.trim() !== '';

const filledCells = (row: readonly string[]) => {
  let filled = 0;
  for (const cell of row) if (isFilled(cell)) filled++;
  return filled;
};

/**
 * Whether `lower`, the row right under the header `upper`, is the header's second row: the names of the
 * columns under a merged group label. A merged cell keeps its text in its first cell only, so such a pair
 * has (1) a label merged down over both rows — filled above, blank below — (2) a group: a filled cell above
 * whose column and the next, blank above, are both named below, and (3) below, names crmkit knows for at
 * least half of the filled cells ("Phường/Xã", "Quận/Huyện", …). A title or a date line over a header has
 * no (1); a data row has no (3).
 */
function isSecondHeaderRow(upper: readonly string[], lower: readonly string[]): boolean {
  const width = Math.max(upper.length, lower.length);
  let upperFilled = 0;
  let mergedDown = false;
  let grouped = false;
  let groupStart = -1; // the last column filled above
  for (let c = 0; c < width; c++) {
    const above = isFilled(upper[c]);
    const below = isFilled(lower[c]);
    if (above) {
      upperFilled++;
      groupStart = c;
      if (!below) mergedDown = true;
    } else if (below && groupStart >= 0 && isFilled(lower[groupStart])) grouped = true;
  }
  if (upperFilled < 2 || !mergedDown || !grouped) return false;
  const filledBelow = filledCells(lower);
  const known = knownHeaderCells(lower);
  return known >= 1 && known * 2 >= filledBelow;
}

/**
 * Builds an {@link ImportTable} a row at a time, as a parser hands the rows over (so a parser that gives the
 * event loop back between slices does not finish with one long pass over every row). Blank rows are
 * dropped, every data row is padded to the header's width, and row numbers count every row of the file.
 *
 * The header is the row `headerRow` names, or else the first of the first {@link HEADER_SEARCH_ROWS}
 * non-blank rows with two cells that are header spellings crmkit knows (so a header over wider data, or
 * under a date line as wide as it, is still found), or, when no row has two, the first row with at least two
 * filled cells and 60% as many as the widest of them: Vietnamese spreadsheets often open with a title and a
 * date line above the real header. A one-column file's header is its first non-blank row. Rows above the
 * header are not data. A header over two rows (merged group labels, see {@link ImportTable.subHeaderRow}) is
 * taken whole, whichever of its rows the search lands on.
 */
export class ImportTableBuilder {
  private readonly result: ImportTable = { headers: [], rows: [], rowNumbers: [] };
  private rowsSeen = 0;
  private hasHeader = false;
  /** Non-blank rows seen while looking for the header. */
  private readonly top: { cells: readonly string[]; row: number; filled: number }[] = [];
  /** The header's own cells while the row under it may still be its second row. */
  private headerCells: readonly string[] | null = null;

  constructor(private readonly options: HeaderRowOptions = {}) {
    if (options.headerRow !== undefined) requirePositiveWhole(options.headerRow, 'headerRow', 'import', 'a row number');
  }

  /**
   * The table so far; reading it settles the header if the first rows are still being looked at. Throws
   * when the file ended before the `headerRow` it was given.
   */
  get table(): ImportTable {
    if (!this.hasHeader && this.top.length > 0) this.settleHeader();
    const { headerRow } = this.options;
    if (!this.hasHeader && headerRow !== undefined && this.rowsSeen > 0) headerRowError(`is ${headerRow}, but the file has only ${this.rowsSeen} rows`);
    return this.result;
  }

  /** Data rows so far (rows still examined for the header are not counted yet). */
  get dataRows(): number {
    return this.result.rows.length;
  }

  /** Counts rows the file leaves out (a spreadsheet stores no element for an empty row): they are blank. */
  skipBlankRows(count: number): void {
    this.rowsSeen += count;
  }

  /** Adds the next raw row of the file (blank ones included: they count for row numbers). */
  add(row: readonly string[]): void {
    const number = ++this.rowsSeen;
    if (this.hasHeader) {
      // every data row passes here: stop at its first filled cell rather than count them all
      if (row.some(isFilled)) this.addAfterHeader(row, number);
      else this.headerCells = null;
      return;
    }
    const { headerRow } = this.options;
    if (headerRow !== undefined) {
      if (number !== headerRow) return;
      if (!row.some(isFilled)) headerRowError(`is ${headerRow}, but row ${headerRow} is blank`);
      this.setHeader(row, number);
      return;
    }
    const filled = filledCells(row);
    if (filled === 0) return;
    this.top.push({ cells: row, row: number, filled });
    if (this.top.length >= HEADER_SEARCH_ROWS) this.settleHeader();
  }

  private settleHeader(): void {
    const top = this.top;
    const widest = Math.max(...top.map((entry) => entry.filled));
    const wideEnough = Math.max(2, Math.ceil(widest * HEADER_WIDTH_SHARE));
    // a row naming two known columns is the header, even when the data run wider (unnamed columns of notes)
    // and even below a date line that is wide enough ("Ngày lập: …;;Người lập: …" over three columns)
    let at = top.findIndex((entry) => knownHeaderCells(entry.cells) >= 2);
    if (at < 0) at = Math.max(0, top.findIndex((entry) => entry.filled >= wideEnough));
    // the search may land on the second row of a two-row header (its first row has too few cells): step up
    const above = top[at - 1];
    if (above !== undefined && above.row === top[at]!.row - 1 && isSecondHeaderRow(above.cells, top[at]!.cells)) at--;
    this.setHeader(top[at]!.cells, top[at]!.row);
    for (let i = at + 1; i < top.length; i++) this.addAfterHeader(top[i]!.cells, top[i]!.row);
    top.length = 0;
  }

  private setHeader(row: readonly string[], number: number): void {
    this.hasHeader = true;
    this.headerCells = row;
    this.result.headers = row.map((cell) => cell.normalize('NFC').trim());
    this.result.headerRow = number;
  }

  /** A non-blank row after the header: the header's second row when it is right under it and looks so, else data. */
  private addAfterHeader(row: readonly string[], number: number): void {
    const upper = this.headerCells;
    if (upper !== null) {
      this.headerCells = null;
      if (number === this.result.headerRow! + 1 && isSecondHeaderRow(upper, row)) {
        const width = Math.max(upper.length, row.length);
        const headers: string[] = [];
        for (let c = 0; c < width; c++) headers.push((isFilled(row[c]) ? row[c]! : (upper[c] ?? '')).normalize('NFC').trim());
        this.result.headers = headers;
        this.result.subHeaderRow = number;
        return;
      }
    }
    this.addData(row, number);
  }

  private addData(row: readonly string[], number: number): void {
    const width = this.result.headers.length;
    const out = new Array<string>(width);
    for (let c = 0; c < width; c++) out[c] = row[c] ?? '';
    this.result.rows.push(out);
    this.result.rowNumbers.push(number);
  }
}
