import type {
  ChangeBatch,
  ChangeListener,
  ChangesPage,
  CommitRequest,
  CommitResult,
  LiveChangeBatch,
  Query,
  QueryPage,
  RecordHistoryEntry,
  StorageAdapter,
  StorageCapabilities,
  StorageSchema,
  StoredRecord,
  UpgradeContext,
} from './contract.js';
import { CrmStorageError } from '../errors.js';
import { applyWrites, recordKey, validateCommit } from './commit-plan.js';
import { indexValuesOf } from './keys.js';
import { comparePositions, encodeCursor, isEmptyRange, isKnownEntity, orderValueOf, planQuery, withinBounds, type CursorPosition } from './query-plan.js';

/**
 * The state of an in-memory database. Several adapters opened on one `MemoryDatabase` share it (like tabs on
 * one IndexedDB database), and reopening on it keeps the data, so a host can hand one to a worker and a page
 * in the same process.
 */
export class MemoryDatabase {
  /** @internal */ version = 0;
  /** @internal */ readonly stores = new Map<string, Map<string, StoredRecord>>();
  /** @internal */ readonly log: ChangeBatch[] = [];
  /** @internal */ readonly historyByRecord = new Map<string, RecordHistoryEntry[]>();
  /** @internal */ readonly instances = new Set<MemoryAdapter>();
  /** @internal */ seq = 0;
}

/** Options of {@link createMemoryAdapter}. */
export interface MemoryAdapterOptions {
  /** The entities, indexes and version to open with. */
  schema: StorageSchema;
  /** The database to open; a fresh one when omitted. */
  database?: MemoryDatabase;
}

/** crmkit's embedded default store: everything in memory, nothing survives the process. */
export class MemoryAdapter implements StorageAdapter {
  readonly name = 'memory';
  readonly capabilities: StorageCapabilities = { persistent: false, multiTab: false };
  private readonly listeners = new Set<ChangeListener>();
  private closed = false;
  private outdatedBy: number | undefined;

  /** Use {@link createMemoryAdapter}, which also runs upgrade steps. */
  constructor(
    private readonly schema: StorageSchema,
    private readonly database: MemoryDatabase,
  ) {
    database.instances.add(this);
  }

  get version(): number {
    return this.database.version;
  }

  private store(entity: string): Map<string, StoredRecord> {
    let store = this.database.stores.get(entity);
    if (!store) {
      store = new Map();
      this.database.stores.set(entity, store);
    }
    return store;
  }

  private assertOpen(): void {
    if (this.closed) throw new CrmStorageError('closed', 'The memory database is closed');
    if (this.outdatedBy !== undefined) {
      throw new CrmStorageError('versionchange', `Another instance upgraded the database to version ${this.outdatedBy}; open it again with the new schema`);
    }
  }

  async commit(request: CommitRequest): Promise<CommitResult> {
    this.assertOpen();
    validateCommit(request, this.schema);
    const at = request.at ?? new Date().toISOString();
    const current = request.writes.map((write) => this.store(write.entity).get(write.id));
    // applyWrites throws on a stale revision before anything below runs: the commit is all or nothing.
    const { records, changes } = applyWrites(request.writes, current, at);
    const stored = records.map((record) => structuredClone(record));
    stored.forEach((record, i) => this.store(request.writes[i]!.entity).set(record.id, record));
    const batch: ChangeBatch = { seq: ++this.database.seq, origin: request.origin ?? 'unknown', at, changes };
    this.database.log.push(batch);
    for (const change of changes) {
      const key = recordKey(change.entity, change.id);
      const entries = this.database.historyByRecord.get(key) ?? [];
      entries.push({ seq: batch.seq, origin: batch.origin, at, change });
      this.database.historyByRecord.set(key, entries);
    }
    for (const instance of this.database.instances) instance.deliver(batch, stored, instance !== this);
    return { seq: batch.seq, records: stored.map((record) => structuredClone(record)) };
  }

