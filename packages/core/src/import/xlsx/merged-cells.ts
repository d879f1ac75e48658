import type { ImportTable } from '../import-table.js';
import { columnIndex } from './sheet-row.js';
import { unreadableXlsx } from './unreadable-xlsx.js';
import { attribute, XmlElementStream } from './xml-text.js';

/**
 * A cell merged down over rows of one column (`<mergeCell ref="D5:D7"/>`): lists group their rows under one
 * merged value ("Hà Nội" down the province column of every customer in Hà Nội), which the file keeps in the
 * first cell only.
 */
export interface MergedDown {
  /** 0-based column. */
  column: number;
  /** Spreadsheet row number of the merged cell's top, where its value is. */
  firstRow: number;
  /** Spreadsheet row number of its bottom. */
  lastRow: number;
}

/** More merged cells than any real list holds: a crafted sheet must not fill the memory with them. */
export const MAX_MERGED_CELLS = 1_000_000;

const CELL_REFERENCE = /^([A-Za-z]{1,3})(\d{1,7})$/;

/**
 * Reads one `<mergeCell>` element. Only a merge down one column is kept: a merge across columns is a layout
 * choice (a long note over empty columns), and spreading its value would write it into other fields.
 */
export function readMergedDown(elementXml: string): MergedDown | null {
  const ref = attribute(elementXml, 'ref');
  if (ref === undefined) return null;
  const [from, to] = ref.split(':');
  const top = CELL_REFERENCE.exec(from ?? '');
  const bottom = CELL_REFERENCE.exec(to ?? '');
  if (top === null || bottom === null) return null;
  const column = columnIndex(top[1]!);
  const firstRow = Number(top[2]);
  const lastRow = Number(bottom[2]);
  if (column !== columnIndex(bottom[1]!) || lastRow <= firstRow) return null;
  return { column, firstRow, lastRow };
}

/** How much of the last piece is kept: more than `</x:sheetData >` takes. */
const TAIL_CHARS = 32;

/** The end of a sheet's rows: `</sheetData>` (any prefix), or an empty `<sheetData/>`. */
const SHEET_DATA_END = /<\/(?:[\w.-]+:)?sheetData\s*>|<(?:[\w.-]+:)?sheetData\s*\/>/;

/**
 * Collects the merged cells of a sheet as its text streams past. They come after the rows
 * (`</sheetData><mergeCells>…`), so the text is only searched for them from there on: the rows, nearly all
 * of the sheet, are not scanned a second time.
 */
export class MergedCellsCollector {
  readonly merged: MergedDown[] = [];
  private readonly stream: XmlElementStream;
  private afterRows = false;
  /** The end of the last piece, in case `</sheetData>` is cut between two pieces. */
  private tail = '';

  constructor(refuse: (problem: 'too-large' | 'cut-short') => Error) {
    this.stream = new XmlElementStream('mergeCell', (xml) => this.take(xml), refuse);
  }

  /** Adds the next piece of the sheet's text; `final` once the last piece is in. */
  push(text: string, final: boolean): void {
    if (this.afterRows) {
      this.stream.push(text, final);
      return;
    }
    const joined = this.tail.length > 0 && (this.tail + text.slice(0, TAIL_CHARS)).includes('sheetData') ? this.tail + text : text;
    const end = joined.includes('sheetData') ? SHEET_DATA_END.exec(joined) : null;
    if (end !== null) {
      this.afterRows = true;
      this.stream.push(joined.slice(end.index + end[0].length), final);
      return;
    }
    this.tail = text.length >= TAIL_CHARS ? text.slice(-TAIL_CHARS) : (this.tail + text).slice(-TAIL_CHARS);
  }

  private take(xml: string): void {
    const merged = readMergedDown(xml);
    if (merged === null) return;
    if (this.merged.length >= MAX_MERGED_CELLS) throw unreadableXlsx(`it has more than ${MAX_MERGED_CELLS.toLocaleString('en')} merged cells, far past what a list holds`);
    this.merged.push(merged);
  }
}

/** The index of the data row with spreadsheet number `row` (row numbers ascend), or −1. */
function rowIndex(table: ImportTable, row: number): number {
  const numbers = table.rowNumbers;
  let low = 0;
  let high = numbers.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const at = numbers[middle]!;
    if (at === row) return middle;
    if (at < row) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/**
 * Gives every data row under a merged-down cell the cell's value, as the user sees it: "Hà Nội" merged over
 * rows 5–7 of the province column is the province of rows 5, 6 and 7. Merges in the header rows are left as
 * they are (a two-row header is told by them). Overlapping merges, which no spreadsheet program writes, make
 * the file refused: they would also make this work grow with the square of the rows.
 */
export function fillMergedDown(table: ImportTable, merged: readonly MergedDown[]): void {
  const firstDataRow = (table.subHeaderRow ?? table.headerRow ?? 0) + 1;
  const byColumn = new Map<number, MergedDown[]>();
  for (const merge of merged) {
    if (merge.firstRow < firstDataRow || merge.column >= table.headers.length) continue;
    const list = byColumn.get(merge.column);
    if (list === undefined) byColumn.set(merge.column, [merge]);
    else list.push(merge);
  }
  for (const [column, merges] of byColumn) {
    merges.sort((a, b) => a.firstRow - b.firstRow);
    for (let m = 1; m < merges.length; m++) {
      if (merges[m]!.firstRow <= merges[m - 1]!.lastRow) throw unreadableXlsx('its merged cells overlap, which no spreadsheet program writes');
    }
    for (const merge of merges) {
      const top = rowIndex(table, merge.firstRow);
      if (top < 0) continue; // the merged cell's own row is blank: there is no value to give
      const value = table.rows[top]![column]!;
      if (value === '') continue;
      for (let r = top + 1; r < table.rows.length && table.rowNumbers[r]! <= merge.lastRow; r++) {
        const row = table.rows[r]!;
        if (row[column] === '') row[column] = value;
      }
    }
  }
}
