import type { IDBPObjectStore, IDBPTransaction } from 'idb';
import { compareIndexValues, isEmptyRange, type IndexValue, type KeyBounds, type QueryPlan, type StoredRecord } from '@crmkit/core';

/** Arrays sort after every number and string in IndexedDB: an exclusive upper bound that keeps walks to crmkit's keys. */
const ABOVE_ALL_VALUES: never[] = [];

function keyRangeOf(bounds: KeyBounds): IDBKeyRange {
  return IDBKeyRange.bound(
    bounds.lower ?? -Infinity,
    bounds.upper ?? ABOVE_ALL_VALUES,
    bounds.lower !== undefined && bounds.lowerOpen,
    bounds.upper === undefined || bounds.upperOpen,
  );
}

/** The bounds narrowed to start at the cursor's value (inclusive: the rest of its tie group comes first). */
function startingAt(bounds: KeyBounds, value: IndexValue, open: boolean, direction: 'asc' | 'desc'): KeyBounds {
  if (direction === 'asc') {
    if (bounds.lower !== undefined && compareIndexValues(value, bounds.lower) < 0) return bounds;
    return { ...bounds, lower: value, lowerOpen: open };
  }
  if (bounds.upper !== undefined && compareIndexValues(value, bounds.upper) > 0) return bounds;
  return { ...bounds, upper: value, upperOpen: open };
}

/**
 * Executes a {@link QueryPlan} with one IndexedDB cursor: over the order index (or the primary key) within
 * the plan's bounds, jumping between `in` values with `continue(key)` and past the previous page with
 * `continuePrimaryKey`, visiting live matching records until `visit` returns true.
 */
export async function walkPlan(
  tx: IDBPTransaction<unknown, string[], 'readonly' | 'readwrite'>,
  plan: QueryPlan,
  visit: (record: StoredRecord) => boolean,
): Promise<void> {
  const { after, direction, inValues } = plan;
  const field = plan.orderIndex.field;
  let bounds = plan.bounds;
  if (after) bounds = startingAt(bounds, field === 'id' ? after.id : after.value, field === 'id', direction);
  if (isEmptyRange(bounds)) return;
  const store: IDBPObjectStore<unknown, string[], string, 'readonly' | 'readwrite'> = tx.objectStore(plan.entity);
  const source = field === 'id' ? store : store.index(field);
  const wanted = inValues ? (direction === 'asc' ? inValues : [...inValues].reverse()) : undefined;
  const beyond = (a: IndexValue, b: IndexValue) => (direction === 'asc' ? compareIndexValues(a, b) > 0 : compareIndexValues(a, b) < 0);
  let cursor = await source.openCursor(keyRangeOf(bounds), direction === 'asc' ? 'next' : 'prev');
  while (cursor) {
    const key = cursor.key as IndexValue;
    const id = cursor.primaryKey as string;
    if (wanted && !wanted.some((value) => compareIndexValues(value, key) === 0)) {
      const next = wanted.find((value) => beyond(value, key));
      if (next === undefined) return;
      cursor = await cursor.continue(next);
      continue;
    }
    if (after && field !== 'id' && compareIndexValues(key, after.value) === 0 && !beyond(id, after.id)) {
      cursor = id === after.id ? await cursor.continue() : await cursor.continuePrimaryKey(after.value, after.id);
      continue;
    }
    const record = cursor.value as StoredRecord;
    if (!record.deleted && plan.matches(record) && visit(record)) return;
    cursor = await cursor.continue();
  }
}
