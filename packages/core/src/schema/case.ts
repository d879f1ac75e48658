import { z } from 'zod';
import { customValuesSchema, idSchema, isoDateTimeSchema, ownershipShape, textSchema } from './common.js';

/** A case's status: New → In progress → Resolved (→ Closed). */
export const caseStatusSchema = z.enum(['new', 'in_progress', 'resolved', 'closed']);

/** A case (Yêu cầu hỗ trợ / ticket): after-sales support. */
export const caseSchema = z.object({
  title: z.string().trim().min(1, 'is required').max(300),
  description: textSchema.optional(),
  priority: z.enum(['low', 'normal', 'high', 'urgent']).default('normal'),
  status: caseStatusSchema.default('new'),
  contactId: idSchema.optional(),
  companyId: idSchema.optional(),
  productId: idSchema.optional(),
  orderId: idSchema.optional(),
  resolution: textSchema.optional(),
  resolvedAt: isoDateTimeSchema.optional(),
  ...ownershipShape,
  custom: customValuesSchema.optional(),
});
/** A case. */
export type Case = z.infer<typeof caseSchema>;
