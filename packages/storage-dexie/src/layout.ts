import { CrmValidationError, parseIndexSpec, type Change, type StorageSchema, type StoredRecord } from '@crmkit/core';

/** The table of the change feed: one small row per commit. */
export const CHANGES_TABLE = '_changes';

/**
 * A deleted record is stored as `{ id, $tombstone: record }`. With its fields out of the top level, a tombstone
 * drops out of every secondary index, so index walks and native counts only ever see live records; the
 * `$tombstone.id` index lets counts over the primary key subtract tombstones natively.
 */
export const TOMBSTONE_FIELD = '$tombstone';

/** The index over tombstones (see {@link TOMBSTONE_FIELD}). */
export const TOMBSTONE_INDEX = `${TOMBSTONE_FIELD}.id`;

/** A row of the change feed table. */
export interface ChangeRow {
  seq?: number;
  origin: string;
  at: string;
  changes: Change[];
  /** `entity/id` of the records whose history needs this row beyond their creation (see `historyIndexKeys`). */
  keys: string[];
}

/** The row stored for a record. */
export function toRow(record: StoredRecord): Record<string, unknown> {
  return record.deleted ? { id: record.id, [TOMBSTONE_FIELD]: record } : record;
}

/** True for a stored tombstone row. */
export function isTombstoneRow(row: Readonly<Record<string, unknown>>): boolean {
  return row[TOMBSTONE_FIELD] !== undefined && row['rev'] === undefined;
}

/** The record a stored row holds (a tombstone comes back with `deleted: true`). */
export function fromRow(row: Record<string, unknown> | undefined): StoredRecord | undefined {
  if (!row) return undefined;
  return (isTombstoneRow(row) ? row[TOMBSTONE_FIELD] : row) as StoredRecord;
}

/**
 * Dexie's `stores()` declaration for a crmkit schema: one table per entity keyed by `id` with its declared
 * indexes (`*field` is multi-entry, dotted paths as they are), the tombstone index, and the change feed.
 */
export function dexieStores(schema: StorageSchema): Record<string, string> {
  if (!Number.isInteger(schema.version) || schema.version < 1) {
    throw new CrmValidationError([{ path: 'version', message: 'must be a positive whole number', code: 'invalid_type' }], 'storage schema');
  }
  const stores: Record<string, string> = {};
  for (const [entity, definition] of Object.entries(schema.entities)) {
    if (entity === CHANGES_TABLE || entity.startsWith('$')) {
      throw new CrmValidationError([{ path: `entities.${entity}`, message: 'is a name the Dexie adapter reserves', code: 'reserved' }], 'storage schema');
    }
    const indexes = new Set<string>();
    for (const spec of definition.indexes) {
      const { field, multiEntry } = parseIndexSpec(spec);
      if (field !== 'id') indexes.add(multiEntry ? `*${field}` : field);
    }
    stores[entity] = ['id', ...indexes, TOMBSTONE_INDEX].join(', ');
  }
  stores[CHANGES_TABLE] = '++seq, *keys, at';
  return stores;
}
