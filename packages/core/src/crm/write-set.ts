import { CrmConflictError, CrmPermissionError, CrmValidationError, type CrmValidationIssue } from '../errors.js';
import type { AuditMeta } from '../audit/audit-entry.js';
import { diffRecords } from '../audit/diff.js';
import { toValidationIssues } from '../schema/validate.js';
import type { CommitResult, JsonValue, StoredRecord, Write } from '../storage/contract.js';
import type { CrmContext } from './context.js';
import { compiledSchema } from '../schema/compiled-schema.js';

const META = ['id', 'rev', 'createdAt', 'updatedAt', 'deleted'] as const;

/** A record's data without its storage metadata. */
export function dataOf(record: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const data: Record<string, unknown> = { ...record };
  for (const field of META) delete data[field];
  return data;
}

/**
 * Collects the writes of one change — validated, access-checked and annotated for the audit trail — and
 * commits them atomically. Every service writes through one: a multi-record change (a conversion, a merge, an
 * import chunk) is one WriteSet, so it lands whole or not at all.
 */
export class WriteSet {
  private readonly writes: Write[] = [];
  private readonly issues: CrmValidationIssue[] = [];

  constructor(
    private readonly context: CrmContext,
    /** The domain action recorded in the audit trail, e.g. `lead.convert`. */
    private readonly action?: string,
  ) {}

  /** How many writes are collected. */
  get size(): number {
    return this.writes.length;
  }

  /**
   * The audit meta of a write. The actor is the commit's origin already, so a plain create carries nothing
   * (bulk imports stay lean); a domain action or an update's field diff is attached.
   */
  private meta(fields?: AuditMeta['fields']): JsonValue | undefined {
    if (!this.action && !fields) return undefined;
    const meta: AuditMeta = { actorId: this.context.actor.id };
    if (this.action) meta.action = this.action;
    if (fields) meta.fields = fields;
    return meta as unknown as JsonValue;
  }

  private write(write: Write): void {
    if (write.meta === undefined) delete write.meta;
    this.writes.push(write);
  }

  private parse(entity: string, data: Record<string, unknown>, pathPrefix: string): Record<string, unknown> | undefined {
    // every write of every service goes through here, an import's commit 100k times: zod's compiled fast path
    const result = compiledSchema(this.context.definition(entity).schema).safeParse(data);
    if (!result.success) {
      this.issues.push(...toValidationIssues(result.error, pathPrefix));
      return undefined;
    }
    return result.data as Record<string, unknown>;
  }

  private check(action: 'create' | 'update' | 'delete', entity: string, record: Record<string, unknown>): void {
    if (!this.context.access.can(this.context.actor, action, entity, record)) throw new CrmPermissionError(action, entity);
  }

  /**
   * Adds a new record. The input is parsed with the entity's schema; owned records default to the acting
   * user as owner. Returns the parsed data with its id (what will be stored), or undefined when invalid (the
   * commit then fails with every issue; `pathPrefix` lets bulk callers say which input, e.g. `3`).
   * `bookkeeping` marks a write a service makes on behalf of one the actor is allowed — a document number taken
   * from a sequence, a team's round-robin cursor — so it is validated but not access-checked.
   */
  create(entity: string, input: Record<string, unknown>, options: { id?: string; pathPrefix?: string; bookkeeping?: boolean } = {}): (Record<string, unknown> & { id: string }) | undefined {
    const definition = this.context.definition(entity);
    const withOwner = { ...input };
    if (!definition.config && withOwner['ownerId'] === undefined && this.context.actor.role !== 'system') {
      withOwner['ownerId'] = this.context.actor.id;
      if (withOwner['teamId'] === undefined && this.context.actor.teamIds?.[0]) withOwner['teamId'] = this.context.actor.teamIds[0];
    }
    const data = this.parse(entity, dataOf(withOwner), options.pathPrefix ?? '');
    if (!data) return undefined;
    if (!options.bookkeeping) this.check('create', entity, data);
    const id = options.id ?? (typeof input['id'] === 'string' && input['id'] ? input['id'] : this.context.newId());
    this.write({ op: 'put', entity, id, data, expectedRev: null, meta: this.meta() } as Write);
    return { ...data, id };
  }

