import { z } from 'zod';
import { idSchema, isoDateTimeSchema, ownershipShape, textSchema } from './common.js';
import { activityKindSchema } from './enums.js';

/** The record an activity is about. */
export const activityRelatedSchema = z.object({
  entity: z.enum(['lead', 'contact', 'company', 'opportunity', 'case', 'quote', 'order', 'route']),
  id: idSchema,
});

/** An activity (Hoạt động): a call, e-mail, meeting, ... planned, done or cancelled. */
export const activitySchema = z.object({
  typeId: idSchema.optional(),
  kind: activityKindSchema.default('todo'),
  summary: z.string().trim().min(1, 'is required').max(300),
  note: textSchema.optional(),
  dueAt: isoDateTimeSchema,
  durationMinutes: z.number().int().min(0).max(24 * 60).optional(),
  status: z.enum(['planned', 'done', 'cancelled']).default('planned'),
  doneAt: isoDateTimeSchema.optional(),
  outcome: z.string().trim().max(2000).optional(),
  assigneeId: idSchema.optional(),
  related: activityRelatedSchema.optional(),
  previousActivityId: idSchema.optional(),
  reminderOffsetsMinutes: z.array(z.number().int().min(0).max(60 * 24 * 60)).max(10).optional(),
  ...ownershipShape,
});
/** An activity. */
export type Activity = z.infer<typeof activitySchema>;
