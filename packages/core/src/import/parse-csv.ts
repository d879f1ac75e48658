import Papa from 'papaparse';
import { tableFromCells, type ImportTable } from './import-table.js';

/** Options for {@link parseCsv}. */
export interface ParseCsvOptions {
  /** The field separator; detected from the file (`,`, `;`, tab or `|`) when not given. */
  delimiter?: string;
}

/**
 * Parses a CSV file into an {@link ImportTable} with papaparse. Accepts text or bytes (UTF-8, with or
 * without the BOM Excel writes); the separator is detected, so the semicolon files Excel saves in
 * Vietnamese and European locales work; quoted fields may hold separators, quotes and line breaks.
 */
export function parseCsv(input: string | ArrayBuffer | Uint8Array, options: ParseCsvOptions = {}): ImportTable {
  let text = typeof input === 'string' ? input : new TextDecoder('utf-8').decode(input);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const result = Papa.parse<string[]>(text, {
    delimiter: options.delimiter ?? '',
    delimitersToGuess: [',', ';', '\t', '|'],
    skipEmptyLines: false,
  });
  const cells = result.data;
  // papaparse reads a trailing newline as one empty row; tableFromCells drops blank rows anyway.
  return tableFromCells(cells);
}
