import { z } from 'zod';
import { idSchema, nameSchema } from './common.js';

/** A sales team (Nhóm bán hàng): leader, members, regional manager, and which work it takes. */
export const salesTeamSchema = z.object({
  name: nameSchema,
  leaderId: idSchema.optional(),
  memberIds: z.array(idSchema).max(500).default([]),
  regionalManagerId: idSchema.optional(),
  region: z.string().trim().max(100).optional(),
  takes: z.object({ quotes: z.boolean().default(true), opportunities: z.boolean().default(true), warranty: z.boolean().default(false) }).default({ quotes: true, opportunities: true, warranty: false }),
  /** The default maximum of open leads per member, when a member has none of their own. */
  defaultCapacity: z.number().int().min(0).max(100_000).optional(),
  /** A member's own maximum of open leads. */
  memberCapacity: z.record(idSchema, z.number().int().min(0).max(100_000)).optional(),
  /** Where round-robin lead assignment continues: the position in `memberIds` of the next member to get a lead. */
  assignmentCursor: z.number().int().min(0).optional(),
  active: z.boolean().default(true),
});
/** A sales team. */
export type SalesTeam = z.infer<typeof salesTeamSchema>;
