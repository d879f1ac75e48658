import type { Collection, Table } from 'dexie';
import {
  compareIndexValues,
  isEmptyRange,
  orderValueOf,
  withinBounds,
  type Condition,
  type CursorPosition,
  type IndexValue,
  type KeyBounds,
  type QueryPlan,
  type StoredRecord,
} from '@crmkit/core';
import { isTombstoneRow, TOMBSTONE_INDEX } from './layout.js';
import { walkTieGroup } from './tie-walk.js';

/** Arrays sort after every number and string in IndexedDB: an exclusive upper bound that keeps walks to crmkit's keys. */
const ABOVE_ALL_VALUES: never[] = [];

/** What a query runs against. */
export interface QueryTarget {
  table: Table;
  /** The open IndexedDB database under Dexie (for the tie-group walk). */
  backend(): IDBDatabase;
  keyRange: { only(value: unknown): IDBKeyRange };
}

/**
 * A Dexie collection over an index (`:id` for the primary key) within bounds or over `in` values, in the
 * plan's direction. Open-ended bounds stop below array keys, which crmkit does not index.
 */
export function indexCollection(table: Table, index: string, bounds: KeyBounds, inValues: readonly IndexValue[] | undefined, direction: 'asc' | 'desc'): Collection {
  const where = table.where(index === 'id' ? ':id' : index);
  let collection: Collection;
  if (inValues) {
    collection = where.anyOf(inValues as IndexValue[]);
  } else {
    const lower = bounds.lower ?? -Infinity;
    const upper = bounds.upper ?? ABOVE_ALL_VALUES;
    collection = where.between(lower, upper, bounds.lower === undefined || !bounds.lowerOpen, bounds.upper !== undefined && !bounds.upperOpen);
  }
  return direction === 'desc' ? collection.reverse() : collection;
}

/** The bounds narrowed to what lies strictly past `value` in the walk's direction. */
function pastValue(bounds: KeyBounds, value: IndexValue, direction: 'asc' | 'desc'): KeyBounds {
  if (direction === 'asc') {
    if (bounds.lower !== undefined && compareIndexValues(value, bounds.lower) < 0) return bounds;
    return { ...bounds, lower: value, lowerOpen: true };
  }
  if (bounds.upper !== undefined && compareIndexValues(value, bounds.upper) > 0) return bounds;
  return { ...bounds, upper: value, upperOpen: true };
}

function chunkSize(wanted: number): number {
  return Math.min(Math.max(wanted, 32), 2000);
}

/**
 * Executes a {@link QueryPlan}: walks the order index natively, resuming after the plan's cursor position
 * (the rest of the tie group by primary key, then everything strictly past its value), keeps live records
 * that match, and stops once `want` are found. Index walks are fetched in chunks with `limit()`, which Dexie
 * turns into `getAll` when no JS filter is attached — the fast path for a plain range page.
 */
export async function runPlan(target: QueryTarget, plan: QueryPlan, want: number): Promise<StoredRecord[]> {
  const found: StoredRecord[] = [];
  if (want <= 0 || isEmptyRange(plan.bounds)) return found;
  const field = plan.orderIndex.field;
  const keep = (row: Record<string, unknown>): boolean => {
    // Tombstones are in no secondary index; only a walk over the primary key meets them.
    if (!isTombstoneRow(row) && plan.matches(row)) found.push(row as StoredRecord);
    return found.length >= want;
  };
  let bounds = plan.bounds;
  let inValues = plan.inValues;
  let after: CursorPosition | undefined = plan.after;
  for (;;) {
    if (after) {
      const value = after.value;
      const inGroup = field !== 'id' && withinBounds(value, bounds) && (!inValues || inValues.some((wanted) => compareIndexValues(wanted, value) === 0));
      if (inGroup) {
        const index = target.backend().transaction(target.table.name, 'readonly').objectStore(target.table.name).index(field);
        if (await walkTieGroup(index, target.keyRange, after, plan.direction, keep)) return found;
      }
      bounds = pastValue(bounds, value, plan.direction);
      if (inValues) inValues = inValues.filter((wanted) => (plan.direction === 'asc' ? compareIndexValues(wanted, value) > 0 : compareIndexValues(wanted, value) < 0));
      if (isEmptyRange(bounds) || inValues?.length === 0) return found;
    }
    const size = chunkSize(want - found.length);
    const rows = (await indexCollection(target.table, field, bounds, inValues, plan.direction).limit(size).toArray()) as Record<string, unknown>[];
    for (const row of rows) if (keep(row)) return found;
    if (rows.length < size) return found;
    const last = rows[rows.length - 1]!;
    const id = last['id'] as string;
    after = { value: field === 'id' ? id : orderValueOf(last, plan)!, id };
  }
}

/**
 * Counts natively when the query's only condition drives the walk (the index holds exactly the matching live
 * records; over the primary key, tombstones are subtracted through their own index). Returns undefined when
 * the conditions need a JS filter.
 */
export async function countNatively(table: Table, plan: QueryPlan, where: readonly Condition[]): Promise<number | undefined> {
  if (isEmptyRange(plan.bounds)) return 0;
  const field = plan.orderIndex.field;
  if (where.length === 0) {
    const [all, tombstones] = await Promise.all([table.count(), table.orderBy(TOMBSTONE_INDEX).count()]);
    return all - tombstones;
  }
  // planQuery orders by a multi-entry index only for `eq`, where each record is in the index once per value.
  if (where.length !== 1 || where[0]!.field !== field) return undefined;
  const total = await indexCollection(table, field, plan.bounds, plan.inValues, 'asc').count();
  if (field !== 'id') return total;
  const tombstones = await indexCollection(table, TOMBSTONE_INDEX, plan.bounds, plan.inValues, 'asc').count();
  return total - tombstones;
}
