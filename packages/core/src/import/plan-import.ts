import type { z } from 'zod';
import type { DedupFieldMap } from '../dedup/dedup-record.js';
import { fieldMapFor, projectRecord } from '../dedup/dedup-record.js';
import { DuplicateIndex } from '../dedup/duplicate-index.js';
import type { DuplicateMatch } from '../dedup/matcher.js';
import type { ColumnMapping } from './column-mapping.js';
import type { ImportTable } from './import-table.js';
import { buildRowObject, compileMapping, validateRowObject, type CompiledMapping, type RowIssue } from './map-rows.js';
import { compiledSchema } from '../schema/compiled-schema.js';
import { isSheetFooterLine } from './sheet-footer.js';

/**
 * What to do with a row that duplicates an existing record:
 * - `skip`: leave the existing record alone, drop the row;
 * - `update`: write the row's non-blank fields over the existing record;
 * - `create`: create a new record anyway;
 * - `merge`: fold the row into the existing record: the stored values win, the row fills blanks, phones and e-mails are united.
 */
export type DuplicatePolicy = 'skip' | 'update' | 'create' | 'merge';

/** The action planned for one row. */
export type PlannedAction = 'create' | 'update' | 'merge' | 'skip' | 'reject';

/** One row of the plan: what it is and what will happen to it. */
export interface PlannedRow<T> {
  /** Position in the table's rows. */
  index: number;
  /** The row number the user sees (header = 1). */
  row: number;
  /** `invalid` (refused by the schema), `new`, or `duplicate` (of a stored record or an earlier row). */
  status: 'invalid' | 'new' | 'duplicate';
  action: PlannedAction;
  /** The parsed record (absent for an invalid row). */
  record?: T;
  /** Why an invalid row is refused. */
  issues?: RowIssue[];
  /** Stored records this row duplicates, best first. */
  duplicates?: DuplicateMatch[];
  /** For a duplicate of an earlier row of the same file: that row's number. */
  duplicateOfRow?: number;
  /** The record `update` and `merge` act on: a stored id, or an earlier row of the file. */
  target?: { id: string } | { row: number };
}

/** Counts of a plan, for the dry-run summary. */
export interface ImportSummary {
  rows: number;
  invalid: number;
  new: number;
  duplicates: number;
  /** Of the duplicates, how many duplicate an earlier row of the same file. */
  duplicatesInFile: number;
  create: number;
  update: number;
  merge: number;
  skip: number;
  reject: number;
}

/** A complete import plan: the dry run's answer and the driver's input. */
export interface ImportPlan<T> {
  rows: PlannedRow<T>[];
  summary: ImportSummary;
}

/** Options for {@link planImport}. */
export interface PlanImportOptions {
  /** How the parsed record maps onto duplicate fields (e.g. `DEFAULT_FIELD_MAPS.contact`). */
  fieldMap: DedupFieldMap;
  /**
   * Also catch rows that duplicate an earlier row of the same file (default true): a file often holds the
   * same customer twice. Such a row follows the policy against the earlier row.
   */
  checkWithinFile?: boolean;
  /**
   * The mapping path the name column fills (`fullName`, a company's `name`). A row whose name is a line of the
   * sheet's footer — totals ("Tổng cộng: 120"), the date it was signed ("Hà Nội, ngày 23 tháng 11 năm
   * 2026") or a signature title ("Người lập biểu", "(Ký, họ tên)") — is refused with that one reason
   * (`code: 'not_a_record'`) instead of becoming a customer. Unset, no row is refused for its name.
   */
  nameField?: string;
  /**
   * Mapping paths that hold several values (`phone`, `email`): cells of several columns mapped to one of them
   * are joined with a line break instead of a space, so a schema that splits lists keeps them apart.
   */
  listPaths?: readonly string[];
}

/**
 * Classifies every row of an import — invalid, new, or duplicate of a stored record or an earlier row —
 * and the action the policy gives it. Pure: nothing is written and `index` is not changed, so this is the
 * dry run too; the driver then commits the plan chunk by chunk. Runs to the end in one go; an
 * {@link ImportPlanner} plans the same rows a slice at a time (what a page does, to stay responsive).
 */
export function planImport<S extends z.ZodType>(
  table: ImportTable,
  mapping: ColumnMapping,
  schema: S,
  index: DuplicateIndex,
  policy: DuplicatePolicy,
  options: PlanImportOptions,
): ImportPlan<z.output<S>> {
  const planner = new ImportPlanner(table, mapping, schema, index, policy, options);
  planner.planNext(table.rows.length);
  return planner.plan;
}

/**
 * {@link planImport} a slice of rows at a time: `planNext(n)` plans the next `n` rows, so a caller can give
 * the event loop back between slices (planning 100k rows takes seconds: one call would freeze a page that
 * long). Rows are planned in file order, so the result is the same however the slices are cut.
 */
