import { z } from 'zod';
import type { CrmContext } from '../crm/context.js';
import { WriteSet } from '../crm/write-set.js';
import type { DuplicatesService } from '../dedup/duplicates-service.js';
import { withoutMatchedValues } from '../dedup/matcher.js';
import { mergeRecordData } from '../dedup/merge.js';
import { normalizeDate } from '../dedup/prepare.js';
import { foldToWords } from '../dedup/normalize-text.js';
import { CrmValidationError } from '../errors.js';
import { parseWith, requirePositiveWhole } from '../schema/validate.js';
import type { StoredRecord } from '../storage/contract.js';
import { mappingFromSuggestions, PERSON_IMPORT_TARGETS, suggestColumnMapping, type ColumnMapping, type ColumnSuggestion, type ImportTarget } from './column-mapping.js';
import { checkImportTable, type ImportTable, type ImportTableBuilder } from './import-table.js';
import { buildRowObject, checkMapping, compileMapping, type RowIssue } from './map-rows.js';
import { splitPhoneCell } from './phone-cell.js';
import { foldLeadPhones, noteWithOtherPhones, unitedPhones } from './fold-phones.js';
import { parseCsvInSlices, type decodeCsvBytes, type ParseCsvInSlicesOptions } from './parse-csv.js';
import { parseXlsx } from './parse-xlsx.js';
import { isCompoundFile, isZipArchive } from './xlsx/zip-archive.js';
import { ImportPlanner, type DuplicatePolicy, type ImportPlan, type ImportSummary, type PlannedRow } from './plan-import.js';
import { runInSlices, SLICE_MS, STEPS_PER_CLOCK_CHECK, type SliceOptions } from '../scheduling/run-in-slices.js';
import { rejectedRowsCsv, type RejectedRowsCsvOptions } from './rejected-rows-csv.js';
import { runImport, type ImportProgress, type ImportRunResult } from './run-import.js';

/** The entities crmkit imports into. */
export type ImportEntity = 'lead' | 'contact' | 'company' | 'rawContact';

/** An import file: CSV text, the bytes of a CSV or `.xlsx` file (a browser `File` too), or a parsed table. */
export type ImportSource = string | ArrayBuffer | Uint8Array | Blob | ImportTable;

/**
 * Options of a dry run. A CSV is parsed, and every file planned, in slices that give the event loop back
 * (`sliceMs`, `yieldToEventLoop`); aborting the `signal` while parsing or planning rejects with its reason,
 * and nothing has been written.
 */
export interface ImportOptions extends SliceOptions {
  entity: ImportEntity;
  /** What to do with rows that duplicate an existing record (or an earlier row). */
  policy: DuplicatePolicy;
  /** Column → target path (see {@link importTargetsOf}); suggested from the headers when omitted. */
  mapping?: ColumnMapping;
  /** Read the bytes as this format; by default `.xlsx` is recognised by its signature, anything else is CSV. */
  format?: 'csv' | 'xlsx';
  /** The CSV separator (detected by default). */
  delimiter?: string;
  /**
   * The CSV's encoding as a `TextDecoder` label (`utf-8`, `windows-1258`, …); found by default (see
   * {@link decodeCsvBytes}): a CSV saved by Excel on Vietnamese Windows is Windows-1258, not UTF-8.
   */
  encoding?: string;
  /** The sheet of an `.xlsx` file, by tab position (1-based) or name; the first visible sheet by default. */
  sheet?: number | string;
  /**
   * The spreadsheet row number of the header (1-based, blank rows counted). By default it is found in the
   * first rows, skipping a title or a date line above it (see {@link ImportTableBuilder}); the dry run's
   * `table.headerRow` says which row it took.
   */
  headerRow?: number;
  /** Catch rows that duplicate an earlier row of the same file (default true). */
  checkWithinFile?: boolean;
  /**
   * The largest file and the most rows accepted (defaults {@link DEFAULT_IMPORT_LIMITS}): a file past them is
   * refused before it is read whole, at `file`, so a user's mistake cannot exhaust the page's memory.
   */
  limits?: Partial<ImportLimits>;
  /** Called after each slice of planning (see `sliceMs`): planning 100k rows takes seconds. */
  onPlanProgress?: (progress: ImportPlanProgress) => void;
}

