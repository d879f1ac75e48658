import { readSheet } from 'read-excel-file/universal';
import { tableFromCells, type ImportTable } from './import-table.js';

/** Options for {@link parseXlsx}. */
export interface ParseXlsxOptions {
  /** The sheet to read, by 1-based number or name; the first sheet by default. */
  sheet?: number | string;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    // Spreadsheet dates are days without a zone; read-excel-file returns them at UTC midnight.
    return value.toISOString().slice(0, value.getUTCHours() || value.getUTCMinutes() || value.getUTCSeconds() ? 19 : 10);
  }
  return String(value);
}

/**
 * Parses an Excel `.xlsx` file into an {@link ImportTable} with read-excel-file's universal entry point,
 * which runs in browsers, workers and Node alike. Takes the bytes as an ArrayBuffer, a Uint8Array (e.g. a
 * Node Buffer) or a Blob/File. Dates become ISO dates; numbers become their text (a phone typed as a number
 * loses its leading 0, which phone normalisation puts back). Old `.xls` files are refused by the reader.
 */
export async function parseXlsx(input: ArrayBuffer | Uint8Array | Blob, options: ParseXlsxOptions = {}): Promise<ImportTable> {
  // read-excel-file's universal entry takes an ArrayBuffer: turn a browser File/Blob or a Node Buffer into one.
  let source: ArrayBuffer;
  if (input instanceof Uint8Array) source = input.buffer.slice(input.byteOffset, input.byteOffset + input.byteLength) as ArrayBuffer;
  else if (input instanceof ArrayBuffer) source = input;
  else source = await input.arrayBuffer();
  const data = options.sheet === undefined ? await readSheet(source) : await readSheet(source, options.sheet);
  return tableFromCells(data.map((row) => row.map(cellText)));
}
