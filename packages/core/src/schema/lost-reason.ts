import { z } from 'zod';
import { nameSchema } from './common.js';
import { labelsSchema } from './enums.js';

/** A lost reason (Lý do thất bại). */
export const lostReasonSchema = z.object({
  name: nameSchema,
  labels: labelsSchema.optional(),
  active: z.boolean().default(true),
});
/** A lost reason. */
export type LostReason = z.infer<typeof lostReasonSchema>;
