import { z } from 'zod';
import { idSchema, isoDateSchema, isoDateTimeSchema, nameSchema, textSchema } from './common.js';

const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time like 08:30');

/** How often a route member is visited. */
export const visitFrequencySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('weekly'), weekdays: z.array(z.number().int().min(0).max(6)).min(1, 'needs at least one weekday') }),
  z.object({ kind: z.literal('every_n_weeks'), n: z.number().int().min(1).max(52), weekday: z.number().int().min(0).max(6), anchorDate: isoDateSchema }),
  z.object({ kind: z.literal('monthly'), dayOfMonth: z.number().int().min(1).max(31) }),
]);

/** A member's visit plan: frequency and preferred hours. */
export const visitPlanSchema = z.object({
  frequency: visitFrequencySchema,
  preferredHours: z
    .object({ from: timeOfDay, to: timeOfDay })
    .refine((hours) => hours.from < hours.to, { message: 'must end after it starts', path: ['to'] })
    .optional(),
});
/** A visit plan. */
export type VisitPlan = z.infer<typeof visitPlanSchema>;

/** One change of a member's participation: when, to what, why, by whom. */
export const participationChangeSchema = z.object({
  participation: z.enum(['in_route', 'out_of_route']),
  at: isoDateTimeSchema,
  reason: z.string().trim().max(1000).optional(),
  byUserId: idSchema.optional(),
});

/** A customer on a route, in or out of it, with the history of that. */
export const routeMemberSchema = z.object({
  customerId: idSchema,
  customerEntity: z.enum(['contact', 'company']).default('contact'),
  participation: z.enum(['in_route', 'out_of_route']).default('in_route'),
  history: z.array(participationChangeSchema).max(1000).default([]),
  visitOrder: z.number().int().min(0).optional(),
  note: z.string().trim().max(1000).optional(),
  visitPlan: visitPlanSchema.optional(),
});
/** A route member. */
export type RouteMember = z.infer<typeof routeMemberSchema>;

/** A sales route (Tuyến): a named set of customers in an area, each in or out of the route. */
export const routeSchema = z
  .object({
    name: nameSchema,
    description: textSchema.optional(),
    region: z.string().trim().max(100).optional(),
    status: z.enum(['in_use', 'not_in_use']).default('in_use'),
    kind: z.enum(['normal', 'special']).default('normal'),
    members: z.array(routeMemberSchema).max(5000).default([]),
    /** Ids of the members' customers, kept in step with `members` so routes can be found by customer. */
    customerIds: z.array(idSchema).max(5000).optional(),
    notifyUserIds: z.array(idSchema).max(200).default([]),
  })
  .superRefine((route, ctx) => {
    const seen = new Set<string>();
    route.members.forEach((member, i) => {
      if (seen.has(member.customerId)) ctx.addIssue({ code: 'custom', path: ['members', i, 'customerId'], message: 'this customer is already a member of the route' });
      seen.add(member.customerId);
    });
  })
  // the members are the truth; customerIds mirrors them on every save so a customer's routes can be found
  // without reading every member (a patch without members leaves it alone)
  .overwrite((route) => (route.members ? { ...route, customerIds: route.members.map((member) => member.customerId) } : route));
/** A route. */
export type Route = z.infer<typeof routeSchema>;