/** Progress of planning an import. */
export interface ImportPlanProgress {
  /** Rows planned so far. */
  planned: number;
  /** Rows in the file. */
  total: number;
}

/** How large an import may be. */
export interface ImportLimits {
  /** Bytes of the file (characters of CSV text). */
  maxBytes: number;
  /** Data rows (after the header). */
  maxRows: number;
}

const positiveWhole = z.number().int('must be a whole number').positive('must be 1 or more');

/**
 * The data options of a dry run, checked before anything is read. The entity and the policy (which have
 * messages of their own), `headerRow` (checked by {@link ImportTableBuilder}), callbacks and the signal are
 * checked where they are used. Unknown keys are let through.
 */
const importOptionsSchema = z.object({
  mapping: z.array(z.string().nullable()).optional(),
  format: z.enum(['csv', 'xlsx']).optional(),
  delimiter: z.string().min(1, 'must not be empty').optional(),
  encoding: z.string().min(1, 'must not be empty').optional(),
  sheet: z.union([positiveWhole, z.string().min(1, 'must not be empty')]).optional(),
  checkWithinFile: z.boolean().optional(),
  limits: z.object({ maxBytes: positiveWhole.optional(), maxRows: positiveWhole.optional() }).optional(),
  // Infinity is allowed: it runs in one go
  sliceMs: z.union([z.number().nonnegative('must be 0 or more'), z.literal(Number.POSITIVE_INFINITY)]).optional(),
});

/** crmkit's import limits: 50 MiB and 500,000 rows, well past a year of a branch's contacts. */
export const DEFAULT_IMPORT_LIMITS: Readonly<ImportLimits> = { maxBytes: 50 * 1024 * 1024, maxRows: 500_000 };

