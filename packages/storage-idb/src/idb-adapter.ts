import { openDB, type IDBPDatabase, type IDBPTransaction } from 'idb';
import {
  applyWrites,
  CrmError,
  CrmStorageError,
  CrmValidationError,
  encodeCursor,
  orderValueOf,
  parseIndexSpec,
  isKnownEntity,
  planQuery,
  recordKey,
  validateCommit,
  type Change,
  type ChangeBatch,
  type ChangeListener,
  type ChangesPage,
  type CommitRequest,
  type CommitResult,
  type Query,
  type QueryPage,
  type RecordHistoryEntry,
  type StorageAdapter,
  type StorageCapabilities,
  type StorageSchema,
  type StoredRecord,
  type UpgradeContext,
} from '@crmkit/core';
import { ChangeHub, historyFromRows, historyIndexKeys } from '@crmkit/core';
import { toCrmError } from './errors.js';
import { walkPlan } from './walk.js';

/** The store of the change feed: one row per commit, with a multi-entry index on the records it touched. */
const CHANGES_STORE = '_changes';

interface ChangeRow {
  seq?: number;
  origin: string;
  at: string;
  changes: Change[];
  /** `entity/id` of every record the commit touched: history is an index lookup. */
  keys: string[];
}

/** Options of {@link createIdbAdapter}. */
export interface IdbAdapterOptions {
  /** The IndexedDB database name; instances and tabs opening the same name share data and changes. */
  name: string;
  /** The entities, indexes, version and upgrade steps to open with. */
  schema: StorageSchema;
}

/** crmkit's small store on IndexedDB through idb: persistent, shared by every tab of the origin. */
export class IdbAdapter implements StorageAdapter {
  readonly name = 'idb';
  readonly capabilities: StorageCapabilities = { persistent: true, multiTab: true };
  private readonly hub: ChangeHub;
  private closed: 'no' | 'by-us' | 'by-another-connection' = 'no';

  /** Use {@link createIdbAdapter}, which creates the stores and runs upgrade steps. */
  constructor(
    private readonly db: IDBPDatabase,
    private readonly schema: StorageSchema,
  ) {
    this.hub = new ChangeHub(db.name);
  }

  /** The schema version the database is at. */
  get version(): number {
    return this.db.version;
  }

  /** @internal Called when another connection upgrades or deletes the database and this one had to close. */
  lost(): void {
    if (this.closed === 'no') this.closed = 'by-another-connection';
    this.db.close();
  }

  private assertOpen(): void {
    if (this.closed === 'by-us') throw new CrmStorageError('closed', `The IndexedDB database "${this.db.name}" is closed`);
    if (this.closed === 'by-another-connection') {
      throw new CrmStorageError('DatabaseClosedError', `The IndexedDB database "${this.db.name}" was closed because another tab upgrades or deletes it`);
    }
  }

  async commit(request: CommitRequest): Promise<CommitResult> {
    this.assertOpen();
    validateCommit(request, this.schema);
    const at = request.at ?? new Date().toISOString();
    const origin = request.origin ?? 'unknown';
    const { writes } = request;
    let tx: IDBPTransaction<unknown, string[], 'readwrite'> | undefined;
    try {
      tx = this.db.transaction([...new Set(writes.map((write) => write.entity)), CHANGES_STORE], 'readwrite');
      const current = (await Promise.all(writes.map((write) => tx!.objectStore(write.entity).get(write.id)))) as (StoredRecord | undefined)[];
      // applyWrites throws a conflict before anything is written; the catch below aborts the transaction.
      const { records, changes } = applyWrites(writes, current, at);
      const row: ChangeRow = { origin, at, changes, keys: historyIndexKeys(changes) };
      const puts = records.map((record, i) => tx!.objectStore(writes[i]!.entity).put(record));
      const [seq] = await Promise.all([tx.objectStore(CHANGES_STORE).add(row), ...puts]);
      await tx.done;
      this.hub.publish({ seq: seq as number, origin, at, changes }, records);
      return { seq: seq as number, records };
    } catch (error) {
      if (tx) {
        tx.done.catch(() => undefined);
        try {
          tx.abort();
        } catch {
          // already finished or aborted
        }
      }
      // An aborted transaction's own error (e.g. QuotaExceededError) says more than the request's AbortError.
      throw toCrmError(error instanceof Error && error.name === 'AbortError' && tx?.error ? tx.error : error, 'commit');
    }
  }

