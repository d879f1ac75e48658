/**
 * The storage contract: what crmkit's core asks of a store. Adapters (memory, Dexie, idb, a host's own
 * backend) implement it and prove it with `@crmkit/storage-testing`. Adapters hold no business rules: they keep
 * plain JSON, check revisions, apply commits atomically and report changes.
 */

/** A JSON value as stored: what goes in comes out, deep-equal. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** The metadata every stored record carries, next to its data fields. */
export interface RecordMeta {
  /** The record's id, unique within its entity. */
  id: string;
  /** The revision: 1 on create, +1 on every update or delete. A write names the revision it expects. */
  rev: number;
  /** When the record was created (ISO). */
  createdAt: string;
  /** When the record last changed (ISO). */
  updatedAt: string;
  /** A deleted record stays as a tombstone with `deleted: true` (so sync and undo can see it). */
  deleted?: boolean;
}

/** A stored record: its data fields plus {@link RecordMeta}. */
export type StoredRecord<T extends object = Record<string, unknown>> = T & RecordMeta;

/**
 * One write in a commit.
 * - `put` with `expectedRev: null` creates: it fails when a record with that id exists (live or tombstone).
 * - `put` with a number replaces the record's data when its current revision (live or tombstone) is that
 *   number; a tombstone put back this way comes back to life (undo uses this).
 * - `delete` turns the record into a tombstone, keeping its data.
 * The adapter sets `rev`, `createdAt`, `updatedAt` and `deleted`; any such fields in `data` are ignored.
 */
export type Write =
  | { op: 'put'; entity: string; id: string; data: Record<string, unknown>; expectedRev: number | null; meta?: JsonValue }
  | { op: 'delete'; entity: string; id: string; expectedRev: number; meta?: JsonValue };

/** A set of writes that lands whole or not at all. */
export interface CommitRequest {
  writes: readonly Write[];
  /** Who or what made the commit (an actor id, `import`, `merge`, ...): carried into the change feed. */
  origin?: string;
  /** The commit's timestamp (ISO); defaults to now. All writes of a commit share it. */
  at?: string;
}

/** One record changed by a commit, as the change feed reports it. */
export interface Change {
  entity: string;
  id: string;
  /** The record's revision after the change. */
  rev: number;
  op: 'create' | 'update' | 'delete';
  /** Whatever the writer attached (crmkit's audit trail keeps the field diff here). */
  meta?: JsonValue;
}

/** Everything one commit changed: the unit of the change feed (one batch per commit). */
export interface ChangeBatch {
  /** Position in the feed; strictly increasing per database. */
  seq: number;
  origin: string;
  at: string;
  changes: Change[];
}

/** A batch delivered live to subscribers, with the records as written. */
export interface LiveChangeBatch extends ChangeBatch {
  /** The records after the commit (tombstones for deletes), in the order of `changes`. */
  records: StoredRecord[];
  /** True when the commit was made by another instance or tab on the same database. */
  remote: boolean;
}

/** A comparable index value: what queries compare and sort. */
export type IndexValue = string | number;

/** One condition of a query on a declared index. Conditions combine with AND. */
export type Condition =
  | { field: string; op: 'eq'; value: IndexValue }
  | { field: string; op: 'in'; values: readonly IndexValue[] }
  | { field: string; op: 'range'; gt?: IndexValue; gte?: IndexValue; lt?: IndexValue; lte?: IndexValue };

/** A query on one entity. */
export interface Query {
  entity: string;
  /** Conditions on declared indexes (or `id`); all must hold. */
  where?: readonly Condition[];
  /** Sort by a declared index (or `id`); ties are broken by id. Default: by id ascending. */
  orderBy?: { field: string; direction?: 'asc' | 'desc' };
  /** At most this many records. */
  limit?: number;
  /** Continue after the page that returned this cursor. */
  cursor?: string;
}

