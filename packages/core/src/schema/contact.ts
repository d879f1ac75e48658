import { z } from 'zod';
import {
  addressSchema,
  customValuesSchema,
  emailSchema,
  geoPointSchema,
  idSchema,
  isoDateSchema,
  moneySchema,
  nameSchema,
  ownershipShape,
  phoneSchema,
  textSchema,
  urlSchema,
} from './common.js';
import { contactKindSchema, genderSchema } from './enums.js';

/** A phone number with what it is (mobile, desk, home). */
export const contactPhoneSchema = z.object({
  number: phoneSchema,
  kind: z.enum(['mobile', 'desk', 'home', 'other']).default('mobile'),
});

/**
 * A contact (Người liên hệ): a person — an individual customer, a shop or household owner, or a company's
 * contact. Phones and e-mails are lists (the first is the primary one), so a merge can keep every one.
 */
export const contactSchema = z.object({
  kind: contactKindSchema.default('individual'),
  fullName: nameSchema,
  gender: genderSchema.optional(),
  birthday: isoDateSchema.optional(),
  address: addressSchema.optional(),
  gps: geoPointSchema.optional(),
  phones: z.array(contactPhoneSchema).max(20).optional(),
  emails: z.array(emailSchema).max(20).optional(),
  facebook: z.string().trim().max(300).optional(),
  linkedin: z.string().trim().max(300).optional(),
  zalo: z.string().trim().max(100).optional(),
  website: urlSchema.optional(),
  /** The employer company. */
  companyId: idSchema.optional(),
  position: z.string().trim().max(200).optional(),
  department: z.string().trim().max(200).optional(),
  industry: z.string().trim().max(200).optional(),
  employeeCount: z.number().int().min(0).optional(),
  revenue: moneySchema.optional(),
  interests: z.array(z.string().trim().max(200)).max(50).optional(),
  source: z.string().trim().max(200).optional(),
  interestLevel: z.enum(['low', 'medium', 'high']).optional(),
  tagIds: z.array(idSchema).max(50).optional(),
  note: textSchema.optional(),
  ...ownershipShape,
  custom: customValuesSchema.optional(),
});
/** A contact. */
export type Contact = z.infer<typeof contactSchema>;
