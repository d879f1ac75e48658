import type { IndexValue, Query } from '@crmkit/core';

/**
 * An independent, deliberately naive implementation of the query semantics the contract documents, used to
 * check adapters on generated data. It does not share code with any adapter.
 */
function read(record: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((value, part) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined), record);
}

function keyType(value: unknown): value is IndexValue {
  return typeof value === 'string' || (typeof value === 'number' && !Number.isNaN(value));
}

function compare(a: IndexValue, b: IndexValue): number {
  if (typeof a !== typeof b) return typeof a === 'number' ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function valuesOf(record: Record<string, unknown>, field: string, multiEntry: boolean): IndexValue[] {
  const value = read(record, field);
  if (multiEntry) return Array.isArray(value) ? value.filter(keyType) : [];
  return keyType(value) ? [value] : [];
}

/** The ids a query must return, in order, over the given live records (all pages joined). */
export function referenceQueryIds(records: Record<string, unknown>[], query: Query, multiEntryFields: ReadonlySet<string>): string[] {
  const where = query.where ?? [];
  const kept = records.filter((record) =>
    where.every((condition) => {
      const values = valuesOf(record, condition.field, multiEntryFields.has(condition.field));
      if (condition.op === 'eq') return values.some((v) => compare(v, condition.value) === 0);
      if (condition.op === 'in') return values.some((v) => condition.values.some((w) => compare(v, w) === 0));
      return values.some(
        (v) =>
          (condition.gt === undefined || compare(v, condition.gt) > 0) &&
          (condition.gte === undefined || compare(v, condition.gte) >= 0) &&
          (condition.lt === undefined || compare(v, condition.lt) < 0) &&
          (condition.lte === undefined || compare(v, condition.lte) <= 0),
      );
    }),
  );
  let orderField = 'id';
  if (query.orderBy) orderField = query.orderBy.field;
  else if (where[0] && (!multiEntryFields.has(where[0].field) || where[0].op === 'eq')) orderField = where[0].field;
  const orderMulti = multiEntryFields.has(orderField);
  const eqValue = orderMulti ? (where[0] as { value: IndexValue }).value : undefined;
  const withKey = kept
    .map((record) => ({ id: record['id'] as string, key: orderField === 'id' ? (record['id'] as string) : orderMulti ? eqValue : valuesOf(record, orderField, false)[0] }))
    .filter((entry): entry is { id: string; key: IndexValue } => entry.key !== undefined);
  const sign = query.orderBy?.direction === 'desc' ? -1 : 1;
  withKey.sort((a, b) => sign * (compare(a.key, b.key) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
  return withKey.map((entry) => entry.id);
}