/** A page of query results. */
export interface QueryPage<T extends object = Record<string, unknown>> {
  records: StoredRecord<T>[];
  /** Present when more records may follow: pass it back as `cursor`. */
  cursor?: string;
}

/** What an entity's store needs: the fields it is queried by. */
export interface EntityStoreDefinition {
  /**
   * Indexed fields, dotted paths allowed (`address.province`). A leading `*` marks a multi-entry index on an
   * array field (`*tagIds`): `eq` and `in` match a record when any element matches. Only strings and numbers
   * are indexed (as in IndexedDB): a record whose field is missing, null or boolean is not in that index, so
   * a query ordered by the field leaves it out.
   */
  indexes: readonly string[];
}

/** Context an upgrade step gets: it may rewrite the records of any entity. */
export interface UpgradeContext {
  oldVersion: number;
  newVersion: number;
  /** Calls `change` on every live record of `entity`; a returned object replaces the record's data. */
  modify(entity: string, change: (record: Record<string, unknown>) => Record<string, unknown> | void): Promise<void>;
}

/** The shape of a database: its version, its entities and their indexes, and upgrade steps. */
export interface StorageSchema {
  /** A positive integer; raise it when entities or indexes change. */
  version: number;
  entities: Readonly<Record<string, EntityStoreDefinition>>;
  /** Upgrade steps keyed by the version they upgrade TO; run in order when an older database opens. */
  upgrades?: Readonly<Record<number, (context: UpgradeContext) => Promise<void> | void>>;
}

/** What an adapter can do; the conformance suite gates its tests on these. */
export interface StorageCapabilities {
  /** Data survives closing and reopening the database. */
  persistent: boolean;
  /** Another instance or tab on the same database sees this one's commits in its change feed. */
  multiTab: boolean;
}

/** The result of a commit. */
export interface CommitResult {
  seq: number;
  /** The records as written, in the order of the writes. */
  records: StoredRecord[];
}

/** A page of the change feed. */
export interface ChangesPage {
  batches: ChangeBatch[];
  /** Pass back to get what came after; equal to the input cursor when nothing new. */
  cursor: number;
}

/** One change of one record, with the commit it belongs to. */
export interface RecordHistoryEntry {
  seq: number;
  origin: string;
  at: string;
  change: Change;
}

/** A listener of the live change feed. */
export type ChangeListener = (batch: LiveChangeBatch) => void;

/** The storage contract every adapter implements. */
export interface StorageAdapter {
  /** The adapter's name, for messages (e.g. `memory`, `dexie`). */
  readonly name: string;
  readonly capabilities: StorageCapabilities;
  /** The schema version the database is at. */
  readonly version: number;
  /**
   * Applies every write or none. A write whose expected revision is stale fails the whole commit with a
   * `CrmConflictError` carrying the current record; a storage failure throws `CrmStorageError`.
   */
  commit(request: CommitRequest): Promise<CommitResult>;
  /** Reads records by id, in the order asked; missing ids (and tombstones unless asked) come back `undefined`. */
  get(entity: string, ids: readonly string[], options?: { includeDeleted?: boolean }): Promise<(StoredRecord | undefined)[]>;
  /** Runs a query over live records. */
  query(query: Query): Promise<QueryPage>;
  /** Counts live records matching the query's conditions. */
  count(query: Pick<Query, 'entity' | 'where'>): Promise<number>;
  /** The change feed after `cursor` (0 for the beginning), oldest first, at most `limit` batches. */
  changesSince(cursor: number, limit?: number): Promise<ChangesPage>;
  /** Every change of one record, oldest first, each with its commit's origin and time (the audit trail reads this). */
  history(entity: string, id: string): Promise<RecordHistoryEntry[]>;
  /** Calls `listener` once per commit, local or from another instance; returns the unsubscribe function. */
  subscribe(listener: ChangeListener): () => void;
  /** Closes the database; the adapter is unusable afterwards. */
  close(): Promise<void>;
}