  async get(entity: string, ids: readonly string[], options?: { includeDeleted?: boolean }): Promise<(StoredRecord | undefined)[]> {
    this.assertOpen();
    if (!isKnownEntity(this.schema, entity)) planQuery({ entity }, this.schema);
    try {
      const store = this.db.transaction(entity).store;
      const records = (await Promise.all(ids.map((id) => store.get(id)))) as (StoredRecord | undefined)[];
      return records.map((record) => (record && (!record.deleted || options?.includeDeleted) ? record : undefined));
    } catch (error) {
      throw toCrmError(error, `read ${entity}`);
    }
  }

  async query(query: Query): Promise<QueryPage> {
    this.assertOpen();
    const plan = planQuery(query, this.schema);
    const records: StoredRecord[] = [];
    try {
      // One record past the limit tells whether another page follows.
      await walkPlan(this.db.transaction(query.entity), plan, (record) => records.push(record) > plan.limit);
    } catch (error) {
      throw toCrmError(error, `query ${query.entity}`);
    }
    if (records.length <= plan.limit) return { records };
    const page = records.slice(0, plan.limit);
    const last = page[page.length - 1]!;
    return { records: page, cursor: encodeCursor({ value: orderValueOf(last, plan)!, id: last.id }) };
  }

  async count(query: Pick<Query, 'entity' | 'where'>): Promise<number> {
    this.assertOpen();
    const plan = planQuery({ entity: query.entity, where: query.where ?? [] }, this.schema);
    let counted = 0;
    try {
      await walkPlan(this.db.transaction(query.entity), plan, () => {
        counted += 1;
        return false;
      });
    } catch (error) {
      throw toCrmError(error, `count ${query.entity}`);
    }
    return counted;
  }

  async changesSince(cursor: number, limit = 100): Promise<ChangesPage> {
    this.assertOpen();
    try {
      const rows = (await this.db.getAll(CHANGES_STORE, IDBKeyRange.lowerBound(cursor, true), limit)) as ChangeRow[];
      const batches = rows.map(({ seq, origin, at, changes }) => ({ seq: seq!, origin, at, changes }));
      return { batches, cursor: batches.length > 0 ? batches[batches.length - 1]!.seq : cursor };
    } catch (error) {
      throw toCrmError(error, 'read the change feed');
    }
  }

  async history(entity: string, id: string): Promise<RecordHistoryEntry[]> {
    this.assertOpen();
    try {
      const [record] = await this.get(entity, [id], { includeDeleted: true });
      const [indexed, created] = await Promise.all([
        this.db.getAllFromIndex(CHANGES_STORE, 'keys', recordKey(entity, id)),
        record ? this.db.getAllFromIndex(CHANGES_STORE, 'at', record.createdAt) : Promise.resolve([]),
      ]);
      return historyFromRows([...(created as ChangeRow[]), ...(indexed as ChangeRow[])] as ChangeBatch[], entity, id);
    } catch (error) {
      throw toCrmError(error, `read the history of ${entity} ${id}`);
    }
  }

  subscribe(listener: ChangeListener): () => void {
    return this.hub.subscribe(listener);
  }

  async close(): Promise<void> {
    if (this.closed === 'by-us') return;
    this.closed = 'by-us';
    this.hub.close();
    this.db.close();
  }
}

