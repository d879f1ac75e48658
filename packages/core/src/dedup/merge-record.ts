import { z } from 'zod';
import { idSchema, isoDateTimeSchema, ownershipShape } from '../schema/common.js';

/** The entities crmkit merges. */
export const mergeableEntitySchema = z.enum(['lead', 'contact', 'company']);
/** An entity crmkit merges: `lead`, `contact` or `company`. */
export type MergeableEntity = z.infer<typeof mergeableEntitySchema>;

/**
 * One record a merge touched, as it was just before (`before`, the whole stored record with its metadata)
 * and the revision the merge left it at (`afterRev`): undo restores `before` only while the record is still
 * at `afterRev`, so it never overwrites a later change.
 */
export const mergeSnapshotSchema = z.object({
  entity: z.string().min(1),
  id: idSchema,
  before: z.record(z.string(), z.unknown()),
  afterRev: z.number().int().min(1),
  /** What the merge did to it: the survivor updated, a loser removed, or a related record re-pointed. */
  role: z.enum(['survivor', 'loser', 'related']),
});
/** See {@link mergeSnapshotSchema}. */
export type MergeSnapshot = z.infer<typeof mergeSnapshotSchema>;

/**
 * A merge as it happened (`merge` entity): which records became which survivor, when and by whom, and an
 * exact snapshot of every record it touched, so `crm.duplicates.undoMerge` can put them all back.
 */
export const mergeRecordSchema = z.object({
  entity: mergeableEntitySchema,
  survivorId: idSchema,
  /** The records merged into the survivor (removed as tombstones). */
  mergedIds: z.array(idSchema).min(1),
  at: isoDateTimeSchema,
  byUserId: idSchema,
  snapshots: z.array(mergeSnapshotSchema).min(2),
  /** Set when the merge has been undone. */
  undoneAt: isoDateTimeSchema.optional(),
  undoneByUserId: idSchema.optional(),
  ...ownershipShape,
});
/** A recorded merge. */
export type MergeRecord = z.infer<typeof mergeRecordSchema>;