function tooBig(message: string): never {
  throw new CrmValidationError([{ path: 'file', message, code: 'too_big' }], 'import');
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** Options of a run: a dry run's options plus chunking, progress and cancellation. */
export interface RunImportServiceOptions extends ImportOptions {
  /** Rows per atomic commit (default 500). */
  chunkSize?: number;
  /** Called after each chunk. */
  onProgress?: (progress: ImportProgress) => void;
}

/** What a dry run found: the mapping used, each row's fate, counts, and the rejected rows as CSV. */
export interface ImportDryRun {
  entity: ImportEntity;
  table: ImportTable;
  /** The suggestions the mapping started from (header, target, confidence). */
  suggestions: ColumnSuggestion[];
  mapping: ColumnMapping;
  plan: ImportPlan<Record<string, unknown>>;
  summary: ImportSummary;
  /** The rows refused, with row number, field and reason. */
  issues: RowIssue[];
  /** A CSV of the refused rows (row, field, reason, then the original columns) for the user to fix. */
  rejectedRowsCsv(options?: RejectedRowsCsvOptions): string;
}

/** What an import did. */
export interface ImportReport extends ImportRunResult {
  entity: ImportEntity;
  /** The plan's counts (what each row was meant to become). */
  summary: ImportSummary;
  issues: RowIssue[];
  rejectedRowsCsv(options?: RejectedRowsCsvOptions): string;
}

const TITLE_TARGET: ImportTarget = { path: 'title', label: 'Title (need)', synonyms: ['tiêu đề', 'nhu cầu', 'tên cơ hội', 'lead title', 'need', 'subject'] };
/**
 * The person targets of `paths`. Only a contact keeps a list of e-mails; the others keep one, so for them an
 * e-mail column is single (a second one is left unmapped rather than refusing the row).
 */
const person = (paths: readonly string[], oneEmail = true): ImportTarget[] =>
  PERSON_IMPORT_TARGETS.filter((target) => paths.includes(target.path)).map((target) => (oneEmail && target.path === 'email' ? { ...target, multiple: false } : target));
const companyName = PERSON_IMPORT_TARGETS.find((target) => target.path === 'companyName')!;

const TARGETS: Readonly<Record<ImportEntity, readonly ImportTarget[]>> = {
  contact: person(['fullName', 'phone', 'email', 'birthday', 'gender', 'jobTitle', 'address.street', 'address.ward', 'address.district', 'address.province', 'source', 'note'], false),
  lead: [TITLE_TARGET, ...person(['fullName', 'phone', 'email', 'companyName', 'jobTitle', 'address.street', 'address.ward', 'address.district', 'address.province', 'source', 'note'])],
  rawContact: person(['fullName', 'phone', 'email', 'companyName', 'address.street', 'address.ward', 'address.district', 'address.province', 'source', 'note']),
  company: [
    { ...companyName, path: 'name', synonyms: [...companyName.synonyms, 'tên', 'name'] },
    ...person(['phone', 'email', 'taxCode', 'address.street', 'address.ward', 'address.district', 'address.province', 'note']),
  ],
};

/** The columns an entity's import can fill, with the Vietnamese and English headers that suggest them. */
export function importTargetsOf(entity: ImportEntity): readonly ImportTarget[] {
  return TARGETS[entity];
}

/** Paths of targets that hold several values (phones, e-mails): cells of several columns stay separate values. */
const listPathsOf = (targets: readonly ImportTarget[]): string[] => targets.filter((target) => target.multiple === true).map((target) => target.path);

/** The target of each entity's name column: where a sheet's footer lines ("Tổng cộng", "Người lập biểu") are looked for. */
const NAME_FIELD: Readonly<Record<ImportEntity, string>> = { contact: 'fullName', lead: 'fullName', rawContact: 'fullName', company: 'name' };

/** Target paths a mapping must include for the entity's records to be valid. */
const REQUIRED: Readonly<Record<ImportEntity, readonly string[]>> = { contact: ['fullName'], lead: [], rawContact: ['fullName'], company: ['name'] };

// E-mails in one cell: "a@x.vn, b@y.vn", "a@x.vn / b@y.vn" (phones: see splitPhoneCell). No quantifier next
// to the separator: `\s*[,;]\s*` backtracked over every run of spaces, and a cell of 20,000 spaces took 0.7 s
// (growing with the square); each part is trimmed instead.
const LIST_SEPARATOR = /[,;\n]|\s\/\s/;
const list = (value: unknown): string[] => (typeof value === 'string' ? value.split(LIST_SEPARATOR).map((item) => item.trim()).filter((item) => item !== '') : []);
const phoneList = (value: unknown): string[] => (typeof value === 'string' ? splitPhoneCell(value) : []);

/** How a lead's note introduces the phone numbers past its two (mobile, desk). */

/** Why a date cell is refused, in the ways of writing a date that {@link isoDate} reads. */
const IMPORT_DATE_REASON = 'must be a date written dd/mm/yyyy (10/12/1985) or yyyy-mm-dd (1985-12-10)';

function isoDate(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const date = normalizeDate(value);
  return date !== null && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : value;
}

// how a gender column is filled in: the word, "Nam giới" / "Nữ giới", or the salutation ("Ông" / "Bà", "Mr" / "Mrs")
const MALE: ReadonlySet<string> = new Set(['nam', 'nam gioi', 'male', 'm', 'trai', 'ong', 'mr']);
const FEMALE: ReadonlySet<string> = new Set(['nu', 'nu gioi', 'female', 'f', 'gai', 'ba', 'mrs', 'ms', 'miss']);
const OTHER: ReadonlySet<string> = new Set(['khac', 'other']);

function gender(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const folded = foldToWords(value);
  if (MALE.has(folded)) return 'male';
  if (FEMALE.has(folded)) return 'female';
  if (OTHER.has(folded)) return 'other';
  return value;
}

/** The row targets {@link rowToEntityInput} turns into the entity's own fields; every other column is copied as it is. */
const PERSON_COLUMNS: ReadonlySet<string> = new Set(['fullName', 'phone', 'email', 'birthday', 'gender', 'companyName', 'jobTitle', 'source']);

/**
 * A record of the row's other columns (address, note, title, …) and then `fields`, leaving out what is
 * undefined or an empty list. Built by assignment into a fresh object: this runs once per import row, and
 * rest destructuring, spreads and `delete` made it the slowest step of a dry run (8 µs a row, now 1.6), and
 * `delete` left objects that zod then read slowly (2 µs a row, now 1).
 */
function entityInput(row: Readonly<Record<string, unknown>>, fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in row) if (!PERSON_COLUMNS.has(key)) put(out, key, row[key]);
  for (const key in fields) put(out, key, fields[key]);
  return out;
}

// a field left undefined keeps nothing: where a field shares a column's name (a lead's note, its title), it is
// undefined only when the column was blank
function put(into: Record<string, unknown>, key: string, value: unknown): void {
  if (value !== undefined && !(Array.isArray(value) && value.length === 0)) into[key] = value;
}

