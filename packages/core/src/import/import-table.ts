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
  const headerIndex = cells.findIndex((row) => row.some((cell) => cell.trim() !== ''));
  if (headerIndex < 0) return { headers: [], rows: [], rowNumbers: [] };
  const headers = cells[headerIndex]!.map((cell) => cell.normalize('NFC').trim());
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  for (let i = headerIndex + 1; i < cells.length; i++) {
    const row = cells[i]!;
    if (!row.some((cell) => cell.trim() !== '')) continue;
    const out = new Array<string>(headers.length);
    for (let c = 0; c < headers.length; c++) out[c] = row[c] ?? '';
    rows.push(out);
    rowNumbers.push(i + 1);
  }
  return { headers, rows, rowNumbers };
}
