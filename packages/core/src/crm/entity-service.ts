import type { z } from 'zod';
import { CrmNotFoundError, CrmPermissionError, CrmValidationError, type CrmValidationIssue } from '../errors.js';
import { toAuditEntries, type AuditEntry } from '../audit/audit-entry.js';
import type { Condition, StoredRecord } from '../storage/contract.js';
import type { CrmContext, SaveEvent } from './context.js';
import { dataOf, WriteSet } from './write-set.js';
import { workflowFieldIssues } from './workflow-fields.js';

/** A query through a service: conditions on the entity's indexes, an order, a page size and a cursor. */
export interface ListOptions {
  where?: readonly Condition[];
  orderBy?: { field: string; direction?: 'asc' | 'desc' };
  limit?: number;
  cursor?: string;
}

/** A page of records the actor may read. */
export interface ListPage<T> {
  records: StoredRecord<T & object>[];
  cursor?: string;
}

/**
 * Create / update / get / list / remove for one entity, validating with its schema, enforcing access rules
 * and recording the audit trail. `TInput` is what callers pass, `TData` what is stored.
 */
export class EntityService<TInput extends object, TData extends object> {
  constructor(
    protected readonly context: CrmContext,
    /** The entity's storage name, e.g. `lead`. */
    readonly entity: string,
  ) {}

  /**
   * Fields the entity does not have (`phone` on a contact, whose numbers are `phones`), as validation issues: the
   * schema would drop them without a word, and a typo would lose what the user typed. Top-level names only; a
   * record's metadata (`id`, `rev`, dates) passes, as a record read and written back carries it.
   */
  private unknownFieldIssues(input: unknown, pathPrefix = ''): CrmValidationIssue[] {
    const fields = this.fieldNames();
    // not an object (the schema names that), or a schema with no fixed fields to compare with
    if (typeof input !== 'object' || input === null || Array.isArray(input) || fields === null) return [];
    return Object.keys(input)
      .filter((key) => !fields.has(key) && !RECORD_META.has(key))
      .map((key) => ({ path: pathPrefix ? `${pathPrefix}.${key}` : key, message: `is not a field of ${this.entity}`, code: 'unrecognized_keys' }));
  }

  private fieldNames(): ReadonlySet<string> | null {
    const schema = this.context.definition(this.entity).schema as unknown as { shape?: Record<string, unknown> };
    if (schema.shape === undefined) return null;
    let names = fieldNamesBySchema.get(schema);
    if (names === undefined) fieldNamesBySchema.set(schema, (names = new Set(Object.keys(schema.shape))));
    return names;
  }

  /** Throws the issues, if any, as the entity's validation error. */
  private refuse(issues: readonly CrmValidationIssue[]): void {
    if (issues.length > 0) throw new CrmValidationError(issues, this.entity);
  }

  /**
   * Refuses a plain create or update that changes a field a domain workflow owns (see `WORKFLOW_FIELDS`), unless
   * the actor is `system` (a migration or sync writes records as they are).
   */
  private refuseWorkflowChanges(issues: readonly CrmValidationIssue[]): void {
    if (this.context.actor.role !== 'system') this.refuse(issues);
  }

  /** Runs the save guards (they throw to refuse) and returns their warnings. */
  protected async guard(events: readonly SaveEvent[]): Promise<unknown[]> {
    const warnings: unknown[] = [];
    for (const event of events) for (const guard of this.context.saveGuards) warnings.push(...(await guard(event)));
    return warnings;
  }

  /** Creates a record; a bad input throws `CrmValidationError` naming each field, and nothing is written. */
  async create(input: TInput, options: { id?: string } = {}): Promise<StoredRecord<TData>> {
    return (await this.createWithWarnings(input, options)).record;
  }

