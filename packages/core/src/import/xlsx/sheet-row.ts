import { excelDateText, type CellNumberFormat } from './date-styles.js';
import { stringItemText } from './rich-text.js';
import { unreadableXlsx } from './unreadable-xlsx.js';
import { attribute, decodeXmlText, ElementScanner, prefixOf } from './xml-text.js';
import { zeroPaddedText } from './zero-padded-format.js';

/** What reading a sheet's cells needs from the rest of the workbook. */
export interface SheetContext {
  /** The workbook's shared strings, trimmed. */
  sharedStrings: readonly string[];
  /**
   * Per cell style index: how it shows a number (a date, zero-padded digits, or as it is). Null when the
   * workbook names a styles part it lacks: a styled number then cannot be told from a date, and is refused
   * rather than read as a day count.
   */
  dateStyles: readonly CellNumberFormat[] | null;
  date1904: boolean;
}

/** One `<row>` read: its 1-based row number (when the file says) and its cells' text by column. */
export interface SheetRow {
  number: number | undefined;
  cells: string[];
}

interface CellScanners {
  prefix: string;
  cell: ElementScanner;
  value: ElementScanner;
  inline: ElementScanner;
}

const scanners = new Map<string, CellScanners>();

/** Scanners for a row's cells and their parts, which spell their names with the row's prefix. */
function scannersFor(prefix: string): CellScanners {
  let found = scanners.get(prefix);
  if (found === undefined) {
    found = { prefix, cell: new ElementScanner('c', prefix), value: new ElementScanner('v', prefix), inline: new ElementScanner('is', prefix) };
    scanners.set(prefix, found);
  }
  return found;
}

const ROW_NUMBER = /\sr\s*=\s*["'](\d+)["']/;

/** Column index (0-based) of a cell reference such as `C12` or `AB3`; −1 when it has no letters. */
export function columnIndex(reference: string): number {
  let column = 0;
  let i = 0;
  for (; i < reference.length; i++) {
    const code = reference.charCodeAt(i) | 0x20; // lower-case
    if (code < 97 || code > 122) break;
    column = column * 26 + (code - 96);
  }
  return i === 0 ? -1 : column - 1;
}

/**
 * Reads one `<row>` element into text cells, as an import wants them: shared and inline strings as written
 * (trimmed), numbers as their shortest text (whole numbers in a zero-padded format such as `0000000000` with
 * the leading zeros it shows), dates (numbers in a date style, or `t="d"`) as ISO dates,
 * booleans as `true`/`false`, errors as their code (`#N/A`). Cells are placed by their reference, so
 * skipped cells become ''.
 */
export function readSheetRow(rowXml: string, context: SheetContext): SheetRow {
  const startTagEnd = rowXml.indexOf('>');
  const number = ROW_NUMBER.exec(rowXml.slice(0, startTagEnd + 1));
  const cells: string[] = [];
  const parts = scannersFor(prefixOf(rowXml));
  const cell = parts.cell;
  let next = 0;
  for (let from = startTagEnd + 1; cell.find(rowXml, from) === 'found'; from = cell.end) {
    const attributes = cell.attributes(rowXml);
    let reference: string | undefined;
    let type = 'n';
    let style = 0;
    if (PLAIN_ATTRIBUTES.test(attributes)) {
      // every writer puts attributes as name="value": read the three a cell has without a regex per attribute
      reference = plainAttribute(attributes, ' r="');
      type = plainAttribute(attributes, ' t="') ?? 'n';
      style = Number(plainAttribute(attributes, ' s="') ?? 0);
    } else {
      reference = attribute(attributes, 'r');
      type = attribute(attributes, 't') ?? 'n';
      style = Number(attribute(attributes, 's') ?? 0);
    }
    const column = reference === undefined ? next : columnIndex(reference);
    const at = column < 0 ? next : column;
    next = at + 1;
    const text = cellText(type, style, rowXml.slice(cell.contentStart, cell.contentEnd), context, parts);
    if (text === '') continue;
    while (cells.length < at) cells.push('');
    cells[at] = text;
  }
  return { number: number === null ? undefined : Number(number[1]), cells };
}

/** Attributes written as ` name="value"` with single spaces, no single quotes: the fast path applies. */
const PLAIN_ATTRIBUTES = /^(?: [\w.:-]+="[^"]*")*\s*$/;

function plainAttribute(attributes: string, prefix: string): string | undefined {
  const at = attributes.indexOf(prefix);
  if (at < 0) return undefined;
  const start = at + prefix.length;
  return attributes.slice(start, attributes.indexOf('"', start));
}

/** The text of a cell's `<v>`: `<v>12</v>` directly, anything fancier through the scanner. */
function valueText(content: string, value: ElementScanner): string | undefined {
  if (content.startsWith('<v>')) {
    const end = content.indexOf('</v>', 3);
    if (end >= 0) return content.slice(3, end);
  }
  return value.firstContent(content);
}

function cellText(type: string, style: number, content: string, context: SheetContext, parts: CellScanners): string {
  if (type === 'inlineStr') {
    const inline = parts.inline.firstContent(content);
    return inline === undefined ? '' : stringItemText(inline, parts.prefix).trim();
  }
  const raw = valueText(content, parts.value);
  if (raw === undefined || raw === '') return '';
  switch (type) {
    case 's': {
      const shared = context.sharedStrings[Number(raw)];
      if (shared === undefined) throw unreadableXlsx(`a cell points at shared string ${raw}, which the workbook does not have`);
      return shared;
    }
    case 'str':
      return decodeXmlText(raw).trim();
    case 'b':
      return raw === '1' ? 'true' : raw === '0' ? 'false' : raw;
    case 'e':
      return decodeXmlText(raw);
    case 'd': {
      const text = decodeXmlText(raw).trim();
      // an ISO date-time without a zone is a spreadsheet's zone-less time: read it as UTC, not the machine's zone
      const date = new Date(/T[\d:.]+$/.test(text) ? `${text}Z` : text);
      if (Number.isNaN(date.getTime())) return text;
      const iso = date.toISOString();
      return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19);
    }
    default: {
      const value = Number(raw);
      if (Number.isNaN(value)) return decodeXmlText(raw).trim();
      if (context.dateStyles === null) {
        if (style !== 0) throw unreadableXlsx('its styles part is missing, so its dates cannot be told from numbers');
        return String(value);
      }
      const format = context.dateStyles[style];
      if (format === 'date') return excelDateText(value, context.date1904);
      // a tax code or a phone stored as a number keeps its leading 0 only through its format: read it as shown
      return format === undefined ? String(value) : zeroPaddedText(value, format.zeroPaddedTo);
    }
  }
}
