// the named export: under nodenext a default-imported Dexie is a namespace in our .d.ts, not a type
import { Dexie, type DexieOptions, type Table, type Transaction } from 'dexie';
import {
  applyWrites,
  CrmStorageError,
  encodeCursor,
  orderValueOf,
  isKnownEntity,
  planQuery,
  recordKey,
  validateCommit,
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
  type Write,
} from '@crmkit/core';
import { ChangeHub, historyFromRows, historyIndexKeys } from '@crmkit/core';
import { toCrmError } from './errors.js';
import { CHANGES_TABLE, dexieStores, fromRow, isTombstoneRow, toRow, type ChangeRow } from './layout.js';
import { countNatively, runPlan, type QueryTarget } from './query.js';

/** Options of {@link createDexieAdapter}. */
export interface DexieAdapterOptions {
  /** The IndexedDB database name; instances and tabs opening the same name share data and changes. */
  name: string;
  /** The entities, indexes, version and upgrade steps to open with. */
  schema: StorageSchema;
  /**
   * Options passed to the `Dexie` constructor, e.g. `indexedDB` and `IDBKeyRange` from fake-indexeddb in
   * Node, or `chromeTransactionDurability`.
   */
  dexie?: DexieOptions;
}

/** crmkit's store on IndexedDB through Dexie: persistent, shared by every tab of the origin. */
export class DexieAdapter implements StorageAdapter {
  readonly name = 'dexie';
  readonly capabilities: StorageCapabilities = { persistent: true, multiTab: true };
  private readonly hub: ChangeHub;
  private closed = false;

  /** Use {@link createDexieAdapter}, which declares the schema and opens the database. */
  constructor(
    /**
     * The Dexie database underneath, for host concerns such as export or `Dexie.delete`. Writing through it
     * bypasses revisions and the change feed.
     */
    readonly dexie: Dexie,
    private readonly schema: StorageSchema,
    private readonly keyRange: { only(value: unknown): IDBKeyRange },
  ) {
    this.hub = new ChangeHub(dexie.name);
  }

  /** The schema version the database is at. */
  get version(): number {
    return this.dexie.verno;
  }

  private assertOpen(): void {
    if (this.closed) throw new CrmStorageError('closed', `The Dexie database "${this.dexie.name}" is closed`);
  }

  private target(entity: string): QueryTarget {
    const dexie = this.dexie;
    return {
      table: dexie.table(entity),
      backend: () => {
        const backend = dexie.isOpen() ? dexie.backendDB() : undefined;
        if (!backend) throw new Dexie.DatabaseClosedError(`The Dexie database "${dexie.name}" is not open`);
        return backend;
      },
      keyRange: this.keyRange,
    };
  }

  async commit(request: CommitRequest): Promise<CommitResult> {
    this.assertOpen();
    validateCommit(request, this.schema);
    const at = request.at ?? new Date().toISOString();
    const origin = request.origin ?? 'unknown';
    const writes = request.writes;
    const groups = new Map<string, number[]>();
    writes.forEach((write, at) => {
      const group = groups.get(write.entity);
      if (group) group.push(at);
      else groups.set(write.entity, [at]);
    });
    const dexie = this.dexie;
    let outcome: { seq: number; batch: ChangeBatch; records: StoredRecord[] };
    try {
      const tables = [...groups.keys(), CHANGES_TABLE].map((table) => dexie.table(table));
      outcome = await dexie.transaction('rw', tables, async () => {
        // One bulkGet per table for the current records, applyWrites (which throws a conflict before
        // anything is stored, aborting the transaction), then one bulkPut per table and one feed row.
        const current: (StoredRecord | undefined)[] = new Array(writes.length);
        await Promise.all(
          [...groups].map(async ([entity, positions]) => {
            const table = dexie.table(entity);
            const lookup = await positionsToRead(table, writes, positions);
            if (lookup.length === 0) return;
            const rows = await table.bulkGet(lookup.map((position) => writes[position]!.id));
            rows.forEach((row, k) => {
              current[lookup[k]!] = fromRow(row as Record<string, unknown> | undefined);
            });
          }),
        );
        const { records, changes } = applyWrites(writes, current, at);
        const row: ChangeRow = { origin, at, changes, keys: historyIndexKeys(changes) };
        const puts = [...groups].map(([entity, positions]) => dexie.table(entity).bulkPut(positions.map((position) => toRow(records[position]!))));
        const [seq] = await Promise.all([dexie.table(CHANGES_TABLE).add(row), ...puts]);
        return { seq: seq as number, batch: { seq: seq as number, origin, at, changes }, records };
      });
    } catch (error) {
      throw toCrmError(error, 'commit');
    }
    // Subscribers hear of the commit only once its transaction has completed.
    this.hub.publish(outcome.batch, outcome.records);
    return { seq: outcome.seq, records: outcome.records };
  }

  async get(entity: string, ids: readonly string[], options?: { includeDeleted?: boolean }): Promise<(StoredRecord | undefined)[]> {
    this.assertOpen();
    if (!isKnownEntity(this.schema, entity)) planQuery({ entity }, this.schema);
    try {
      const rows = await this.dexie.table(entity).bulkGet([...ids]);
      return rows.map((row) => {
        const record = fromRow(row as Record<string, unknown> | undefined);
        return record && (!record.deleted || options?.includeDeleted) ? record : undefined;
      });
    } catch (error) {
      throw toCrmError(error, `read ${entity}`);
    }
  }

