import { z } from 'zod';
import { addressSchema, customValuesSchema, emailSchema, idSchema, isoDateTimeSchema, nonNegativeMoneySchema, ownershipShape, percentSchema, phoneSchema, textSchema } from './common.js';
import { leadChannelSchema, prioritySchema } from './enums.js';

/** One BANT answer: what the prospect said, and whether it is confirmed. */
export const bantAnswerSchema = z.object({
  answer: z.string().trim().max(1000).optional(),
  confirmed: z.boolean().default(false),
});

/** BANT qualification: budget, authority, need, timeline. */
export const bantSchema = z.object({
  budget: bantAnswerSchema.optional(),
  authority: bantAnswerSchema.optional(),
  need: bantAnswerSchema.optional(),
  timeline: bantAnswerSchema.optional(),
});
/** BANT answers. */
export type Bant = z.infer<typeof bantSchema>;

/** A lead's state: open, converted into a customer and opportunity, or lost. */
export const leadStatusSchema = z.enum(['open', 'converted', 'lost']);

/**
 * A lead (Tiềm năng): a screened prospect with a need — contact information, tracking of where it came from,
 * qualification, and who works it.
 */
export const leadSchema = z.object({
  /** The need in a few words, e.g. "Gói cước cáp quang 200 Mbps". */
  title: z.string().trim().min(1, 'is required').max(300, 'must be at most 300 characters'),
  need: textSchema.optional(),
  expectedRevenue: nonNegativeMoneySchema.optional(),
  probability: percentSchema.optional(),
  priority: prioritySchema.default(0),
  tagIds: z.array(idSchema).max(50).optional(),
  salespersonId: idSchema.optional(),
  salesTeamId: idSchema.optional(),
  teamLeaderId: idSchema.optional(),
  regionalManagerId: idSchema.optional(),
  salesRegion: z.string().trim().max(100).optional(),
  contactName: z.string().trim().max(200).optional(),
  jobTitle: z.string().trim().max(200).optional(),
  companyName: z.string().trim().max(300).optional(),
  email: emailSchema.optional(),
  phones: z.object({ mobile: phoneSchema.optional(), desk: phoneSchema.optional() }).optional(),
  address: addressSchema.optional(),
  channel: leadChannelSchema.optional(),
  campaign: z.string().trim().max(200).optional(),
  medium: z.string().trim().max(200).optional(),
  source: z.string().trim().max(200).optional(),
  referredBy: z.string().trim().max(200).optional(),
  bant: bantSchema.optional(),
  status: leadStatusSchema.default('open'),
  lostReasonId: idSchema.optional(),
  rawContactId: idSchema.optional(),
  convertedContactId: idSchema.optional(),
  convertedCompanyId: idSchema.optional(),
  convertedOpportunityId: idSchema.optional(),
  convertedAt: isoDateTimeSchema.optional(),
  note: textSchema.optional(),
  ...ownershipShape,
  custom: customValuesSchema.optional(),
});
/** A lead. */
export type Lead = z.infer<typeof leadSchema>;

/**
 * The lead's cross-field rule, for `leadSchema.superRefine(refineLead)` on a whole record: a lost lead names
 * its lost reason, so the loss analysis has something to count.
 */
export function refineLead(lead: { status?: string | undefined; lostReasonId?: string | undefined }, ctx: z.RefinementCtx): void {
  if (lead.status === 'lost' && !lead.lostReasonId) ctx.addIssue({ code: 'custom', path: ['lostReasonId'], message: 'a lost lead needs a lost reason' });
}