/**
 * Turns a row read with the entity's import targets (flat `phone`, `email`, `fullName`, ...) into the
 * entity's own shape: a contact's `phones: [{ number, kind }]` and `emails`, a lead's `contactName` and
 * `phones.mobile` (and a title from the contact or company name when the file has none), a company's
 * `phones` list. Dates typed `dd/mm/yyyy` become ISO dates; `Nam` / `Nữ` become `male` / `female`.
 */
export function rowToEntityInput(entity: ImportEntity, row: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { fullName, phone, email, companyName: company, jobTitle, source } = row;
  switch (entity) {
    case 'contact':
      return entityInput(row, { fullName, phones: phoneList(phone).map((number) => ({ number, kind: 'mobile' })), emails: list(email), birthday: isoDate(row['birthday']), gender: gender(row['gender']), position: jobTitle, source });
    case 'lead': {
      const phones = phoneList(phone);
      // a lead has room for two numbers: the others are kept in its note rather than dropped
      const others = phones.slice(2);
      const note = others.length === 0 ? row['note'] : noteWithOtherPhones(row['note'], others);
      return entityInput(row, {
        note,
        title: row['title'] ?? fullName ?? company,
        contactName: fullName,
        phones: phones.length === 0 ? undefined : entityInput({}, { mobile: phones[0], desk: phones[1] }),
        email,
        companyName: company,
        jobTitle,
        source,
      });
    }
    case 'rawContact':
      return entityInput(row, { name: fullName, phones: phoneList(phone), email, companyName: company, collectedFrom: source });
    case 'company':
      return entityInput(row, { phones: phoneList(phone), email });
  }
}

/**
 * What an `update` or `merge` row folds into the record it targets: {@link rowToEntityInput} without the title
 * a lead borrows from its contact or company name when the file has no title (the stored lead keeps its own).
 */
function foldedInput(entity: ImportEntity, row: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const input = rowToEntityInput(entity, row);
  if (entity === 'lead' && row['title'] === undefined) delete input['title'];
  return input;
}

/** Entity field paths back to the import target they came from, so a row issue names the user's column. */
function issueField(entity: ImportEntity, path: string): string {
  if (/^phones(\.|$)/.test(path)) return 'phone';
  if (entity === 'rawContact' && path === 'name') return 'fullName';
  if (entity === 'rawContact' && path === 'collectedFrom') return 'source';
  if (/^emails(\.|$)/.test(path)) return 'email';
  if (path === 'contactName') return 'fullName';
  if (path === 'position') return 'jobTitle';
  return path;
}

async function readTable(source: ImportSource, options: ImportOptions): Promise<ImportTable> {
  const limits = { ...DEFAULT_IMPORT_LIMITS, ...options.limits };
  const table = await parseSource(source, options, limits);
  if (table.rows.length > limits.maxRows) tooBig(`has ${table.rows.length} rows; the limit is ${limits.maxRows} (limits.maxRows)`);
  return table;
}

async function parseSource(source: ImportSource, options: ImportOptions, limits: ImportLimits): Promise<ImportTable> {
  const size = typeof source === 'string' ? source.length : source instanceof ArrayBuffer || source instanceof Uint8Array ? source.byteLength : typeof Blob !== 'undefined' && source instanceof Blob ? source.size : 0;
  // checked before a Blob is read into memory
  if (size > limits.maxBytes) tooBig(`is ${megabytes(size)}; the limit is ${megabytes(limits.maxBytes)} (limits.maxBytes)`);
  if (typeof source === 'string') return parseCsvInSlices(source, csvOptions(options));
  // a table the host parsed itself: its shape is checked like any other input
  if (!(source instanceof ArrayBuffer) && !(source instanceof Uint8Array) && !(typeof Blob !== 'undefined' && source instanceof Blob)) return checkImportTable(source);
  const bytes = source instanceof Uint8Array ? source : new Uint8Array(source instanceof ArrayBuffer ? source : await (source as Blob).arrayBuffer());
  // an old .xls or a password-protected workbook goes to the .xlsx reader, which says what it is (not CSV garbage)
  if (options.format === 'xlsx' || (options.format === undefined && (isZipArchive(bytes) || isCompoundFile(bytes)))) {
    const xlsxOptions = { ...sliceOptions(options), maxRows: limits.maxRows, ...(options.sheet === undefined ? {} : { sheet: options.sheet }), ...headerOptions(options) };
    return parseXlsx(bytes, xlsxOptions).catch((error: unknown) => {
      // the reader stops at the first row past the limit: say which limit, as for a CSV
      if (error instanceof CrmValidationError && error.issues[0]?.code === 'too_big') tooBig(`has more than ${limits.maxRows} rows; the limit is ${limits.maxRows} (limits.maxRows)`);
      throw error;
    });
  }
  return parseCsvInSlices(bytes, csvOptions(options));
}

