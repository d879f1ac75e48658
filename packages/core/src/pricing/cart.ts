import { z } from 'zod';
import { idSchema } from '../schema/common.js';

/** One line of a cart: a product, a quantity and optionally a unit (the product's base unit by default). */
export const cartLineSchema = z.object({
  productId: idSchema,
  quantity: z.number().positive('must be greater than 0').max(1e9),
  unit: z.string().trim().min(1).max(50).optional(),
});

/** A cart (or the lines of a quote or order) to price, with coupon codes the customer presents. */
export const cartSchema = z.object({
  lines: z.array(cartLineSchema).min(1, 'a cart needs at least one line').max(5000),
  couponCodes: z.array(z.string().trim().min(1).max(50)).max(20).default([]),
});
/** A cart to price. */
export type Cart = z.input<typeof cartSchema>;
