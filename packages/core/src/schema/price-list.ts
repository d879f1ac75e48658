import { z } from 'zod';
import { currencySchema, idSchema, isoDateSchema, nameSchema, textSchema } from './common.js';
import { contactKindSchema, salesChannelSchema } from './enums.js';

/** A tax or fee on a price-list item: a percentage of the line, or a fixed amount per unit. */
export const taxOrFeeSchema = z.discriminatedUnion('kind', [
  z.object({ name: z.string().trim().min(1).max(100), kind: z.literal('percent'), value: z.number().min(0, 'must not be negative').max(100, 'must be at most 100') }),
  z.object({ name: z.string().trim().min(1).max(100), kind: z.literal('fixed_per_unit'), value: z.number().int('must be a whole number of minor units').min(0, 'must not be negative') }),
]);

/** What a price-list item prices: one product, a product group, or everything. */
export const priceTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('product'), productId: idSchema }),
  z.object({ kind: z.literal('group'), groupId: z.string().min(1) }),
  z.object({ kind: z.literal('all') }),
]);

/** One item of a price list. */
export const priceListItemSchema = z.object({
  target: priceTargetSchema,
  unit: z.string().trim().max(50).optional(),
  price: z.number().int('must be a whole number of minor units').min(0, 'must not be negative'),
  minQuantity: z.number().min(0, 'must not be negative').default(0),
  taxes: z.array(taxOrFeeSchema).max(20).default([]),
});

/** Whom a price list applies to (empty lists mean "anyone" for that dimension). */
export const priceListAssignmentSchema = z.object({
  customerIds: z.array(idSchema).default([]),
  customerKinds: z.array(contactKindSchema.or(z.literal('company'))).default([]),
  regions: z.array(z.string()).default([]),
  routeIds: z.array(idSchema).default([]),
  channels: z.array(salesChannelSchema).default([]),
});

/** A price list (Bảng giá) with its validity, status, currency, assignment and items. */
export const priceListSchema = z
  .object({
    name: nameSchema,
    description: textSchema.optional(),
    validFrom: isoDateSchema.optional(),
    validTo: isoDateSchema.optional(),
    status: z.enum(['in_use', 'stopped']).default('in_use'),
    currency: currencySchema.default('VND'),
    assignment: priceListAssignmentSchema.default({ customerIds: [], customerKinds: [], regions: [], routeIds: [], channels: [] }),
    items: z.array(priceListItemSchema).max(100_000).default([]),
  })
  .superRefine((list, ctx) => {
    if (list.validFrom && list.validTo && list.validTo < list.validFrom) ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'must not be before validFrom' });
  });
/** A price list. */
export type PriceList = z.infer<typeof priceListSchema>;
