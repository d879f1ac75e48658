import type { Change, ChangeBatch, RecordHistoryEntry } from './contract.js';
import { recordKey } from './commit-plan.js';

/**
 * The record keys (`entity/id`) a stored change-log row is indexed by, for `history()`: every change except a
 * record's first creation (op `create` at revision 1). That one is found through the record's `createdAt`,
 * which is its commit's time — so a bulk import adds one index entry per commit, not one per record.
 */
export function historyIndexKeys(changes: readonly Change[]): string[] {
  const keys: string[] = [];
  for (const change of changes) if (!(change.op === 'create' && change.rev === 1)) keys.push(recordKey(change.entity, change.id));
  return keys;
}

/**
 * One record's history from candidate change-log rows (those indexed by its key and those committed at its
 * `createdAt`): its changes, each with its commit's origin and time, oldest first, each commit once.
 */
export function historyFromRows(rows: readonly (ChangeBatch | (Omit<ChangeBatch, 'seq'> & { seq?: number }))[], entity: string, id: string): RecordHistoryEntry[] {
  const seen = new Set<number>();
  const entries: RecordHistoryEntry[] = [];
  for (const row of rows) {
    const seq = row.seq!;
    if (seen.has(seq)) continue;
    seen.add(seq);
    for (const change of row.changes) if (change.entity === entity && change.id === id) entries.push({ seq, origin: row.origin, at: row.at, change });
  }
  return entries.sort((a, b) => a.seq - b.seq);
}
