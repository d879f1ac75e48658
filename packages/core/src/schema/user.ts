import { z } from 'zod';
import { emailSchema, idSchema, nameSchema, phoneSchema } from './common.js';

/** A user (employee) and the role that decides what they may see and change. */
export const userSchema = z.object({
  name: nameSchema,
  email: emailSchema.optional(),
  phone: phoneSchema.optional(),
  role: z.enum(['salesperson', 'team_leader', 'manager', 'admin']),
  teamIds: z.array(idSchema).max(50).default([]),
  region: z.string().trim().max(100).optional(),
  active: z.boolean().default(true),
});
/** A user. */
export type User = z.infer<typeof userSchema>;
