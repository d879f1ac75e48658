import { CrmConflictError, CrmValidationError, type CrmValidationIssue } from '../errors.js';
import type { Change, CommitRequest, StorageSchema, StoredRecord, Write } from './contract.js';
import { isKnownEntity } from './query-plan.js';

const META_FIELDS = new Set(['id', 'rev', 'createdAt', 'updatedAt', 'deleted']);

/** The key of a record across entities, e.g. `contact/abc`. */
export function recordKey(entity: string, id: string): string {
  return `${entity}/${id}`;
}

/**
 * Checks a commit's shape before any adapter touches storage: writes that are objects, known entities, ids, plain-object data, at most
 * one write per record. Throws a `CrmValidationError` naming `writes.N.field`.
 */
export function validateCommit(request: CommitRequest, schema: StorageSchema): void {
  const issues: CrmValidationIssue[] = [];
  if (request === null || typeof request !== 'object' || !Array.isArray(request.writes)) {
    throw new CrmValidationError([{ path: 'writes', message: 'must be an array', code: 'invalid_type' }], 'commit');
  }
  const seen = new Set<string>();
  request.writes.forEach((write: Write, at) => {
    const path = `writes.${at}`;
    if (write === null || typeof write !== 'object' || Array.isArray(write)) {
      issues.push({ path, message: 'must be an object (op, entity, id, ...)', code: 'invalid_type' });
      return;
    }
    if (!isKnownEntity(schema, write.entity)) issues.push({ path: `${path}.entity`, message: `unknown entity "${String(write.entity)}"`, code: 'unknown_entity' });
    if (typeof write.id !== 'string' || write.id.length === 0) issues.push({ path: `${path}.id`, message: 'must be a non-empty string', code: 'invalid_type' });
    if (write.op === 'put') {
      if (write.data === null || typeof write.data !== 'object' || Array.isArray(write.data)) {
        issues.push({ path: `${path}.data`, message: 'must be an object', code: 'invalid_type' });
      }
      if (write.expectedRev !== null && !Number.isInteger(write.expectedRev)) {
        issues.push({ path: `${path}.expectedRev`, message: 'must be null (create) or a revision number', code: 'invalid_type' });
      }
    } else if (write.op === 'delete') {
      if (!Number.isInteger(write.expectedRev)) issues.push({ path: `${path}.expectedRev`, message: 'must be a revision number', code: 'invalid_type' });
    } else {
      issues.push({ path: `${path}.op`, message: 'must be put or delete', code: 'invalid_value' });
    }
    const key = recordKey(write.entity, write.id);
    if (seen.has(key)) issues.push({ path: `${path}.id`, message: `${key} is written twice in one commit`, code: 'duplicate_write' });
    seen.add(key);
  });
  if (request.at !== undefined && (typeof request.at !== 'string' || Number.isNaN(Date.parse(request.at)))) {
    issues.push({ path: 'at', message: 'must be an ISO date-time', code: 'invalid_type' });
  }
  if (issues.length > 0) throw new CrmValidationError(issues, 'commit');
}

/**
 * Applies a commit's writes to the records they touch, as they are now (`current`, in write order; undefined
 * where none exists). Returns the records to store and the changes to report, or throws a
 * `CrmConflictError` for the first stale write — before anything is stored. Every adapter calls this inside
 * its transaction, so revision rules are the same everywhere.
 */
export function applyWrites(
  writes: readonly Write[],
  current: readonly (StoredRecord | undefined)[],
  at: string,
): { records: StoredRecord[]; changes: Change[] } {
  const records: StoredRecord[] = [];
  const changes: Change[] = [];
  writes.forEach((write, i) => {
    const existing = current[i];
    const expected = write.expectedRev;
    const actual = existing ? existing.rev : null;
    if (expected !== actual) throw new CrmConflictError(write.entity, write.id, expected, existing ?? null);
    let record: StoredRecord;
    let op: Change['op'];
    if (write.op === 'delete') {
      if (!existing || existing.deleted) throw new CrmConflictError(write.entity, write.id, expected, existing ?? null);
      record = { ...existing, rev: existing.rev + 1, updatedAt: at, deleted: true };
      op = 'delete';
    } else {
      const data: Record<string, unknown> = {};
      for (const [field, value] of Object.entries(write.data)) if (!META_FIELDS.has(field) && value !== undefined) data[field] = value;
      record = { ...data, id: write.id, rev: (existing?.rev ?? 0) + 1, createdAt: existing?.createdAt ?? at, updatedAt: at } as StoredRecord;
      op = existing && !existing.deleted ? 'update' : 'create';
    }
    records.push(record);
    const change: Change = { entity: write.entity, id: write.id, rev: record.rev, op };
    if (write.meta !== undefined) change.meta = write.meta;
    changes.push(change);
  });
  return { records, changes };
}
