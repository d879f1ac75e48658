import { z } from 'zod';
import { currencySchema, idSchema, isoDateSchema, ownershipShape, textSchema } from './common.js';
import { documentLineSchema, documentTotalsSchema } from './document-line.js';

/** A quote's state: draft → sent → accepted / rejected / expired. */
export const quoteStateSchema = z.enum(['draft', 'sent', 'accepted', 'rejected', 'expired']);

/** A quote (Báo giá) made from an opportunity. */
export const quoteSchema = z.object({
  number: z.string().trim().min(1).max(50),
  opportunityId: idSchema.optional(),
  contactId: idSchema.optional(),
  companyId: idSchema.optional(),
  date: isoDateSchema,
  validUntil: isoDateSchema.optional(),
  currency: currencySchema.default('VND'),
  lines: z.array(documentLineSchema).max(1000).default([]),
  totals: documentTotalsSchema.optional(),
  state: quoteStateSchema.default('draft'),
  note: textSchema.optional(),
  ...ownershipShape,
});
/** A quote. */
export type Quote = z.infer<typeof quoteSchema>;

/**
 * The quote's cross-field rule, for `quoteSchema.superRefine(refineQuote)` on a whole record: it cannot
 * expire before it is issued. ISO dates compare correctly as strings.
 */
export function refineQuote(quote: { date?: string | undefined; validUntil?: string | undefined }, ctx: z.RefinementCtx): void {
  if (quote.date && quote.validUntil && quote.validUntil < quote.date) {
    ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'must not be before the quote date' });
  }
}
