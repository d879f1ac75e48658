import { z } from 'zod';
import { idSchema, isoDateSchema } from './common.js';

/** A route assigned to an employee from a date, until a date or open-ended. */
export const routeAssignmentSchema = z
  .object({
    routeId: idSchema,
    userId: idSchema,
    effectiveFrom: isoDateSchema,
    effectiveTo: isoDateSchema.optional(),
    note: z.string().trim().max(1000).optional(),
  })
  .superRefine((assignment, ctx) => {
    if (assignment.effectiveTo && assignment.effectiveTo < assignment.effectiveFrom) {
      ctx.addIssue({ code: 'custom', path: ['effectiveTo'], message: 'must not be before effectiveFrom' });
    }
  });
/** A route assignment. */
export type RouteAssignment = z.infer<typeof routeAssignmentSchema>;