/** Makes the stores and indexes match the schema, inside the versionchange transaction. */
function shapeStores(db: IDBPDatabase, tx: IDBPTransaction<unknown, string[], 'versionchange'>, schema: StorageSchema): void {
  for (const [entity, definition] of Object.entries(schema.entities)) {
    const store = db.objectStoreNames.contains(entity) ? tx.objectStore(entity) : db.createObjectStore(entity, { keyPath: 'id' });
    const wanted = new Map(definition.indexes.map(parseIndexSpec).filter((spec) => spec.field !== 'id').map((spec) => [spec.field, spec.multiEntry]));
    for (const name of [...store.indexNames]) {
      const index = store.index(name);
      if (wanted.get(name) !== index.multiEntry || index.keyPath !== name) store.deleteIndex(name);
    }
    for (const [field, multiEntry] of wanted) {
      if (!store.indexNames.contains(field)) store.createIndex(field, field, { multiEntry });
    }
  }
  for (const name of [...db.objectStoreNames]) {
    if (name !== CHANGES_STORE && !schema.entities[name]) db.deleteObjectStore(name);
  }
  if (!db.objectStoreNames.contains(CHANGES_STORE)) {
    const changes = db.createObjectStore(CHANGES_STORE, { keyPath: 'seq', autoIncrement: true });
    changes.createIndex('keys', 'keys', { multiEntry: true });
    changes.createIndex('at', 'at');
  }
}

/**
 * Runs the schema's upgrade steps in order. Only requests of the versionchange transaction are awaited (a
 * cursor per `modify`), which keeps the transaction alive between them.
 */
async function runUpgradeSteps(tx: IDBPTransaction<unknown, string[], 'versionchange'>, schema: StorageSchema, oldVersion: number, newVersion: number): Promise<void> {
  const context: UpgradeContext = {
    oldVersion,
    newVersion,
    modify: async (entity, change) => {
      let cursor = await tx.objectStore(entity).openCursor();
      while (cursor) {
        const record = cursor.value as StoredRecord;
        if (!record.deleted) {
          const { id, rev, createdAt, updatedAt } = record;
          const replaced = change(record) ?? record;
          await cursor.update({ ...replaced, id, rev, createdAt, updatedAt });
        }
        cursor = await cursor.continue();
      }
    },
  };
  for (let version = oldVersion + 1; version <= newVersion; version++) await schema.upgrades?.[version]?.(context);
}

/**
 * Opens crmkit's IndexedDB store through idb. The schema version is the database version: opening an older
 * database creates the new stores and indexes and runs the schema's upgrade steps in the same versionchange
 * transaction, so an upgrade lands whole or not at all. Fails with `CrmStorageError` (e.g. reason
 * `VersionError` when the database is newer than the schema).
 */
export async function createIdbAdapter(options: IdbAdapterOptions): Promise<IdbAdapter> {
  const { name, schema } = options;
  if (!Number.isInteger(schema.version) || schema.version < 1) {
    throw new CrmValidationError([{ path: 'version', message: 'must be a positive whole number', code: 'invalid_type' }], 'storage schema');
  }
  if (schema.entities[CHANGES_STORE]) {
    throw new CrmValidationError([{ path: `entities.${CHANGES_STORE}`, message: 'is a name the idb adapter reserves', code: 'reserved' }], 'storage schema');
  }
  let adapter: IdbAdapter | undefined;
  let upgradeFailure: unknown;
  let db: IDBPDatabase;
  try {
    db = await openDB(name, schema.version, {
      upgrade(database, oldVersion, newVersion, tx) {
        // A failed upgrade rejects `done` too; openDB's own rejection is what reports it.
        tx.done.catch(() => undefined);
        shapeStores(database, tx, schema);
        if (oldVersion === 0) return;
        runUpgradeSteps(tx, schema, oldVersion, newVersion ?? schema.version).catch((error: unknown) => {
          upgradeFailure = error;
          try {
            tx.abort();
          } catch {
            // the transaction has already failed
          }
        });
      },
      blocking(_current, _next, event) {
        // Another connection wants to upgrade or delete the database: let it, and fail later calls clearly.
        if (adapter) adapter.lost();
        else (event.target as IDBDatabase).close();
      },
    });
  } catch (error) {
    if (upgradeFailure !== undefined && !(upgradeFailure instanceof CrmError)) {
      throw new CrmStorageError('UpgradeError', `An upgrade step of "${name}" failed: ${String(upgradeFailure)}`, { cause: upgradeFailure });
    }
    throw toCrmError(upgradeFailure ?? error, `open "${name}"`);
  }
  adapter = new IdbAdapter(db, schema);
  return adapter;
}
