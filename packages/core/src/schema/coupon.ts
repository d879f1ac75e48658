import { z } from 'zod';
import { idSchema, isoDateTimeSchema } from './common.js';
import { rewardSchema } from './promotion.js';

/** A coupon: a unique single-use code earned on one order and redeemable on a later one before it expires. */
export const couponSchema = z
  .object({
    code: z.string().trim().min(4).max(50),
    promotionId: idSchema,
    issuedToCustomerId: idSchema,
    issuedOnOrderId: idSchema,
    issuedAt: isoDateTimeSchema,
    expiresAt: isoDateTimeSchema,
    status: z.enum(['active', 'redeemed', 'expired']).default('active'),
    redeemedOnOrderId: idSchema.optional(),
    redeemedAt: isoDateTimeSchema.optional(),
    reward: rewardSchema,
  })
  .superRefine((coupon, ctx) => {
    if (Date.parse(coupon.expiresAt) < Date.parse(coupon.issuedAt)) ctx.addIssue({ code: 'custom', path: ['expiresAt'], message: 'must not be before issuedAt' });
    if (coupon.status === 'redeemed' && !coupon.redeemedOnOrderId) ctx.addIssue({ code: 'custom', path: ['redeemedOnOrderId'], message: 'a redeemed coupon names the order it was used on' });
  });
/** A coupon. */
export type Coupon = z.infer<typeof couponSchema>;
