import { z } from 'zod';
import { addressSchema, currencySchema, geoPointSchema, idSchema, isoDateSchema, isoDateTimeSchema, mediaRefSchema, ownershipShape, textSchema } from './common.js';
import { documentLineSchema, documentTotalsSchema } from './document-line.js';
import { salesChannelSchema } from './enums.js';

/** How the customer pays. */
export const paymentMethodSchema = z.enum(['cash', 'bank_transfer', 'cod', 'card', 'e_wallet', 'other']);

/**
 * An order (Đơn hàng): from an accepted quote, or taken by phone or on a visit (the tele / face-to-face
 * sales orders of the source documents, with GPS and photos).
 */
export const orderSchema = z.object({
  number: z.string().trim().min(1).max(50),
  quoteId: idSchema.optional(),
  opportunityId: idSchema.optional(),
  contactId: idSchema.optional(),
  companyId: idSchema.optional(),
  date: isoDateSchema,
  currency: currencySchema.default('VND'),
  lines: z.array(documentLineSchema).min(1, 'an order needs at least one line').max(1000),
  totals: documentTotalsSchema.optional(),
  deliveryAddress: addressSchema.optional(),
  deliveryTime: isoDateTimeSchema.optional(),
  paymentMethod: paymentMethodSchema.optional(),
  channel: salesChannelSchema.optional(),
  gps: geoPointSchema.optional(),
  photos: z.array(mediaRefSchema).max(50).optional(),
  couponCodes: z.array(z.string().trim().max(50)).max(20).optional(),
  /** The promotions applied to this order (usage limits count them). */
  promotionIds: z.array(idSchema).max(200).optional(),
  note: textSchema.optional(),
  status: z.enum(['draft', 'confirmed', 'delivered', 'cancelled']).default('draft'),
  ...ownershipShape,
});
/** An order. */
export type Order = z.infer<typeof orderSchema>;