  /** @internal */
  deliver(batch: ChangeBatch, records: StoredRecord[], remote: boolean): void {
    if (this.closed || this.listeners.size === 0) return;
    const live: LiveChangeBatch = { ...structuredClone(batch), records: records.map((record) => structuredClone(record)), remote };
    for (const listener of this.listeners) {
      try {
        listener(live);
      } catch (error) {
        // A failing subscriber must not break the commit or the other subscribers.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  async get(entity: string, ids: readonly string[], options?: { includeDeleted?: boolean }): Promise<(StoredRecord | undefined)[]> {
    this.assertOpen();
    if (!isKnownEntity(this.schema, entity)) planQuery({ entity }, this.schema);
    const store = this.store(entity);
    return ids.map((id) => {
      const record = store.get(id);
      if (!record || (record.deleted && !options?.includeDeleted)) return undefined;
      return structuredClone(record);
    });
  }

  private matching(query: Query): { records: StoredRecord[]; positions: CursorPosition[]; plan: ReturnType<typeof planQuery> } {
    const plan = planQuery(query, this.schema);
    const found: { record: StoredRecord; position: CursorPosition }[] = [];
    if (!isEmptyRange(plan.bounds)) {
      for (const record of this.store(query.entity).values()) {
        if (record.deleted) continue;
        const value = orderValueOf(record, plan);
        if (value === undefined || !withinBounds(value, plan.bounds) || !plan.matches(record)) continue;
        if (plan.orderIndex.field !== 'id' && indexValuesOf(record, plan.orderIndex).length === 0) continue;
        const position = { value, id: record.id };
        if (plan.after && comparePositions(position, plan.after, plan.direction) <= 0) continue;
        found.push({ record, position });
      }
    }
    found.sort((a, b) => comparePositions(a.position, b.position, plan.direction));
    return { records: found.map((entry) => entry.record), positions: found.map((entry) => entry.position), plan };
  }

  async query(query: Query): Promise<QueryPage> {
    this.assertOpen();
    const { records, positions, plan } = this.matching(query);
    const page = records.slice(0, plan.limit).map((record) => structuredClone(record));
    const result: QueryPage = { records: page };
    if (records.length > plan.limit) result.cursor = encodeCursor(positions[plan.limit - 1]!);
    return result;
  }

  async count(query: Pick<Query, 'entity' | 'where'>): Promise<number> {
    this.assertOpen();
    return this.matching({ entity: query.entity, where: query.where ?? [] }).records.length;
  }

  async changesSince(cursor: number, limit = 100): Promise<ChangesPage> {
    this.assertOpen();
    const batches = this.database.log.filter((batch) => batch.seq > cursor).slice(0, limit);
    return { batches: structuredClone(batches), cursor: batches.length > 0 ? batches[batches.length - 1]!.seq : cursor };
  }

  async history(entity: string, id: string): Promise<RecordHistoryEntry[]> {
    this.assertOpen();
    return structuredClone(this.database.historyByRecord.get(recordKey(entity, id)) ?? []);
  }

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
    this.database.instances.delete(this);
  }

  /**
   * @internal Runs the schema's upgrade steps from the database's version to the schema's, all or nothing: the
   * steps change copies of the stores, which replace the real ones only when every step succeeded. Other
   * instances opened on an older version are then closed, as IndexedDB closes them for a newer one.
   */
  async upgrade(): Promise<void> {
    const from = this.database.version;
    const to = this.schema.version;
    if (from > to) throw new CrmStorageError('version', `The database is at version ${from}, newer than the schema's ${to}`);
    if (from === to) return;
    const staged = new Map<string, Map<string, StoredRecord>>();
    const stagedStore = (entity: string) => {
      let copy = staged.get(entity);
      if (!copy) staged.set(entity, (copy = new Map(this.store(entity))));
      return copy;
    };
    for (let version = from + 1; version <= to; version++) {
      const step = this.schema.upgrades?.[version];
      if (step && from > 0) {
        const context: UpgradeContext = {
          oldVersion: from,
          newVersion: to,
          modify: async (entity, change) => {
            const store = stagedStore(entity);
            for (const [id, record] of store) {
              if (record.deleted) continue;
              const copy = structuredClone(record) as Record<string, unknown>;
              const replaced = change(copy) ?? copy;
              store.set(id, { ...replaced, id, rev: record.rev, createdAt: record.createdAt, updatedAt: record.updatedAt } as StoredRecord);
            }
          },
        };
        await step(context);
      }
    }
    for (const [entity, store] of staged) this.database.stores.set(entity, store);
    this.database.version = to;
    for (const other of this.database.instances) if (other !== this) other.outdate(to);
  }

  /** @internal Another instance upgraded the database: this one refuses further calls. */
  outdate(version: number): void {
    this.outdatedBy = version;
    this.listeners.clear();
    this.database.instances.delete(this);
  }
}

/**
 * Opens crmkit's in-memory store (the embedded default): every contract feature, including the change feed
 * and upgrades, with nothing persisted. Pass the same `database` to reopen it or to open a second instance.
 */
export async function createMemoryAdapter(options: MemoryAdapterOptions): Promise<MemoryAdapter> {
  const database = options.database ?? new MemoryDatabase();
  const adapter = new MemoryAdapter(options.schema, database);
  try {
    await adapter.upgrade();
  } catch (error) {
    await adapter.close();
    throw error;
  }
  return adapter;
}
