import { z } from 'zod';
import { idSchema, isoDateSchema, nameSchema, textSchema } from './common.js';
import { contactKindSchema, salesChannelSchema } from './enums.js';

/** The reward of a promotion or of a coupon. */
export const rewardSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('percent_off'), percent: z.number().gt(0, 'must be greater than 0').max(100, 'must be at most 100'), cap: z.number().int().min(0).optional() }),
  z.object({ kind: z.literal('amount_off'), amount: z.number().int().min(0, 'must not be negative') }),
  z.object({ kind: z.literal('fixed_price'), price: z.number().int().min(0, 'must not be negative') }),
  z.object({
    kind: z.literal('free_products'),
    buyQuantity: z.number().positive(),
    freeProductId: idSchema,
    freeQuantity: z.number().positive(),
    maxFree: z.number().positive().optional(),
  }),
]);
/** A reward. */
export type Reward = z.infer<typeof rewardSchema>;

/**
 * A promotion programme (Chương trình khuyến mãi, CTKM): what it applies to, whom, on what basis, its reward,
 * whether it applies directly or issues a coupon for a next purchase, limits, priority and exclusivity.
 */
export const promotionSchema = z
  .object({
    code: z.string().trim().min(1, 'is required').max(50),
    name: nameSchema,
    description: textSchema.optional(),
    validFrom: isoDateSchema.optional(),
    validTo: isoDateSchema.optional(),
    status: z.enum(['active', 'stopped']).default('active'),
    appliesTo: z
      .object({
        productIds: z.array(idSchema).default([]),
        groupIds: z.array(z.string()).default([]),
        attribute: z.object({ key: z.string().min(1), values: z.array(z.string()).min(1) }).optional(),
      })
      .default({ productIds: [], groupIds: [] }),
    scope: z
      .object({
        customerKinds: z.array(contactKindSchema.or(z.literal('company'))).default([]),
        regions: z.array(z.string()).default([]),
        routeIds: z.array(idSchema).default([]),
        channels: z.array(salesChannelSchema).default([]),
        customerTagIds: z.array(idSchema).default([]),
      })
      .default({ customerKinds: [], regions: [], routeIds: [], channels: [], customerTagIds: [] }),
    basis: z.object({ measure: z.enum(['quantity', 'amount']), min: z.number().min(0).default(0), max: z.number().min(0).optional() }).default({ measure: 'amount', min: 0 }),
    reward: rewardSchema,
    execution: z
      .discriminatedUnion('kind', [
        z.object({ kind: z.literal('direct') }),
        // The coupon's own reward (e.g. "spend now, get 50,000 ₫ off next time"); the programme's reward when omitted.
        z.object({ kind: z.literal('coupon'), validDays: z.number().int().min(1).max(3650), reward: rewardSchema.optional() }),
      ])
      .default({ kind: 'direct' }),
    limits: z.object({ total: z.number().int().min(1).optional(), perCustomer: z.number().int().min(1).optional() }).default({}),
    priority: z.number().int().default(0),
    exclusiveGroup: z.string().max(100).optional(),
    stackable: z.boolean().default(true),
  })
  .superRefine((promotion, ctx) => {
    if (promotion.validFrom && promotion.validTo && promotion.validTo < promotion.validFrom) ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'must not be before validFrom' });
    if (promotion.basis.max !== undefined && promotion.basis.max < promotion.basis.min) ctx.addIssue({ code: 'custom', path: ['basis', 'max'], message: 'must not be below min' });
  });
/** A promotion programme. */
export type Promotion = z.infer<typeof promotionSchema>;