  /**
   * Creates a record and returns the warnings the save went through with (a duplicate rule set to warn);
   * a rule set to block refuses the save with an error instead.
   */
  async createWithWarnings(input: TInput, options: { id?: string } = {}): Promise<{ record: StoredRecord<TData>; warnings: readonly unknown[] }> {
    this.refuse(this.unknownFieldIssues(input));
    const writes = new WriteSet(this.context);
    // only the id is the caller's to choose: the WriteSet's other options (bookkeeping skips the access check) are the services' own
    const data = writes.create(this.entity, input as Record<string, unknown>, options.id === undefined ? {} : { id: options.id });
    writes.assertValid(this.entity);
    this.refuseWorkflowChanges(workflowFieldIssues(this.entity, undefined, data!));
    const warnings = await this.guard([{ entity: this.entity, mode: 'create', data: data!, id: data!.id }]);
    const { records } = await writes.commit(this.entity);
    return { record: records[0] as StoredRecord<TData>, warnings };
  }

  /**
   * Creates many records in one atomic commit: if any input is invalid, the error lists every issue with the
   * input's position as the first path segment (`3.email`) and nothing is written.
   */
  async createMany(inputs: readonly TInput[]): Promise<StoredRecord<TData>[]> {
    this.refuse(inputs.flatMap((input, i) => this.unknownFieldIssues(input, String(i))));
    const writes = new WriteSet(this.context);
    const created = inputs.map((input, i) => writes.create(this.entity, input as Record<string, unknown>, { pathPrefix: String(i) }));
    writes.assertValid(this.entity);
    this.refuseWorkflowChanges(created.flatMap((data, i) => workflowFieldIssues(this.entity, undefined, data!, String(i))));
    if (this.context.saveGuards.length > 0) {
      const events: SaveEvent[] = created.map((data) => ({ entity: this.entity, mode: 'create' as const, data: data!, id: data!.id }));
      for (const event of events) event.batch = events;
      await this.guard(events);
    }
    const { records } = await writes.commit(this.entity);
    return records as StoredRecord<TData>[];
  }

  /** Reads a record, or undefined if it does not exist; refuses one the actor may not read. */
  async find(id: string): Promise<StoredRecord<TData> | undefined> {
    const [record] = await this.context.storage.get(this.entity, [id]);
    if (!record) return undefined;
    if (!this.context.access.can(this.context.actor, 'read', this.entity, record)) throw new CrmPermissionError('read', this.entity);
    return record as StoredRecord<TData>;
  }

  /** Reads a record; throws `CrmNotFoundError` if it does not exist. */
  async get(id: string): Promise<StoredRecord<TData>> {
    const record = await this.find(id);
    if (!record) throw new CrmNotFoundError(this.entity, id);
    return record;
  }

  /** Reads several records by id (missing or unreadable ones are left out). */
  async getMany(ids: readonly string[]): Promise<StoredRecord<TData>[]> {
    const records = await this.context.storage.get(this.entity, ids);
    return records.filter(
      (record): record is StoredRecord => record !== undefined && this.context.access.can(this.context.actor, 'read', this.entity, record),
    ) as StoredRecord<TData>[];
  }

  /**
   * Changes a record: `patch` is merged into it and the result validated whole. Pass `expectedRev` (the
   * revision the user edited) to turn a concurrent change into a `CrmConflictError` instead of overwriting it.
   */
  async update(id: string, patch: Partial<TInput> | Record<string, unknown>, options: { expectedRev?: number } = {}): Promise<StoredRecord<TData>> {
    return (await this.updateWithWarnings(id, patch, options)).record;
  }

  /**
   * Changes a record and returns the warnings the save went through with (a duplicate rule set to warn on
   * edit); a rule set to block refuses the save with an error instead.
   */
  async updateWithWarnings(
    id: string,
    patch: Partial<TInput> | Record<string, unknown>,
    options: { expectedRev?: number } = {},
  ): Promise<{ record: StoredRecord<TData>; warnings: readonly unknown[] }> {
    this.refuse(this.unknownFieldIssues(patch));
    const current = (await this.get(id)) as StoredRecord;
    const base = options.expectedRev === undefined ? current : { ...current, rev: options.expectedRev };
    const writes = new WriteSet(this.context);
    const data = writes.update(this.entity, base, patch as Record<string, unknown>);
    writes.assertValid(this.entity);
    this.refuseWorkflowChanges(workflowFieldIssues(this.entity, dataOf(current), data!));
    const warnings = await this.guard([{ entity: this.entity, mode: 'edit', data: data!, id }]);
    const { records } = await writes.commit(this.entity);
    return { record: records[0] as StoredRecord<TData>, warnings };
  }

