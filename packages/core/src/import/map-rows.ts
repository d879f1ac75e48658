import type { z } from 'zod';
import { toValidationIssues } from '../schema/validate.js';
import type { ColumnMapping } from './column-mapping.js';
import type { ImportTable } from './import-table.js';

/** Why one row was refused: its spreadsheet row number, the field and the reason. */
export interface RowIssue {
  /** The row number the user sees in the file (header = 1). */
  row: number;
  /** The dotted field path (e.g. `address.province`), empty for the row as a whole. */
  field: string;
  /** Why, in plain English. */
  reason: string;
  /** A machine-readable code (`required`, `invalid_format`, …). */
  code: string;
}

/**
 * Builds the object a row stands for: each mapped column's trimmed text at its path (`address.province`
 * makes a nested object). Blank cells are left out, so the schema's defaults and optionals apply. Two
 * columns on one path are joined with a space (e.g. "Họ" and "Tên"), or with a line break on a path in
 * `listPaths` (fields holding several values, such as phones: "SĐT 1" and "SĐT 2" stay two numbers).
 */
export function rowToObject(cells: readonly string[], mapping: ColumnMapping, listPaths: Iterable<string> = []): Record<string, unknown> {
  return buildRowObject(cells, compileMapping(mapping, listPaths));
}

/** A mapping with its paths split once: what reading many rows with one mapping uses. */
export interface CompiledMapping {
  /** Per column: the path's parts, or null for an ignored column. */
  readonly columns: readonly (readonly string[] | null)[];
  /** Per column: what joins its cell to an earlier column's on the same path (a space, or a line break on a list path). */
  readonly joiners: readonly string[];
}

/** Splits a mapping's paths once, for {@link buildRowObject} over many rows. */
export function compileMapping(mapping: ColumnMapping, listPaths: Iterable<string> = []): CompiledMapping {
  const lists = new Set(listPaths);
  const columns: (readonly string[] | null)[] = [];
  const joiners: string[] = [];
  for (let c = 0; c < mapping.length; c++) {
    const path = mapping[c];
    columns.push(path === null || path === undefined ? null : path.split('.'));
    joiners.push(path !== null && path !== undefined && lists.has(path) ? '\n' : ' ');
  }
  return { columns, joiners };
}

/** {@link rowToObject} with a compiled mapping. */
export function buildRowObject(cells: readonly string[], mapping: CompiledMapping): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const columns = mapping.columns;
  for (let c = 0; c < columns.length; c++) {
    const parts = columns[c];
    if (parts === null || parts === undefined) continue;
    const value = (cells[c] ?? '').trim();
    if (value === '') continue;
    let target = out;
    for (let p = 0; p < parts.length - 1; p++) {
      const next = target[parts[p]!];
      if (next === undefined || typeof next !== 'object' || next === null) target[parts[p]!] = {};
      target = target[parts[p]!] as Record<string, unknown>;
    }
    const leaf = parts[parts.length - 1]!;
    target[leaf] = typeof target[leaf] === 'string' ? `${target[leaf] as string}${mapping.joiners[c]}${value}` : value;
  }
  return out;
}

/** A row read and checked: the parsed record, or the issues that refuse it. */
export type ValidatedRow<T> = { index: number; row: number; ok: true; value: T } | { index: number; row: number; ok: false; issues: RowIssue[] };

/**
 * Maps and validates one row of a table with the caller's zod schema (the entity's schema, or a stricter
 * import schema). Never throws for a bad row: the issues name the row, the field and the reason.
 */
export function validateRow<S extends z.ZodType>(table: ImportTable, index: number, mapping: ColumnMapping, schema: S): ValidatedRow<z.output<S>> {
  return validateRowObject(rowToObject(table.rows[index]!, mapping), index, table.rowNumbers[index]!, schema);
}

/** Validates the object a row was mapped to ({@link buildRowObject}), for a caller that looked at it first. */
export function validateRowObject<S extends z.ZodType>(object: Record<string, unknown>, index: number, row: number, schema: S): ValidatedRow<z.output<S>> {
  const result = schema.safeParse(object);
  if (result.success) return { index, row, ok: true, value: result.data };
  const issues = toValidationIssues(result.error).map((issue) => ({ row, field: issue.path, reason: issue.message, code: issue.code }));
  return { index, row, ok: false, issues };
}

/** Checks a mapping before any row is read: a target used twice by mistake, or a required target missing. */
export function checkMapping(mapping: ColumnMapping, required: readonly string[] = []): RowIssue[] {
  const issues: RowIssue[] = [];
  const mapped = new Set(mapping.filter((path): path is string => path !== null));
  for (const path of required) if (!mapped.has(path)) issues.push({ row: 1, field: path, reason: 'no column is mapped to this required field', code: 'unmapped' });
  return issues;
}
