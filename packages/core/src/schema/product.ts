import { z } from 'zod';
import { idSchema, isoDateSchema, mediaRefSchema, nameSchema, percentSchema, textSchema } from './common.js';

/** A unit a product is sold in and how many base units it holds (a carton of 24 cans: 24). */
export const productUnitSchema = z.object({
  name: z.string().trim().min(1, 'is required').max(50),
  baseUnits: z.number().positive('must be greater than 0'),
});

/** A typed product attribute and its value. */
export const productAttributeSchema = z.discriminatedUnion('type', [
  z.object({ key: z.string().trim().min(1).max(100), type: z.literal('text'), value: z.string().max(1000) }),
  z.object({ key: z.string().trim().min(1).max(100), type: z.literal('number'), value: z.number() }),
  z.object({ key: z.string().trim().min(1).max(100), type: z.literal('date'), value: isoDateSchema }),
  z.object({ key: z.string().trim().min(1).max(100), type: z.literal('choice'), value: z.string().max(200), options: z.array(z.string()).optional() }),
]);

/** How a product is packed: a single item, an item holding components, or a combo of other products. */
export const packagingSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('single') }),
  z.object({ kind: z.literal('with_components'), componentCount: z.number().int().min(1), hasQrCode: z.boolean().default(false) }),
  z.object({
    kind: z.literal('combo'),
    items: z.array(z.object({ productId: idSchema, quantity: z.number().positive('must be greater than 0') })).min(1, 'a combo needs at least one product'),
  }),
]);

/**
 * The form in which product codes are compared for uniqueness, and stored: trimmed, Unicode NFC and upper case,
 * because a sales clerk typing `sp-001` means the product `SP-001`, and Vietnamese letters typed on different
 * keyboards (composed or decomposed diacritics) must not make two "different" codes.
 */
export function normalizeProductCode(code: string): string {
  return code.trim().normalize('NFC').toLocaleUpperCase('vi');
}

/** A product (Sản phẩm): unique code, groups, base price and tax, units, packaging, attributes, media. */
export const productSchema = z
  .object({
    // stored as compared (normalizeProductCode), so an indexed lookup finds `SP-001` for `sp-001`
    code: z.string().trim().min(1, 'is required').max(50).regex(/^[\p{L}\p{N}._\-\/]+$/u, 'may hold letters, digits and . _ - / only').transform(normalizeProductCode),
    name: nameSchema,
    groupL1: z.string().trim().max(100).optional(),
    groupId: z.string().trim().max(100).optional(),
    basePrice: z.number().int('must be a whole number of minor units').min(0, 'must not be negative'),
    currency: z.string().regex(/^[A-Z]{3}$/).default('VND'),
    taxPercent: percentSchema.default(0),
    baseUnit: z.string().trim().min(1).max(50).default('cái'),
    units: z.array(productUnitSchema).max(20).default([]),
    packaging: packagingSchema.default({ kind: 'single' }),
    attributes: z.array(productAttributeSchema).max(100).default([]),
    media: z.array(mediaRefSchema).max(50).optional(),
    requiresReceiptInfo: z.boolean().default(false),
    description: textSchema.optional(),
    status: z.enum(['active', 'inactive']).default('active'),
  })
  .superRefine((product, ctx) => {
    // A unit name must say one thing: a cart line's unit is looked up by name, so a repeated name (or one
    // shadowing the base unit) would make the conversion ambiguous.
    const seen = new Set([product.baseUnit]);
    product.units.forEach((unit, i) => {
      if (seen.has(unit.name)) ctx.addIssue({ code: 'custom', path: ['units', i, 'name'], message: `unit "${unit.name}" is already defined` });
      seen.add(unit.name);
    });
  });
/** A product. */
export type Product = z.infer<typeof productSchema>;
