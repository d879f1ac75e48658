import { CrmValidationError } from '../../errors.js';
import { unreadableXlsx } from './unreadable-xlsx.js';
import { attribute, ElementScanner } from './xml-text.js';
import type { ZipArchive } from './zip-archive.js';

/** Where a workbook's parts are, and how it counts dates. */
export interface WorkbookParts {
  /** The worksheets in the order the workbook lists them (its tab order), with their part paths. */
  sheets: { name: string; path: string; hidden: boolean }[];
  /** The shared string table's path, when the workbook has one. */
  sharedStringsPath: string | undefined;
  /** The style sheet's path, when the workbook has one (it says which cells hold dates). */
  stylesPath: string | undefined;
  /** Whether date serial numbers count from 1904 (old Mac workbooks) rather than 1900. */
  date1904: boolean;
}

/** The most a workbook's small parts (workbook, relationships, styles) may unpack to. */
const SMALL_PART_BYTES = 16 * 1024 * 1024;

const RELATIONSHIP = new ElementScanner('Relationship');
const SHEET = new ElementScanner('sheet');
const WORKBOOK_PROPERTIES = new ElementScanner('workbookPr');

interface Relationship {
  id: string;
  type: string;
  path: string;
}

/** Reads the part of a package relationships file `relsPath` points at, relative to `baseDir`. */
function relationships(archive: ZipArchive, relsPath: string, baseDir: string): Relationship[] {
  const entry = archive.entry(relsPath);
  if (entry === undefined) return [];
  const out: Relationship[] = [];
  for (const tag of RELATIONSHIP.all(archive.readText(entry, SMALL_PART_BYTES))) {
    const id = attribute(tag, 'Id');
    const type = attribute(tag, 'Type');
    const target = attribute(tag, 'Target');
    if (id === undefined || type === undefined || target === undefined || attribute(tag, 'TargetMode') === 'External') continue;
    out.push({ id, type, path: resolvePartPath(baseDir, target) });
  }
  return out;
}

/** A relationship target as a part path: absolute targets from the package root, others from `baseDir`. */
export function resolvePartPath(baseDir: string, target: string): string {
  const segments = target.startsWith('/') ? [] : baseDir.split('/').filter(Boolean);
  for (const segment of target.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return segments.join('/');
}

const byType = (rels: readonly Relationship[], kind: string) => rels.find((rel) => rel.type.endsWith(`/${kind}`));

/**
 * Finds the workbook and its parts through the package's relationships (ECMA-376 part 2), as Excel, Google
 * Sheets, LibreOffice and the OpenXML SDK all write them; a package without relationships is read from the
 * usual `xl/workbook.xml`.
 */
export function readWorkbookParts(archive: ZipArchive): WorkbookParts {
  const workbookPath = byType(relationships(archive, '_rels/.rels', ''), 'officeDocument')?.path ?? 'xl/workbook.xml';
  const workbookEntry = archive.entry(workbookPath);
  if (workbookEntry === undefined) throw unreadableXlsx('it has no workbook (is it a Word or PowerPoint file?)');
  const slash = workbookPath.lastIndexOf('/');
  const dir = workbookPath.slice(0, slash + 1);
  const rels = relationships(archive, `${dir}_rels/${workbookPath.slice(slash + 1)}.rels`, dir);
  const xml = archive.readText(workbookEntry, SMALL_PART_BYTES);
  const sheets: WorkbookParts['sheets'] = [];
  for (const tag of SHEET.all(xml)) {
    const id = attribute(tag, 'id');
    const rel = id === undefined ? undefined : rels.find((candidate) => candidate.id === id);
    // chart sheets and dialog sheets have no cells to import
    if (rel !== undefined && !rel.type.endsWith('/worksheet')) continue;
    // a package that lost its relationships (some repackaging tools drop them): Excel's own part names
    const path = rel?.path ?? `${dir}worksheets/sheet${attribute(tag, 'sheetId') ?? sheets.length + 1}.xml`;
    if (rel === undefined && archive.entry(path) === undefined) continue;
    const state = attribute(tag, 'state');
    sheets.push({ name: attribute(tag, 'name') ?? `Sheet${sheets.length + 1}`, path, hidden: state === 'hidden' || state === 'veryHidden' });
  }
  const properties = WORKBOOK_PROPERTIES.all(xml)[0];
  const date1904 = properties !== undefined && /^(1|true)$/i.test(attribute(properties, 'date1904') ?? '');
  const conventional = (file: string) => (archive.entry(`${dir}${file}`) === undefined ? undefined : `${dir}${file}`);
  return {
    sheets,
    sharedStringsPath: byType(rels, 'sharedStrings')?.path ?? (rels.length === 0 ? conventional('sharedStrings.xml') : undefined),
    stylesPath: byType(rels, 'styles')?.path ?? (rels.length === 0 ? conventional('styles.xml') : undefined),
    date1904,
  };
}

/**
 * The worksheet to read: by 1-based position in the tab order (hidden sheets counted) or by name (exact,
 * else ignoring case); by default the first sheet the user can see (a workbook may keep lookup lists in a
 * hidden first sheet).
 */
export function pickSheet(parts: WorkbookParts, sheet: number | string | undefined): { name: string; path: string } {
  const { sheets } = parts;
  if (sheets.length === 0) throw unreadableXlsx('it has no worksheet');
  const found =
    sheet === undefined
      ? (sheets.find((s) => !s.hidden) ?? sheets[0])
      : typeof sheet === 'number'
        ? sheets[sheet - 1]
        : (sheets.find((s) => s.name === sheet) ?? sheets.find((s) => s.name.toLowerCase() === sheet.toLowerCase()));
  if (found !== undefined) return found;
  const names = sheets.map((s, i) => `${i + 1}. ${s.name}`).join(', ');
  throw new CrmValidationError([{ path: 'sheet', message: `the workbook has no sheet ${typeof sheet === 'number' ? `number ${sheet}` : `named "${sheet}"`}; its sheets are ${names}`, code: 'not_found' }], 'import');
}
