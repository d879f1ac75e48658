import Papa from 'papaparse';
import { ImportTableBuilder, tableFromCells, type HeaderRowOptions, type ImportTable } from './import-table.js';
import { SLICE_MS, type SliceOptions } from '../scheduling/run-in-slices.js';
import { yieldToEventLoop } from '../scheduling/yield-to-event-loop.js';

/** Options for {@link parseCsv}. */
export interface ParseCsvOptions extends HeaderRowOptions {
  /** The field separator; detected from the file (`,`, `;`, tab or `|`) when not given. */
  delimiter?: string;
}

/**
 * Parses a CSV file into an {@link ImportTable} with papaparse. Accepts text or bytes (UTF-8, with or
 * without the BOM Excel writes); the separator is detected, so the semicolon files Excel saves in
 * Vietnamese and European locales work; quoted fields may hold separators, quotes and line breaks.
 */
export function parseCsv(input: string | ArrayBuffer | Uint8Array, options: ParseCsvOptions = {}): ImportTable {
  const result = Papa.parse<string[]>(csvText(input), papaOptions(options));
  const cells = result.data;
  // papaparse reads a trailing newline as one empty row; tableFromCells drops blank rows anyway.
  return tableFromCells(cells, headerOptions(options));
}

/** Options for {@link parseCsvInSlices}. */
export interface ParseCsvInSlicesOptions extends ParseCsvOptions, SliceOptions {}

/**
 * {@link parseCsv} that gives the event loop back every `sliceMs`: a 10 MB file takes a few hundred
 * milliseconds to parse, which one synchronous call would spend as a single long task on a page. Same
 * table, same row numbers. Aborting the `signal` stops at the next slice and rejects with its reason.
 */
export function parseCsvInSlices(input: string | ArrayBuffer | Uint8Array, options: ParseCsvInSlicesOptions = {}): Promise<ImportTable> {
  const text = csvText(input);
  const sliceMs = options.sliceMs ?? SLICE_MS;
  const yieldNow = options.yieldToEventLoop ?? yieldToEventLoop;
  return new Promise((resolve, reject) => {
    const builder = new ImportTableBuilder(headerOptions(options));
    let rows = 0;
    let sliceStarted = performance.now();
    let failed = false;
    Papa.parse<string[]>(text, {
      ...papaOptions(options),
      step: (results, parser) => {
        if (failed) return;
        try {
          builder.add(results.data);
        } catch (error) {
          // a refused header row: stop here; papaparse's `complete` then finds the promise settled
          failed = true;
          reject(error);
          parser.abort();
          return;
        }
        if ((++rows & 63) !== 0 || performance.now() - sliceStarted < sliceMs) return;
        // papaparse resumes local text where it paused, delimiter and line endings already settled
        parser.pause();
        yieldNow().then(() => {
          if (options.signal?.aborted) {
            // rejected first: papaparse's abort calls `complete`, whose resolve is then too late to count
            reject(options.signal.reason);
            parser.abort();
            return;
          }
          sliceStarted = performance.now();
          parser.resume();
        }, reject);
      },
      complete: () => {
        try {
          resolve(builder.table);
        } catch (error) {
          reject(error);
        }
      },
    });
  });
}

const headerOptions = (options: HeaderRowOptions): HeaderRowOptions => (options.headerRow === undefined ? {} : { headerRow: options.headerRow });

function csvText(input: string | ArrayBuffer | Uint8Array): string {
  const text = typeof input === 'string' ? input : new TextDecoder('utf-8').decode(input);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function papaOptions(options: ParseCsvOptions): Papa.ParseConfig<string[]> {
  return { delimiter: options.delimiter ?? '', delimitersToGuess: [',', ';', '\t', '|'], skipEmptyLines: false };
}
