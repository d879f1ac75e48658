import Papa from 'papaparse';
import { phoneSchema } from '../schema/common.js';
import type { ImportTable } from './import-table.js';
import type { RowIssue } from './map-rows.js';
import type { ImportPlan } from './plan-import.js';

/** Options for {@link rejectedRowsCsv}. */
export interface RejectedRowsCsvOptions {
  /** Separator; `,` by default (`;` for Excel in locales that use a decimal comma). */
  delimiter?: string;
  /** Start with a UTF-8 BOM so Excel shows Vietnamese letters correctly (default true). */
  bom?: boolean;
  /** Headers of the three leading columns (default English: Row, Field, Reason). */
  labels?: { row: string; field: string; reason: string };
}

/**
 * A CSV of the rows an import refused, for the user to fix and import again: row number, field and reason
 * first, then the row's original columns untouched. A row with several problems appears once per problem.
 * Quoting follows RFC 4180 (fields with separators, quotes or line breaks are quoted, quotes doubled), and
 * cells starting with `=`, `+`, `-` or `@` are prefixed with `'` so a spreadsheet does not run them as
 * formulas, except numbers and phone numbers (`+` then only digits, spaces, `(`, `)`, `.`, `-` and `/`), which
 * must read back unchanged when the fixed file is imported again.
 */
export function rejectedRowsCsv(table: ImportTable, rejected: ImportPlan<unknown> | readonly RowIssue[], options: RejectedRowsCsvOptions = {}): string {
  const issues: RowIssue[] = Array.isArray(rejected) ? [...(rejected as readonly RowIssue[])] : (rejected as ImportPlan<unknown>).rows.flatMap((row) => row.issues ?? []);
  const indexOfRow = new Map<number, number>();
  table.rowNumbers.forEach((row, index) => indexOfRow.set(row, index));
  const labels = options.labels ?? { row: 'Row', field: 'Field', reason: 'Reason' };
  const data: string[][] = [[labels.row, labels.field, labels.reason, ...table.headers]];
  for (const issue of issues) {
    const index = indexOfRow.get(issue.row);
    const cells = index === undefined ? [] : table.rows[index]!;
    data.push([String(issue.row), issue.field, issue.reason, ...cells].map(defuseFormula));
  }
  const csv = Papa.unparse(data, { delimiter: options.delimiter ?? ',', newline: '\r\n', quotes: false, escapeFormulae: false });
  return (options.bom === false ? '' : '\ufeff') + csv + '\r\n';
}

/** A plain number ("-5", "+84 912 345 678"): nothing for a spreadsheet to run. */
const PLAIN_NUMBER = /^[+-]?\d[\d\s.]*$/;
/**
 * An international phone number the phone schema accepts ("+84-912-345-678", "+84 (28) 3822 1234"): it calls no
 * function and refers to no cell, and a `'` before it would be read back as part of the number when the fixed
 * file is imported again, so the phone would be refused.
 */
function isPhoneNumber(cell: string): boolean {
  return cell.startsWith('+') && phoneSchema.safeParse(cell).success;
}

function defuseFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) && !PLAIN_NUMBER.test(cell) && !isPhoneNumber(cell) ? `'${cell}` : cell;
}
