import type { z } from 'zod';
import type { DedupFieldMap } from '../dedup/dedup-record.js';
import { projectRecord } from '../dedup/dedup-record.js';
import { DuplicateIndex } from '../dedup/duplicate-index.js';
import type { DuplicateMatch } from '../dedup/matcher.js';
import type { ColumnMapping } from './column-mapping.js';
import type { ImportTable } from './import-table.js';
import { compileMapping, validateRowWith, type RowIssue } from './map-rows.js';

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
}

/**
 * Classifies every row of an import — invalid, new, or duplicate of a stored record or an earlier row —
 * and the action the policy gives it. Pure: nothing is written and `index` is not changed, so this is the
 * dry run too; the driver then commits the plan chunk by chunk.
 */
export function planImport<S extends z.ZodType>(
  table: ImportTable,
  mapping: ColumnMapping,
  schema: S,
  index: DuplicateIndex,
  policy: DuplicatePolicy,
  options: PlanImportOptions,
): ImportPlan<z.output<S>> {
  const withinFile = options.checkWithinFile === false ? null : new DuplicateIndex(index.matcher.settings);
  const rows: PlannedRow<z.output<S>>[] = [];
  const summary: ImportSummary = { rows: table.rows.length, invalid: 0, new: 0, duplicates: 0, duplicatesInFile: 0, create: 0, update: 0, merge: 0, skip: 0, reject: 0 };
  const compiled = compileMapping(mapping);
  for (let i = 0; i < table.rows.length; i++) {
    const checked = validateRowWith(table, i, compiled, schema);
    if (!checked.ok) {
      rows.push({ index: i, row: checked.row, status: 'invalid', action: 'reject', issues: checked.issues });
      summary.invalid++;
      summary.reject++;
      continue;
    }
    const prepared = index.prepare(projectRecord(checked.value as Record<string, unknown>, options.fieldMap, `row:${checked.row}`));
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
    // Rows that will exist after the import are what later rows must not duplicate.
    if (withinFile !== null && (planned.action === 'create' || planned.status === 'new')) withinFile.add(prepared);
    rows.push(planned);
  }
  return { rows, summary };
}
