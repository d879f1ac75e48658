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
}

/** Builds an {@link ImportTable} from raw cell rows whose first row is the header. */
export function tableFromCells(cells: readonly (readonly string[])[]): ImportTable {
  const builder = new ImportTableBuilder();
  for (let i = 0; i < cells.length; i++) builder.add(cells[i]!);
  return builder.table;
}

/**
 * Builds an {@link ImportTable} a row at a time, as a parser hands the rows over (so a parser that gives the
 * event loop back between slices does not finish with one long pass over every row): blank rows before the
 * header are skipped, the first non-blank row is the header, blank rows after it are dropped, and every data
 * row is padded to the header's width.
 */
export class ImportTableBuilder {
  /** The table so far. */
  readonly table: ImportTable = { headers: [], rows: [], rowNumbers: [] };
  private rowsSeen = 0;
  private hasHeader = false;

  /** Counts rows the file leaves out (a spreadsheet stores no element for an empty row): they are blank. */
  skipBlankRows(count: number): void {
    this.rowsSeen += count;
  }

  /** Adds the next raw row of the file (blank ones included: they count for row numbers). */
  add(row: readonly string[]): void {
    this.rowsSeen++;
    if (!row.some((cell) => cell.trim() !== '')) return;
    if (!this.hasHeader) {
      this.hasHeader = true;
      this.table.headers = row.map((cell) => cell.normalize('NFC').trim());
      return;
    }
    const width = this.table.headers.length;
    const out = new Array<string>(width);
    for (let c = 0; c < width; c++) out[c] = row[c] ?? '';
    this.table.rows.push(out);
    this.table.rowNumbers.push(this.rowsSeen);
  }
}