  /** Deletes a record (it stays as a tombstone for sync and undo). */
  async remove(id: string, options: { expectedRev?: number } = {}): Promise<void> {
    const current = (await this.get(id)) as StoredRecord;
    const writes = new WriteSet(this.context);
    writes.remove(this.entity, options.expectedRev === undefined ? current : { ...current, rev: options.expectedRev });
    await writes.commit(this.entity);
  }

  /**
   * Lists records the actor may read, page by page. Records outside the actor's scope are skipped, and the
   * page is filled from further storage pages so `limit` still holds.
   */
  async list(options: ListOptions = {}): Promise<ListPage<TData>> {
    const limit = options.limit ?? 50;
    const records: StoredRecord<TData>[] = [];
    let cursor = options.cursor;
    const query = (pageSize: number, after: string | undefined) =>
      this.context.storage.query({
        entity: this.entity,
        ...(options.where ? { where: options.where } : {}),
        ...(options.orderBy ? { orderBy: options.orderBy } : {}),
        limit: pageSize,
        ...(after === undefined ? {} : { cursor: after }),
      });
    for (;;) {
      const page = await query(limit, cursor);
      let consumed = 0;
      while (consumed < page.records.length && records.length < limit) {
        const record = page.records[consumed++]!;
        if (this.context.access.can(this.context.actor, 'read', this.entity, record)) records.push(record as StoredRecord<TData>);
      }
      if (consumed < page.records.length) {
        // Full before the end of the storage page: the page's cursor would skip the records after the last one
        // kept. Cursors are the adapter's own, so ask again for exactly the part used: its cursor resumes there.
        cursor = (await query(consumed, cursor)).cursor;
        break;
      }
      cursor = page.cursor;
      if (records.length >= limit || cursor === undefined) break;
    }
    return cursor === undefined ? { records } : { records, cursor };
  }

  /** Every record matching the conditions that the actor may read (all pages). */
  async listAll(options: Omit<ListOptions, 'limit' | 'cursor'> = {}): Promise<StoredRecord<TData>[]> {
    const all: StoredRecord<TData>[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.list({ ...options, limit: 500, ...(cursor === undefined ? {} : { cursor }) });
      all.push(...page.records);
      cursor = page.cursor;
    } while (cursor !== undefined);
    return all;
  }

  /** Counts records matching the conditions (all records, whatever the actor may read). */
  async count(where: readonly Condition[] = []): Promise<number> {
    return this.context.storage.count({ entity: this.entity, where });
  }

  /** The record's audit trail: who changed what, when, from what to what. */
  async history(id: string): Promise<AuditEntry[]> {
    await this.get(id).catch(async (error: unknown) => {
      // a deleted record's history is still readable, by whoever could read the record (its tombstone keeps its data)
      if (!(error instanceof CrmNotFoundError)) throw error;
      const [tombstone] = await this.context.storage.get(this.entity, [id], { includeDeleted: true });
      if (!tombstone) throw error;
      if (!this.context.access.can(this.context.actor, 'read', this.entity, tombstone)) throw new CrmPermissionError('read', this.entity);
    });
    return toAuditEntries(await this.context.storage.history(this.entity, id));
  }
}

const RECORD_META = new Set(['id', 'rev', 'createdAt', 'updatedAt', 'deleted']);
const fieldNamesBySchema = new WeakMap<object, ReadonlySet<string>>();

/** The service type of an entity whose schema is `S`. */
export type ServiceOf<S extends z.ZodType> = EntityService<z.input<S> & object, z.output<S> & object>;
