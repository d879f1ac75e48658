import type { CrmContext } from '../crm/context.js';
import { dataOf, WriteSet } from '../crm/write-set.js';
import { CrmNotFoundError, CrmRuleError } from '../errors.js';
import type { StoredRecord } from '../storage/contract.js';
import type { MergePlan } from './merge.js';
import type { MergeRecord, MergeSnapshot } from './merge-record.js';

/** What a merge did. */
export interface MergeResult {
  /** The id of the `merge` record: pass it to `undoMerge`. */
  mergeId: string;
  /** The survivor as stored after the merge. */
  survivor: StoredRecord;
  /** The records merged away (now tombstones). */
  mergedIds: string[];
  /** How many related records were re-pointed. */
  relinked: number;
}

/** What an undo did. */
export interface UndoMergeResult {
  mergeId: string;
  /** Every record put back, as stored after the undo. */
  restored: StoredRecord[];
}

/** Commits a planned merge as one WriteSet (audit action `merge`). */
export async function commitMerge(context: CrmContext, plan: MergePlan): Promise<MergeResult> {
  const { survivor, losers, related, preview } = plan;
  const writes = new WriteSet(context, 'merge');
  const snapshots: MergeSnapshot[] = [];
  const snapshot = (entity: string, record: StoredRecord, role: MergeSnapshot['role']): void => {
    snapshots.push({ entity, id: record.id, before: structuredClone(record) as Record<string, unknown>, afterRev: record.rev + 1, role });
  };
  // fields the merge drops (a pick of a record without the field) are removed explicitly
  const patch: Record<string, unknown> = { ...preview.merged };
  for (const field of Object.keys(dataOf(survivor))) if (!(field in preview.merged)) patch[field] = undefined;
  writes.update(preview.entity, survivor, patch);
  snapshot(preview.entity, survivor, 'survivor');
  for (const loser of losers) {
    writes.remove(preview.entity, loser);
    snapshot(preview.entity, loser, 'loser');
  }
  // re-pointing is the merge's bookkeeping: whoever may merge the two records keeps every reference to them
  // whole (a colleague's opportunity, a route's membership), without edit rights on each of those records
  for (const link of related) {
    writes.update(link.entity, link.current, link.patch, { pathPrefix: `${link.entity}:${link.current.id}`, bookkeeping: true });
    snapshot(link.entity, link.current, 'related');
  }
  const record: MergeRecord = {
    entity: preview.entity,
    survivorId: survivor.id,
    mergedIds: losers.map((loser) => loser.id),
    at: context.now().toISOString(),
    byUserId: context.actor.id,
    snapshots,
  };
  const created = writes.create('merge', record as unknown as Record<string, unknown>);
  const { records } = await writes.commit(preview.entity);
  return { mergeId: created!.id, survivor: records[0]!, mergedIds: record.mergedIds, relinked: related.length };
}

/**
 * Undoes a recorded merge in one WriteSet (audit action `merge.undo`): each snapshot is restored only if
 * its record is still at the revision the merge left it at.
 */
export async function commitUndoMerge(context: CrmContext, mergeId: string): Promise<UndoMergeResult> {
  const [stored] = await context.storage.get('merge', [mergeId]);
  if (!stored) throw new CrmNotFoundError('merge', mergeId);
  const merge = stored as unknown as StoredRecord<MergeRecord>;
  if (merge.undoneAt) throw new CrmRuleError('merge_undone', `Merge ${mergeId} was undone already (${merge.undoneAt})`);
  const writes = new WriteSet(context, 'merge.undo');
  const changed: string[] = [];
  const currents: StoredRecord[] = [];
  for (const snap of merge.snapshots) {
    const [current] = await context.storage.get(snap.entity, [snap.id], { includeDeleted: true });
    if (!current || current.rev !== snap.afterRev) changed.push(`${snap.entity} ${snap.id} (revision ${current?.rev ?? 'none'}, the merge left ${snap.afterRev})`);
    else currents.push(current);
  }
  if (changed.length > 0) {
    throw new CrmRuleError('merge_changed', `Merge ${mergeId} cannot be undone: changed since the merge: ${changed.join('; ')}. Undo would overwrite those changes; edit the records by hand instead.`);
  }
  merge.snapshots.forEach((snap, i) => writes.restore(snap.entity, currents[i]!, snap.before, { bookkeeping: snap.role === 'related' }));
  writes.update('merge', merge, { undoneAt: context.now().toISOString(), undoneByUserId: context.actor.id });
  const { records } = await writes.commit('merge');
  return { mergeId, restored: records.slice(0, merge.snapshots.length) };
}
