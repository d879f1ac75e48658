import Papa from 'papaparse';
import { failField } from '../schema/validate.js';
import { ImportTableBuilder, tableFromCells, type HeaderRowOptions, type ImportTable } from './import-table.js';
import { SLICE_MS, STEPS_PER_CLOCK_CHECK, type SliceOptions } from '../scheduling/run-in-slices.js';
import { yieldToEventLoop } from '../scheduling/yield-to-event-loop.js';

/** Options for {@link parseCsv}. */
export interface ParseCsvOptions extends HeaderRowOptions {
  /** The field separator; detected from the file (`,`, `;`, tab or `|`) when not given. */
  delimiter?: string;
  /**
   * How the bytes are encoded, as a `TextDecoder` label (`utf-8`, `windows-1258`, `utf-16le`, …). Found by
   * default: see {@link decodeCsvBytes}. Ignored for text.
   */
  encoding?: string;
}

/**
 * Parses a CSV file into an {@link ImportTable} with papaparse. Accepts text or bytes in any encoding
 * {@link decodeCsvBytes} reads (UTF-8 with or without a BOM, UTF-16 from Excel's "Unicode Text", the
 * Windows-1258 of Excel's plain "CSV" on Vietnamese Windows); the separator is detected, so the semicolon
 * files Excel saves in Vietnamese and European locales work; quoted fields may hold separators, quotes and
 * line breaks.
 */
export function parseCsv(input: string | ArrayBuffer | Uint8Array, options: ParseCsvOptions = {}): ImportTable {
  const text = csvText(input, options);
  const result = Papa.parse<string[]>(text, papaOptions(text, options));
  const cells = result.data;
  // papaparse reads a trailing newline as one empty row; tableFromCells drops blank rows anyway.
  return tableFromCells(cells, options);
}

/** Options for {@link parseCsvInSlices}. */
export interface ParseCsvInSlicesOptions extends ParseCsvOptions, SliceOptions {}

/**
 * {@link parseCsv} that gives the event loop back every `sliceMs`: a 10 MB file takes a few hundred
 * milliseconds to parse, which one synchronous call would spend as a single long task on a page. Same
 * table, same row numbers. Aborting the `signal` stops at the next slice and rejects with its reason.
 */
export function parseCsvInSlices(input: string | ArrayBuffer | Uint8Array, options: ParseCsvInSlicesOptions = {}): Promise<ImportTable> {
  const text = csvText(input, options);
  const sliceMs = options.sliceMs ?? SLICE_MS;
  const yieldNow = options.yieldToEventLoop ?? yieldToEventLoop;
  return new Promise((resolve, reject) => {
    const builder = new ImportTableBuilder(options);
    let rows = 0;
    let sliceStarted = performance.now();
    let failed = false;
    Papa.parse<string[]>(text, {
      ...papaOptions(text, options),
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
        if (++rows % STEPS_PER_CLOCK_CHECK !== 0 || performance.now() - sliceStarted < sliceMs) return;
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

function csvText(input: string | ArrayBuffer | Uint8Array, options: ParseCsvOptions): string {
  const text = typeof input === 'string' ? input : decodeCsvBytes(input instanceof Uint8Array ? input : new Uint8Array(input), options.encoding);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Reads a CSV file's bytes as text. With `encoding` (a `TextDecoder` label), as told. Otherwise by what the
 * file shows: a byte-order mark says UTF-8 (Excel's "CSV UTF-8") or UTF-16 (Excel's "Unicode Text"); bytes
 * that are valid UTF-8 are UTF-8; anything else is read as Windows-1258, the code page Excel's plain "CSV"
 * is saved in on Vietnamese Windows (a Western file in Windows-1252 reads the same for its letters). Text
 * from a legacy code page is put in NFC, since Windows-1258 writes most tone marks as separate characters.
 * An unknown `encoding` label is refused at `encoding`.
 */
export function decodeCsvBytes(bytes: Uint8Array, encoding?: string): string {
  if (encoding !== undefined) {
    let decoder: TextDecoder;
    try {
      decoder = new TextDecoder(encoding);
    } catch {
      return failField('encoding', `"${encoding}" is not an encoding this runtime can read (try utf-8 or windows-1258)`, 'invalid_value', 'import');
    }
    const text = decoder.decode(bytes);
    return decoder.encoding.startsWith('utf-') ? text : text.normalize('NFC');
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1258').decode(bytes).normalize('NFC');
  }
}

const SEPARATORS = [',', ';', '\t', '|'];

/** How much of a file the separator is guessed from: ten rows of up to 25,000 characters each. */
const SEPARATOR_SAMPLE_CHARS = 256 * 1024;

/**
 * The separator of a file, guessed from its first ten non-blank lines. Papaparse guesses it too, but counts
 * blank lines while it does (blank rows must be kept here, for the row numbers): the empty line after the
 * last line break then pulls a two-column file's average under two fields, and a short file Excel saved
 * with semicolons is read as one column.
 */
function guessSeparator(text: string): string {
  // a sample: papaparse looks over the whole text it is handed even for ten rows (5 ms for 10 MB)
  const preview = Papa.parse<string[]>(text.slice(0, SEPARATOR_SAMPLE_CHARS), { preview: 10, skipEmptyLines: true, delimitersToGuess: SEPARATORS });
  return preview.meta.delimiter || ',';
}

function papaOptions(text: string, options: ParseCsvOptions): Papa.ParseConfig<string[]> {
  return { delimiter: options.delimiter ?? guessSeparator(text), skipEmptyLines: false };
}