  async query(query: Query): Promise<QueryPage> {
    this.assertOpen();
    const plan = planQuery(query, this.schema);
    let records: StoredRecord[];
    try {
      // One record past the limit tells whether another page follows.
      records = await runPlan(this.target(query.entity), plan, plan.limit + 1);
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
    const where = query.where ?? [];
    const plan = planQuery({ entity: query.entity, where }, this.schema);
    try {
      const table = this.dexie.table(query.entity);
      const native = await this.dexie.transaction('r', table, () => countNatively(table, plan, where));
      if (native !== undefined) return native;
      return (await runPlan(this.target(query.entity), plan, Number.POSITIVE_INFINITY)).length;
    } catch (error) {
      throw toCrmError(error, `count ${query.entity}`);
    }
  }

  async changesSince(cursor: number, limit = 100): Promise<ChangesPage> {
    this.assertOpen();
    try {
      const rows = (await this.dexie.table(CHANGES_TABLE).where(':id').above(cursor).limit(limit).toArray()) as ChangeRow[];
      const batches = rows.map(({ seq, origin, at, changes }) => ({ seq: seq!, origin, at, changes }));
      return { batches, cursor: batches.length > 0 ? batches[batches.length - 1]!.seq : cursor };
    } catch (error) {
      throw toCrmError(error, 'read the change feed');
    }
  }

  async history(entity: string, id: string): Promise<RecordHistoryEntry[]> {
    this.assertOpen();
    try {
      const changes = this.dexie.table(CHANGES_TABLE);
      const [record] = await this.get(entity, [id], { includeDeleted: true });
      const [indexed, created] = await Promise.all([
        changes.where('keys').equals(recordKey(entity, id)).toArray(),
        record ? changes.where('at').equals(record.createdAt).toArray() : Promise.resolve([]),
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
    if (this.closed) return;
    this.closed = true;
    this.hub.close();
    this.dexie.close();
  }
}

/** Creates in a batch at least this large are checked for existence by key range instead of one get each. */
const RANGE_CHECK_MIN = 16;

/**
 * The writes whose current record must be read. Updates and deletes need theirs; a create only needs to know
 * that nothing has its id. A batch of creates whose ids span a key range holding few records (imports with
 * sequential or time-ordered ids) is checked with one count and one key read of that range, and only the ids
 * found there are read in full; otherwise every create is read like the rest.
 */
async function positionsToRead(table: Table, writes: readonly Write[], positions: number[]): Promise<number[]> {
  const creates = positions.filter((position) => writes[position]!.expectedRev === null);
  if (creates.length < RANGE_CHECK_MIN) return positions;
  const ids = creates.map((position) => writes[position]!.id).sort();
  const range = table.where(':id').between(ids[0]!, ids[ids.length - 1]!, true, true);
  const stored = await range.count();
  if (stored > creates.length * 4) return positions;
  const existing = new Set<unknown>(stored === 0 ? [] : await range.primaryKeys());
  return positions.filter((position) => writes[position]!.expectedRev !== null || existing.has(writes[position]!.id));
}

/** Rewrites live records of one entity inside Dexie's upgrade transaction; metadata is kept as it was. */
function upgradeContext(tx: Transaction, oldVersion: number, newVersion: number): UpgradeContext {
  return {
    oldVersion,
    newVersion,
    modify: async (entity, change) => {
      await tx
        .table(entity)
        .toCollection()
        .modify((row: Record<string, unknown>, ref: { value: Record<string, unknown> }) => {
          if (isTombstoneRow(row)) return;
          const { id, rev, createdAt, updatedAt } = row;
          const replaced = change(row) ?? row;
          ref.value = { ...replaced, id, rev, createdAt, updatedAt };
        });
    },
  };
}

/**
 * Opens crmkit's IndexedDB store through Dexie. Each schema version becomes a Dexie version with the same
 * tables; the schema's upgrade steps run in Dexie's upgrade transaction when an older database opens, so data
 * is rewritten and new indexes are filled before anyone reads. Fails with `CrmStorageError` (e.g. reason
 * `VersionError` when the database is newer than the schema).
 */
export async function createDexieAdapter(options: DexieAdapterOptions): Promise<DexieAdapter> {
  const { name, schema } = options;
  const stores = dexieStores(schema);
  const dexie = new Dexie(name, options.dexie);
  // Every version gets an upgrade function so the first one that runs tells which version the database was at.
  let from: number | undefined;
  for (let version = 1; version <= schema.version; version++) {
    const step = schema.upgrades?.[version];
    dexie
      .version(version)
      .stores(stores)
      .upgrade(async (tx) => {
        from ??= version - 1;
        if (step) await step(upgradeContext(tx, from, schema.version));
      });
  }
  // Another tab upgrading or deleting the database closes this connection (Dexie's default); keep it closed so
  // later calls fail with a CrmStorageError instead of silently reopening an outdated schema.
  // Returning false stops Dexie's own handler, which would let the next call reopen the database behind our back.
  dexie.on('versionchange', () => {
    dexie.close({ disableAutoOpen: true });
    return false;
  });
  try {
    await dexie.open();
  } catch (error) {
    dexie.close();
    throw toCrmError(error, `open "${name}"`);
  }
  // Dexie 4 opens a database newer than the declared versions as it is; crmkit refuses it, as IndexedDB would.
  // (Dexie keeps 10 native versions per declared one.)
  const installed = Math.floor((dexie.backendDB()?.version ?? 0) / 10);
  if (installed > schema.version) {
    dexie.close();
    throw new CrmStorageError('VersionError', `The database "${name}" is at version ${installed}, newer than the schema's ${schema.version}`);
  }
  const keyRange = (options.dexie?.IDBKeyRange as { only(value: unknown): IDBKeyRange } | undefined) ?? globalThis.IDBKeyRange;
  return new DexieAdapter(dexie, schema, keyRange);
}
