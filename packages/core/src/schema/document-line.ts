import { z } from 'zod';
import { idSchema, percentSchema } from './common.js';

/**
 * One line of a quote or an order: a product (or free text), a quantity in a unit, a unit price before tax in
 * minor units, an optional discount and tax percentage.
 */
export const documentLineSchema = z.object({
  productId: idSchema.optional(),
  description: z.string().trim().min(1, 'is required').max(1000),
  quantity: z.number().positive('must be greater than 0').max(1e9),
  unit: z.string().trim().max(50).optional(),
  unitPrice: z.number().int('must be a whole number of minor units').min(0, 'must not be negative'),
  discountPercent: percentSchema.optional(),
  taxPercent: percentSchema.optional(),
});
/** A quote or order line. */
export type DocumentLine = z.infer<typeof documentLineSchema>;

/** A document's totals in minor units: before discount, discount, tax, and what the customer pays. */
export const documentTotalsSchema = z.object({
  subtotal: z.number().int(),
  discount: z.number().int(),
  tax: z.number().int(),
  total: z.number().int(),
});
/** Document totals. */
export type DocumentTotals = z.infer<typeof documentTotalsSchema>;
