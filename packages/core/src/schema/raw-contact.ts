import { z } from 'zod';
import { addressSchema, customValuesSchema, emailSchema, idSchema, isoDateTimeSchema, nameSchema, ownershipShape, phoneSchema, textSchema } from './common.js';

/** How a raw contact (KH Thô) stands: not screened yet, screened into a lead, or rejected. */
export const screeningStatusSchema = z.enum(['pending', 'screened', 'rejected']);

/**
 * A raw contact (KH Thô): bought or scraped data not yet screened. Screening turns it into a lead or rejects
 * it with a reason.
 */
export const rawContactSchema = z.object({
  name: nameSchema,
  phones: z.array(phoneSchema).max(10).optional(),
  email: emailSchema.optional(),
  companyName: z.string().trim().max(300).optional(),
  address: addressSchema.optional(),
  /** How it was obtained: a bought list, scraping, an event, ... */
  source: z.enum(['bought_list', 'scraped', 'event', 'partner', 'other']).default('other'),
  /** Which list, site or event it came from. */
  collectedFrom: z.string().trim().max(300).optional(),
  collectedAt: isoDateTimeSchema.optional(),
  screeningStatus: screeningStatusSchema.default('pending'),
  screeningReason: z.string().trim().max(1000).optional(),
  screenedAt: isoDateTimeSchema.optional(),
  leadId: idSchema.optional(),
  note: textSchema.optional(),
  ...ownershipShape,
  custom: customValuesSchema.optional(),
});
/** A raw contact (KH Thô). */
export type RawContact = z.infer<typeof rawContactSchema>;

/**
 * The raw contact's cross-field rule, for `rawContactSchema.superRefine(refineRawContact)` on a whole record:
 * a rejection must say why, so the list's quality can be judged later.
 */
export function refineRawContact(raw: { screeningStatus?: string | undefined; screeningReason?: string | undefined }, ctx: z.RefinementCtx): void {
  if (raw.screeningStatus === 'rejected' && !raw.screeningReason) {
    ctx.addIssue({ code: 'custom', path: ['screeningReason'], message: 'a rejected raw contact needs a reason' });
  }
}
