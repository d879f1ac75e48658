import { z } from 'zod';
import { idSchema, nameSchema } from './common.js';
import { activityKindSchema, labelsSchema } from './enums.js';

/**
 * An activity type (Kiểu hoạt động): its kind and default delay, and optionally the next type that follows it
 * N days after completion — scheduled automatically or only suggested.
 */
export const activityTypeSchema = z.object({
  name: nameSchema,
  labels: labelsSchema.optional(),
  kind: activityKindSchema,
  defaultDelayDays: z.number().int().min(0).max(365).default(0),
  nextTypeId: idSchema.optional(),
  nextMode: z.enum(['schedule', 'suggest']).default('schedule'),
  nextDelayDays: z.number().int().min(0).max(365).default(0),
  icon: z.string().max(50).optional(),
  active: z.boolean().default(true),
});
/** An activity type. */
export type ActivityType = z.infer<typeof activityTypeSchema>;
