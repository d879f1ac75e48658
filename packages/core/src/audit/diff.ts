import type { JsonValue } from '../storage/contract.js';

/** One field's change: from what to what (absent values are `null`). */
export interface FieldChange {
  /** Top-level field name, e.g. `stageId` or `address`. */
  field: string;
  from: JsonValue;
  to: JsonValue;
}

const META = new Set(['id', 'rev', 'createdAt', 'updatedAt', 'deleted']);

function same(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The fields that differ between two states of a record, metadata excluded, in field-name order. */
export function diffRecords(before: Readonly<Record<string, unknown>>, after: Readonly<Record<string, unknown>>): FieldChange[] {
  const fields = new Set([...Object.keys(before), ...Object.keys(after)]);
  const changes: FieldChange[] = [];
  for (const field of [...fields].sort()) {
    if (META.has(field)) continue;
    const from = before[field];
    const to = after[field];
    if (!same(from, to)) changes.push({ field, from: (from ?? null) as JsonValue, to: (to ?? null) as JsonValue });
  }
  return changes;
}
