import { z } from 'zod';
import { idSchema, isoDateSchema, nonNegativeMoneySchema, ownershipShape, textSchema } from './common.js';

/** A contract (Hợp đồng) following a won opportunity. */
export const contractSchema = z.object({
  number: z.string().trim().min(1).max(50),
  opportunityId: idSchema.optional(),
  companyId: idSchema.optional(),
  contactId: idSchema.optional(),
  signingDate: isoDateSchema.optional(),
  startDate: isoDateSchema.optional(),
  endDate: isoDateSchema.optional(),
  termMonths: z.number().int().min(1).max(1200).optional(),
  terms: textSchema.optional(),
  value: nonNegativeMoneySchema.optional(),
  status: z.enum(['draft', 'active', 'expired', 'terminated']).default('draft'),
  ...ownershipShape,
});
/** A contract. */
export type Contract = z.infer<typeof contractSchema>;

/**
 * The contract's cross-field rule, for `contractSchema.superRefine(refineContract)` on a whole record: its
 * term cannot end before it starts. ISO dates compare correctly as strings.
 */
export function refineContract(contract: { startDate?: string | undefined; endDate?: string | undefined }, ctx: z.RefinementCtx): void {
  if (contract.startDate && contract.endDate && contract.endDate < contract.startDate) {
    ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'must not be before the start date' });
  }
}
