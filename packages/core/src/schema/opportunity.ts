import { z } from 'zod';
import { customValuesSchema, idSchema, isoDateSchema, isoDateTimeSchema, nonNegativeMoneySchema, nameSchema, ownershipShape, percentSchema, textSchema } from './common.js';
import { prioritySchema } from './enums.js';

/** One stay of an opportunity in a stage. */
export const stageVisitSchema = z.object({
  stageId: idSchema,
  enteredAt: isoDateTimeSchema,
  leftAt: isoDateTimeSchema.optional(),
  byUserId: idSchema.optional(),
});
/** One stay in a stage. */
export type StageVisit = z.infer<typeof stageVisitSchema>;

/** An opportunity's outcome state. */
export const opportunityStatusSchema = z.enum(['open', 'won', 'lost']);

/**
 * An opportunity (Cơ hội): one sale in progress — its stage and history, expected revenue and probability,
 * expected close date, and its outcome (won, or lost with a lost reason).
 */
export const opportunitySchema = z.object({
  name: nameSchema,
  contactId: idSchema.optional(),
  companyId: idSchema.optional(),
  leadId: idSchema.optional(),
  stageId: idSchema,
  expectedRevenue: nonNegativeMoneySchema.optional(),
  probability: percentSchema.optional(),
  expectedCloseDate: isoDateSchema.optional(),
  salespersonId: idSchema.optional(),
  salesTeamId: idSchema.optional(),
  priority: prioritySchema.default(0),
  tagIds: z.array(idSchema).max(50).optional(),
  status: opportunityStatusSchema.default('open'),
  lostReasonId: idSchema.optional(),
  lostNote: z.string().trim().max(2000).optional(),
  closedAt: isoDateTimeSchema.optional(),
  stageHistory: z.array(stageVisitSchema).max(1000).optional(),
  note: textSchema.optional(),
  ...ownershipShape,
  custom: customValuesSchema.optional(),
});
/** An opportunity. */
export type Opportunity = z.infer<typeof opportunitySchema>;

/**
 * The opportunity's cross-field rule, for `opportunitySchema.superRefine(refineOpportunity)` on a whole
 * record: a lost opportunity names its lost reason (the pipeline's loss analysis counts them).
 */
export function refineOpportunity(opportunity: { status?: string | undefined; lostReasonId?: string | undefined }, ctx: z.RefinementCtx): void {
  if (opportunity.status === 'lost' && !opportunity.lostReasonId) {
    ctx.addIssue({ code: 'custom', path: ['lostReasonId'], message: 'a lost opportunity needs a lost reason' });
  }
}
