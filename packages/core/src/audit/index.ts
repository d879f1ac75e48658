export { diffRecords, type FieldChange } from './diff.js';
export { toAuditEntries, type AuditEntry, type AuditMeta } from './audit-entry.js';
