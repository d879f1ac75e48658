import { z } from 'zod';
import {
  addressSchema,
  customValuesSchema,
  emailSchema,
  geoPointSchema,
  idSchema,
  isoDateSchema,
  nonNegativeMoneySchema,
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
 * contact. Phones and e-mails are lists and there is no separate `phone` / `email` field: the first entry is
 * the primary one. One place for each number means a merge keeps every number, duplicate detection reads
 * them all, and a primary can never disagree with the list.
 */
export const contactSchema = z.object({
  kind: contactKindSchema.default('individual'),
  fullName: nameSchema,
  gender: genderSchema.optional(),
  birthday: isoDateSchema.optional(),
  address: addressSchema.optional(),
  gps: geoPointSchema.optional(),
  /** The first is the primary phone. */
  phones: z.array(contactPhoneSchema).max(20).optional(),
  /** The first is the primary e-mail. */
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
  revenue: nonNegativeMoneySchema.optional(),
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
