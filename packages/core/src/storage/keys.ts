import type { IndexValue } from './contract.js';

/**
 * Compares index values the way IndexedDB does (numbers before strings, strings by UTF-16 code units), so
 * every adapter sorts and pages identically.
 */
export function compareIndexValues(a: IndexValue, b: IndexValue): number {
  const ta = typeof a;
  const tb = typeof b;
  if (ta !== tb) return ta === 'number' ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** True for a value IndexedDB can index and crmkit queries compare: a finite number or a string. */
export function isIndexValue(value: unknown): value is IndexValue {
  return typeof value === 'string' || (typeof value === 'number' && !Number.isNaN(value));
}

/** Reads a dotted path (`address.province`) from a record. */
export function readPath(record: Readonly<Record<string, unknown>>, path: string): unknown {
  if (!path.includes('.')) return record[path];
  let value: unknown = record;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** A declared index: its field and whether it is multi-entry (`*tagIds`). */
export interface IndexSpec {
  field: string;
  multiEntry: boolean;
}

/** Parses a declared index (`*tagIds` is multi-entry on `tagIds`). */
export function parseIndexSpec(spec: string): IndexSpec {
  return spec.startsWith('*') ? { field: spec.slice(1), multiEntry: true } : { field: spec, multiEntry: false };
}

/** The values a record contributes to an index: none, one, or (multi-entry) each indexable element. */
export function indexValuesOf(record: Readonly<Record<string, unknown>>, index: IndexSpec): IndexValue[] {
  const value = readPath(record, index.field);
  if (index.multiEntry) {
    if (!Array.isArray(value)) return [];
    const values: IndexValue[] = [];
    for (const element of value) if (isIndexValue(element) && !values.includes(element)) values.push(element);
    return values;
  }
  return isIndexValue(value) ? [value] : [];
}