export class ImportPlanner<S extends z.ZodType> {
  /** The plan so far: complete once {@link done}. */
  readonly plan: ImportPlan<z.output<S>>;
  private readonly withinFile: DuplicateIndex | null;
  private readonly compiled: CompiledMapping;
  /** `options.nameField` split into its parts. */
  private readonly namePath: readonly string[] | null;
  /** `schema` with zod's compiled fast path: the same issues, a fraction of the time per row. */
  private readonly fastSchema: S;
  /** `options.fieldMap` with only the fields the rules compare: a row's other fields are never read. */
  private readonly fieldMap: DedupFieldMap;
  private next = 0;

  constructor(
    private readonly table: ImportTable,
    mapping: ColumnMapping,
    schema: S,
    private readonly index: DuplicateIndex,
    private readonly policy: DuplicatePolicy,
    private readonly options: PlanImportOptions,
  ) {
    this.withinFile = options.checkWithinFile === false ? null : new DuplicateIndex(index.matcher.settings);
    this.compiled = compileMapping(mapping, options.listPaths);
    this.fastSchema = compiledSchema(schema);
    this.fieldMap = fieldMapFor(options.fieldMap, index.matcher.usedSettings.fields);
    this.namePath = options.nameField === undefined ? null : options.nameField.split('.');
    this.plan = {
      rows: [],
      summary: { rows: table.rows.length, invalid: 0, new: 0, duplicates: 0, duplicatesInFile: 0, create: 0, update: 0, merge: 0, skip: 0, reject: 0 },
    };
  }

  /** Rows planned so far. */
  get planned(): number {
    return this.next;
  }

  /** Whether every row is planned. */
  get done(): boolean {
    return this.next >= this.table.rows.length;
  }

  /** Plans up to `count` more rows; returns how many it planned. */
  planNext(count: number): number {
    const end = Math.min(this.table.rows.length, this.next + Math.max(0, count));
    const started = this.next;
    for (; this.next < end; this.next++) this.planRow(this.next);
    return end - started;
  }

  private planRow(i: number): void {
    const { table, index, policy, withinFile } = this;
    const { rows, summary } = this.plan;
    const object = buildRowObject(table.rows[i]!, this.compiled);
    // a footer line is refused for what it is, not for the other cells of the line ("Kế toán trưởng" as a phone)
    const footer = this.footerIssues(object, table.rowNumbers[i]!);
    const checked = footer === null ? validateRowObject(object, i, table.rowNumbers[i]!, this.fastSchema) : null;
    if (checked === null || !checked.ok) {
      rows.push({ index: i, row: table.rowNumbers[i]!, status: 'invalid', action: 'reject', issues: footer ?? (checked as { issues: RowIssue[] }).issues });
      summary.invalid++;
      summary.reject++;
      return;
    }
    const prepared = index.prepare(projectRecord(checked.value as Record<string, unknown>, this.fieldMap, `row:${checked.row}`));
    // most rows are new: a match-or-not pass first, the explained matches only for the duplicates
    const duplicates = index.hasMatch(prepared) ? index.findMatches(prepared) : [];
    let planned: PlannedRow<z.output<S>>;
    if (duplicates.length > 0) {
      const action: PlannedAction = policy;
      planned = { index: i, row: checked.row, status: 'duplicate', action, record: checked.value, duplicates };
      if (policy === 'update' || policy === 'merge') planned.target = { id: duplicates[0]!.id };
      summary.duplicates++;
    } else {
      const earlier = withinFile !== null && withinFile.hasMatch(prepared) ? withinFile.findMatches(prepared, { limit: 1 })[0] : undefined;
      if (earlier !== undefined) {
        const earlierRow = Number(earlier.id.slice(4));
        planned = { index: i, row: checked.row, status: 'duplicate', action: policy, record: checked.value, duplicateOfRow: earlierRow };
        if (policy === 'update' || policy === 'merge') planned.target = { row: earlierRow };
        summary.duplicates++;
        summary.duplicatesInFile++;
      } else {
        planned = { index: i, row: checked.row, status: 'new', action: 'create', record: checked.value };
        summary.new++;
      }
    }
    summary[planned.action]++;
    // Every valid row is a customer later rows must not duplicate: a new one, and a duplicate too, whose values
    // (an e-mail the stored record lacks) an update or merge adds to its target, or which a skip says is known.
    if (withinFile !== null) withinFile.add(prepared);
    rows.push(planned);
  }

  /** The issue of a row whose name is a footer line of the sheet (see {@link PlanImportOptions.nameField}), or null. */
  private footerIssues(object: Record<string, unknown>, row: number): RowIssue[] | null {
    if (this.namePath === null) return null;
    let name: unknown = object;
    for (const part of this.namePath) name = typeof name === 'object' && name !== null ? (name as Record<string, unknown>)[part] : undefined;
    if (typeof name !== 'string' || !isSheetFooterLine(name)) return null;
    return [{ row, field: this.options.nameField!, reason: 'is a totals, date or signature line of the sheet, not a name', code: 'not_a_record' }];
  }
}
