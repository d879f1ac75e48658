import type { CrmValidationError } from '../errors.js';
import { failField } from '../schema/validate.js';
import { ImportTableBuilder, type HeaderRowOptions, type ImportTable } from './import-table.js';
import { runInSlices, type SliceOptions } from '../scheduling/run-in-slices.js';
import { dateStyles } from './xlsx/date-styles.js';
import { stringItemText } from './xlsx/rich-text.js';
import { fillMergedDown, MergedCellsCollector } from './xlsx/merged-cells.js';
import { readSheetRow, type SheetContext, type SheetRow } from './xlsx/sheet-row.js';
import { unreadableXlsx } from './xlsx/unreadable-xlsx.js';
import { pickSheet, readWorkbookParts } from './xlsx/workbook-parts.js';
import { MAX_ELEMENT_CHARS, XmlElementStream } from './xlsx/xml-text.js';
import { ZipArchive, ZipTextReader } from './xlsx/zip-archive.js';

/** Options for {@link parseXlsx}. */
export interface ParseXlsxOptions extends SliceOptions, HeaderRowOptions {
  /**
   * The sheet to read, by 1-based position in the tab order (hidden sheets counted) or by name; by default
   * the first sheet that is not hidden.
   */
  sheet?: number | string;
  /**
   * Stop with a {@link CrmValidationError} on `file` (code `too_big`) as soon as the sheet has more data rows
   * than this, instead of reading the rest: a small `.xlsx` can unpack to millions of rows.
   */
  maxRows?: number;
}

/**
 * The most one part of a workbook may unpack to. A 500,000-row contact sheet is about 150 MB of XML; a
 * "zip bomb" that unpacks to gigabytes is stopped here, before it fills the memory.
 */
const MAX_PART_BYTES = 1024 * 1024 * 1024;

/**
 * Parses an Excel `.xlsx` workbook into an {@link ImportTable}, a slice at a time: the shared strings and
 * the sheet are inflated and read in steps of a few milliseconds, and the event loop gets a turn every
 * `sliceMs` (a 100,000-row workbook is about a second of work, which one call would spend as a single long
 * task on a page). Takes the bytes as an ArrayBuffer, a Uint8Array (e.g. a Node Buffer) or a Blob/File.
 *
 * Cells are read as an import wants them: text trimmed, numbers as their text (a whole number in a format
 * such as `0000000000` keeps the leading zeros the format shows; a phone typed as a plain number loses its
 * leading 0, which phone normalisation puts back), cells in a date format as ISO dates
 * (`yyyy-mm-dd`, with the time when there is one), booleans as `true`/`false`. A data cell merged down over
 * rows of one column ("Hà Nội" down the province column) gives its value to every row it covers, as the
 * user sees it. Row numbers are the spreadsheet's own, empty rows included.
 *
 * A file that is not an `.xlsx` workbook (an old `.xls`, a damaged or encrypted file) is refused with a
 * {@link CrmValidationError} on `file` (code `invalid_format`); a sheet that does not exist, on `sheet` (code
 * `not_found`). Aborting `signal` rejects with its reason.
 */
export async function parseXlsx(input: ArrayBuffer | Uint8Array | Blob, options: ParseXlsxOptions = {}): Promise<ImportTable> {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input instanceof ArrayBuffer ? input : await input.arrayBuffer());
  const archive = openArchive(bytes);
  const parts = readWorkbookParts(archive);
  const sheet = pickSheet(parts, options.sheet);
  const sheetEntry = archive.entry(sheet.path);
  if (sheetEntry === undefined) throw unreadableXlsx(`its sheet "${sheet.name}" is missing (${sheet.path})`);
  const stylesEntry = parts.stylesPath === undefined ? undefined : archive.entry(parts.stylesPath);
  const context: SheetContext = {
    sharedStrings: [],
    // a styles part the workbook names but lacks (damage) is only fatal if a cell needs it: see SheetContext
    dateStyles: stylesEntry !== undefined ? dateStyles(archive.readText(stylesEntry, MAX_PART_BYTES)) : parts.stylesPath === undefined ? [] : null,
    date1904: parts.date1904,
  };
  const builder = new ImportTableBuilder(options);
  const maxRows = options.maxRows ?? Number.POSITIVE_INFINITY;
  let lastRow = 0;
  const addRow = (row: SheetRow): void => {
    const number = row.number ?? lastRow + 1;
    if (number > lastRow + 1) builder.skipBlankRows(number - lastRow - 1);
    builder.add(row.cells);
    if (builder.dataRows > maxRows) tooManyRows(maxRows);
    lastRow = Math.max(number, lastRow + 1);
  };
  const readers: { reader: ZipTextReader; stream: Pick<XmlElementStream, 'push'> }[] = [];
  const sharedStringsEntry = parts.sharedStringsPath === undefined ? undefined : archive.entry(parts.sharedStringsPath);
  if (sharedStringsEntry !== undefined) {
    const strings = context.sharedStrings as string[];
    readers.push({ reader: new ZipTextReader(archive, sharedStringsEntry, MAX_PART_BYTES), stream: new XmlElementStream('si', (xml) => strings.push(stringItemText(xml).trim()), refuseElement) });
  }
  const rows = new XmlElementStream('row', (xml) => addRow(readSheetRow(xml, context)), refuseElement);
  const merged = new MergedCellsCollector(refuseElement);
  readers.push({
    reader: new ZipTextReader(archive, sheetEntry, MAX_PART_BYTES),
    stream: {
      push(text, final = false) {
        rows.push(text, final);
        merged.push(text, final);
      },
    },
  });
  let current = 0;
  await runInSlices(() => {
    const { reader, stream } = readers[current]!;
    stream.push(reader.next(), reader.done);
    if (reader.done) current++;
    return current === readers.length;
  }, options);
  const table = builder.table;
  fillMergedDown(table, merged.merged);
  // rows still looked at for the header when the sheet ended are counted now
  if (table.rows.length > maxRows) tooManyRows(maxRows);
  return table;
}

const refuseElement = (problem: 'too-large' | 'cut-short') =>
  unreadableXlsx(problem === 'too-large' ? `one of its rows or strings is larger than ${MAX_ELEMENT_CHARS / 1024 / 1024} MB of XML, far past what a spreadsheet holds` : 'a part of it ends in the middle of a row or a string');

function tooManyRows(maxRows: number): never {
  return failField('file', `has more than ${maxRows} rows; the limit is ${maxRows}`, 'too_big', 'import');
}

function openArchive(bytes: Uint8Array): ZipArchive {
  try {
    return new ZipArchive(bytes);
  } catch (error) {
    // a directory pointing past the end of the file
    if (error instanceof RangeError) throw unreadableXlsx('its zip directory points outside the file');
    throw error;
  }
}
