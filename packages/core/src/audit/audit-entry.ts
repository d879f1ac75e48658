import type { JsonValue, RecordHistoryEntry } from '../storage/contract.js';
import type { FieldChange } from './diff.js';

/** What crmkit attaches to each write, kept in the change feed: the audit trail's raw material. */
export interface AuditMeta {
  actorId: string;
  /** A domain action when the write is part of one (e.g. `lead.convert`, `merge`, `import`). */
  action?: string;
  /** For updates, the fields that changed. */
  fields?: FieldChange[];
}

/** One line of a record's audit trail: who, when, what, and which fields from what to what. */
export interface AuditEntry {
  at: string;
  actorId: string;
  op: 'create' | 'update' | 'delete';
  action?: string;
  rev: number;
  /** Changed fields (updates only; a create's fields are the record's first revision). */
  fields: FieldChange[];
}

/** Reads audit entries from the storage's per-record history. */
export function toAuditEntries(history: readonly RecordHistoryEntry[]): AuditEntry[] {
  return history.map((entry) => {
    const meta = (entry.change.meta ?? {}) as Partial<AuditMeta> & Record<string, JsonValue>;
    const audit: AuditEntry = {
      at: entry.at,
      actorId: typeof meta.actorId === 'string' ? meta.actorId : entry.origin,
      op: entry.change.op,
      rev: entry.change.rev,
      fields: Array.isArray(meta.fields) ? meta.fields : [],
    };
    if (typeof meta.action === 'string') audit.action = meta.action;
    return audit;
  });
}
