import { z } from 'zod';
import { idSchema, nameSchema, percentSchema } from './common.js';
import { labelsSchema } from './enums.js';

/** A pipeline stage (Giai đoạn): its order, default probability, and whether it is the won stage. */
export const stageSchema = z.object({
  name: nameSchema,
  labels: labelsSchema.optional(),
  sequence: z.number().int().min(0).max(10_000),
  defaultProbability: percentSchema.default(0),
  isWon: z.boolean().default(false),
  folded: z.boolean().default(false),
  teamIds: z.array(idSchema).max(100).optional(),
});
/** A stage. */
export type Stage = z.infer<typeof stageSchema>;