/** Files are parsed a slice at a time, giving the event loop back as planning does. */
function sliceOptions(options: ImportOptions): SliceOptions {
  return {
    ...(options.yieldToEventLoop === undefined ? {} : { yieldToEventLoop: options.yieldToEventLoop }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    sliceMs: options.sliceMs ?? SLICE_MS,
  };
}

function csvOptions(options: ImportOptions): ParseCsvInSlicesOptions {
  return {
    ...(options.delimiter === undefined ? {} : { delimiter: options.delimiter }),
    ...(options.encoding === undefined ? {} : { encoding: options.encoding }),
    ...sliceOptions(options),
    ...headerOptions(options),
  };
}

const headerOptions = (options: ImportOptions) => (options.headerRow === undefined ? {} : { headerRow: options.headerRow });

/** Runs a planner to the end in slices, reporting progress after each. */
async function planInSlices<S extends z.ZodType>(planner: ImportPlanner<S>, options: ImportOptions): Promise<ImportPlan<z.output<S>>> {
  const total = planner.plan.summary.rows;
  await runInSlices(
    () => {
      planner.planNext(STEPS_PER_CLOCK_CHECK);
      return planner.done;
    },
    options,
    () => options.onPlanProgress?.({ planned: planner.planned, total }),
  );
  return planner.plan;
}

/**
 * Bulk import from CSV and Excel (`crm.imports`): column mapping suggested from Vietnamese or English
 * headers, every row validated with the entity's schema (row number, field and reason for each refusal),
 * duplicates of stored records or of earlier rows handled by the policy (`skip`, `update`: the row's values
 * win, `merge`: the stored values win and the row fills blanks, both uniting phones and e-mails and keeping
 * notes; `create` anyway), a dry run that writes nothing, and a run that commits chunk by chunk — each
 * chunk one atomic WriteSet (audit action `import`), progress reported and the event loop given back between
 * chunks. A failing chunk leaves nothing of itself written and stops the run with a report.
 */
export class ImportService {
  private readonly rowSchemas = new Map<ImportEntity, z.ZodType>();

  constructor(
    private readonly context: CrmContext,
    private readonly duplicates: DuplicatesService,
  ) {}

  /** Suggests a mapping for an entity from a file's headers (what a mapping screen starts from). */
  suggestMapping(entity: ImportEntity, headers: readonly string[]): ColumnSuggestion[] {
    return suggestColumnMapping(headers, this.targets(entity));
  }

  /** Reads, maps, validates and plans an import without writing anything. */
  async dryRun(source: ImportSource, options: ImportOptions): Promise<ImportDryRun> {
    parseWith(importOptionsSchema, options, 'import');
    const entity = options.entity;
    const targets = this.targets(entity);
    if (!['skip', 'update', 'create', 'merge'].includes(options.policy)) {
      throw new CrmValidationError([{ path: 'policy', message: 'must be one of skip, update, create, merge', code: 'invalid_value' }], 'import');
    }
    const table = await readTable(source, options);
    const suggestions = suggestColumnMapping(table.headers, targets);
    const mapping = options.mapping ?? mappingFromSuggestions(suggestions);
    const known = new Set(targets.map((target) => target.path));
    const mappingIssues = mapping.flatMap((path, column) =>
      path === null || known.has(path) ? [] : [{ path: `mapping.${column}`, message: `is not a field ${entity} imports fill (${path}); fields: ${[...known].join(', ')}`, code: 'invalid_value' }],
    );
    for (const missing of checkMapping(mapping, REQUIRED[entity])) mappingIssues.push({ path: `mapping`, message: `no column is mapped to ${missing.field}, which is required`, code: 'unmapped' });
    if (mappingIssues.length > 0) throw new CrmValidationError(mappingIssues, 'import');
    const schema = this.rowSchema(entity);
    const index = await this.duplicates.indexFor(entity);
    const plan = await planInSlices(new ImportPlanner(table, mapping, schema, index, options.policy, { fieldMap: this.duplicates.fieldMapOf(entity), checkWithinFile: options.checkWithinFile ?? true, nameField: NAME_FIELD[entity], listPaths: listPathsOf(targets) }), options);
    for (const row of plan.rows) {
      for (const issue of row.issues ?? []) {
        issue.field = issueField(entity, issue.field);
        // the schema asks for ISO dates; a file may also write them the Vietnamese way, which the import reads
        if (issue.field === 'birthday' && issue.code === 'invalid_format') issue.reason = IMPORT_DATE_REASON;
      }
    }
    await this.hideUnreadableValues(entity, plan.rows);
    const issues = plan.rows.flatMap((row) => row.issues ?? []);
    return {
      entity,
      table,
      suggestions,
      mapping,
      plan: plan as ImportPlan<Record<string, unknown>>,
      summary: plan.summary,
      issues,
      rejectedRowsCsv: (csvOptions) => rejectedRowsCsv(table, issues, csvOptions),
    };
  }

  /** Imports: a dry run, then its plan committed chunk by chunk. */
  async run(source: ImportSource, options: RunImportServiceOptions): Promise<ImportReport> {
    // checked before the dry run reads the file (runImport checks it the same way)
    if (options.chunkSize !== undefined) requirePositiveWhole(options.chunkSize, 'chunkSize', 'import');
    const dry = await this.dryRun(source, options);
    const compiled = compileMapping(dry.mapping, listPathsOf(this.targets(dry.entity)));
    const result = await runImport(dry.plan, {
      // updates and merges fold in only what the file holds, not the schema's defaults (a status, a kind)
      commitChunk: (chunk) => this.commitChunk(dry.entity, chunk.rows, chunk.createdIds, (row) => foldedInput(dry.entity, buildRowObject(dry.table.rows[row.index]!, compiled))),
      ...(options.chunkSize === undefined ? {} : { chunkSize: options.chunkSize }),
      ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(options.yieldToEventLoop === undefined ? {} : { yieldToEventLoop: options.yieldToEventLoop }),
    });
    return { ...result, entity: dry.entity, summary: dry.summary, issues: dry.issues, rejectedRowsCsv: dry.rejectedRowsCsv };
  }

  /**
   * A row may duplicate a stored record the actor may not read (a colleague's customer): the match still
   * counts, as a save check's does, but the values it matched on stay hidden, as `crm.duplicates.check` hides them.
   */
  private async hideUnreadableValues(entity: ImportEntity, rows: readonly PlannedRow<unknown>[]): Promise<void> {
    const ids = [...new Set(rows.flatMap((row) => (row.duplicates ?? []).map((match) => match.id)))];
    if (ids.length === 0) return;
    const records = await this.context.storage.get(entity, ids);
    const unreadable = new Set(ids.filter((_, i) => !records[i] || !this.context.access.can(this.context.actor, 'read', entity, records[i]!)));
    if (unreadable.size === 0) return;
    for (const row of rows) {
      if (!row.duplicates?.some((match) => unreadable.has(match.id))) continue;
      row.duplicates = row.duplicates.map((match) => (unreadable.has(match.id) ? { ...match, rules: withoutMatchedValues(match.rules) } : match));
    }
  }

  /**
   * The schema an import row is checked with: the row turned into the entity's input, then the entity's
   * schema. Built once per entity, so zod compiles its fast path once and not on every import.
   */
  private rowSchema(entity: ImportEntity): z.ZodType {
    let schema = this.rowSchemas.get(entity);
    if (schema === undefined) {
      schema = z.preprocess((row) => rowToEntityInput(entity, row as Record<string, unknown>), this.context.definition(entity).schema);
      this.rowSchemas.set(entity, schema);
    }
    return schema;
  }

  private targets(entity: ImportEntity): readonly ImportTarget[] {
    const targets = TARGETS[entity];
    if (!targets) throw new CrmValidationError([{ path: 'entity', message: `imports go into ${Object.keys(TARGETS).join(', ')}, not "${String(entity)}"`, code: 'invalid_value' }], 'import');
    return targets;
  }

  /**
   * One chunk, one WriteSet: creates first (so an update of an earlier row of the same chunk folds into
   * that row's record before it is written), then updates and merges of stored records.
   */
  private async commitChunk(
    entity: ImportEntity,
    rows: readonly PlannedRow<Record<string, unknown>>[],
    createdIds: ReadonlyMap<number, string>,
    inputOf: (row: PlannedRow<Record<string, unknown>>) => Record<string, unknown>,
  ): Promise<{ ids: Map<number, string> }> {
    const writes = new WriteSet(this.context, 'import');
    const ids = new Map<number, string>();
    const pending = new Map<number, Record<string, unknown>>();
    const toStored: { row: PlannedRow<Record<string, unknown>>; id: string }[] = [];
    // a row that updates or merges into another row of this chunk, or into a stored record: where its record lives
    const foldedInto = new Map<number, number>();
    const storedOf = new Map<number, string>();
    for (const row of rows) {
      const record = row.record!;
      if (row.action === 'create') {
        pending.set(row.row, { ...record });
        continue;
      }
      const target = row.target!;
      let targetRow = 'row' in target ? target.row : undefined;
      while (targetRow !== undefined && foldedInto.has(targetRow)) targetRow = foldedInto.get(targetRow)!;
      if (targetRow !== undefined && pending.has(targetRow)) {
        pending.set(targetRow, this.combine(entity, row.action, pending.get(targetRow)!, inputOf(row)));
        ids.set(row.row, `row:${targetRow}`);
        foldedInto.set(row.row, targetRow);
        continue;
      }
      const id = 'id' in target ? target.id : (storedOf.get(targetRow!) ?? createdIds.get(targetRow!));
      if (id !== undefined) storedOf.set(row.row, id);
      if (id === undefined) throw new CrmValidationError([{ path: `${row.row}`, message: `the row it updates (${targetRow}) was not imported`, code: 'unknown_reference' }], 'import');
      toStored.push({ row, id });
    }
    for (const [rowNumber, input] of pending) {
      const created = writes.create(entity, input, { pathPrefix: String(rowNumber) });
      if (created) ids.set(rowNumber, created.id);
    }
    for (const [rowNumber, id] of ids) if (id.startsWith('row:')) ids.set(rowNumber, ids.get(Number(id.slice(4)))!);
    if (toStored.length > 0) {
      const unique = [...new Set(toStored.map((entry) => entry.id))];
      const currents = new Map<string, StoredRecord>();
      (await this.context.storage.get(entity, unique)).forEach((record, i) => record && currents.set(unique[i]!, record));
      const next = new Map<string, Record<string, unknown>>();
      for (const { row, id } of toStored) {
        const current = currents.get(id);
        if (!current) throw new CrmValidationError([{ path: `${row.row}`, message: `the ${entity} it updates (${id}) no longer exists`, code: 'unknown_reference' }], 'import');
        const base = next.get(id) ?? (current as Record<string, unknown>);
        next.set(id, this.combine(entity, row.action, base, inputOf(row)));
        ids.set(row.row, id);
      }
      for (const [id, data] of next) writes.update(entity, currents.get(id)!, data);
    }
    await writes.commit(entity);
    return { ids };
  }

  /**
   * Folds a row into a record: `update` lets the row win, `merge` lets the record win; lists are united, and so
   * are a lead's or raw contact's phones (a lead's third number goes to its note), so no number is lost.
   */
  private combine(entity: ImportEntity, action: PlannedRow<unknown>['action'], current: Record<string, unknown>, row: Record<string, unknown>): Record<string, unknown> {
    const asStored = (data: Record<string, unknown>, id: string): StoredRecord => ({ ...data, id, rev: 0, createdAt: '', updatedAt: '' }) as StoredRecord;
    const mergeable = entity === 'rawContact' ? 'lead' : entity;
    const [first, second] = action === 'update' ? [asStored(row, 'row'), asStored(current, 'current')] : [asStored(current, 'current'), asStored(row, 'row')];
    const { merged } = mergeRecordData(mergeable, first, [second]);
    for (const field of ['ownerId', 'teamId']) if (current[field] !== undefined) merged[field] = current[field];
    if (entity === 'lead') foldLeadPhones(merged, unitedPhones(first['phones'], second['phones']));
    if (entity === 'rawContact') {
      const numbers = unitedPhones(first['phones'], second['phones']);
      if (numbers.length > 0) merged['phones'] = numbers;
    }
    return merged;
  }
}