  /**
   * Changes a record: `patch` is merged into its current data (a field set to `undefined` is removed) and the
   * result parsed whole, so cross-field rules hold. The write expects `current.rev`: if someone changed the
   * record since it was read, the commit fails with a conflict. Returns the new data, or undefined if invalid.
   * `bookkeeping`: as for {@link WriteSet.create}.
   */
  update(entity: string, current: StoredRecord<object>, patch: Record<string, unknown>, options: { pathPrefix?: string; bookkeeping?: boolean } = {}): Record<string, unknown> | undefined {
    if (!options.bookkeeping) this.check('update', entity, current as StoredRecord);
    const merged: Record<string, unknown> = { ...dataOf(current as StoredRecord), ...dataOf(patch) };
    for (const [field, value] of Object.entries(merged)) if (value === undefined) delete merged[field];
    const data = this.parse(entity, merged, options.pathPrefix ?? '');
    if (!data) return undefined;
    if (!options.bookkeeping) this.check('update', entity, data);
    const fields = diffRecords(dataOf(current as StoredRecord), data);
    this.write({ op: 'put', entity, id: current.id, data, expectedRev: current.rev, meta: this.meta(fields) } as Write);
    return data;
  }

  /**
   * Puts a record back exactly as it was (undo): `snapshot` is its earlier state, `current` what is stored
   * now (live or tombstone). Validation is skipped on purpose — the snapshot was valid when it was written.
   * `bookkeeping`: as for {@link WriteSet.create} (a merge's undo puts re-pointed references back).
   */
  restore(entity: string, current: StoredRecord<object>, snapshot: Readonly<Record<string, unknown>>, options: { bookkeeping?: boolean } = {}): void {
    if (!options.bookkeeping) this.check('update', entity, current as StoredRecord);
    const data = dataOf(snapshot);
    this.write({ op: 'put', entity, id: current.id, data, expectedRev: current.rev, meta: this.meta(diffRecords(dataOf(current as StoredRecord), data)) } as Write);
  }

  /** Deletes a record (a tombstone), expecting its current revision. */
  remove(entity: string, current: StoredRecord<object>): void {
    this.check('delete', entity, current as StoredRecord);
    this.write({ op: 'delete', entity, id: current.id, expectedRev: current.rev, meta: this.meta() } as Write);
  }

  /** Throws the collected validation issues, if any, without committing. */
  assertValid(entity?: string): void {
    if (this.issues.length > 0) throw new CrmValidationError(this.issues, entity);
  }

  /**
   * Commits everything at once. If any input was invalid, throws a `CrmValidationError` with every issue and
   * writes nothing.
   */
  async commit(entity?: string): Promise<CommitResult> {
    this.assertValid(entity);
    try {
      return await this.context.storage.commit({ writes: this.writes, origin: this.context.actor.id, at: this.context.now().toISOString() });
    } catch (error) {
      throw this.readableConflict(error);
    }
  }

  /**
   * A conflict carries the stored record, for the caller to show or merge. A record the actor may not read
   * (a create given someone else's id) must not leak that way: the conflict then says only its revision.
   */
  private readableConflict(error: unknown): unknown {
    if (!(error instanceof CrmConflictError) || error.current === null) return error;
    const current = error.current as StoredRecord;
    if (this.context.access.can(this.context.actor, 'read', error.entity, current)) return error;
    const { id, rev, createdAt, updatedAt, deleted } = current;
    return new CrmConflictError(error.entity, error.id, error.expectedRev, deleted ? { id, rev, createdAt, updatedAt, deleted } : { id, rev, createdAt, updatedAt });
  }
}
