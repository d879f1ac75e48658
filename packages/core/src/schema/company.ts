import { z } from 'zod';
import { addressSchema, customValuesSchema, emailSchema, geoPointSchema, idSchema, isoDateSchema, nonNegativeMoneySchema, nameSchema, ownershipShape, phoneSchema, textSchema, urlSchema } from './common.js';

/** A Vietnamese tax code (mã số thuế): 10 digits, or 10 digits, a dash and 3 digits for a branch. */
export const taxCodeSchema = z.string().trim().regex(/^\d{10}(-\d{3})?$/, 'must be 10 digits, or 10 digits-3 digits for a branch');

/**
 * A company (Công ty / Tổ chức): "potential" until its first won opportunity, then "customer" (and back
 * only by hand).
 */
export const companySchema = z.object({
  name: nameSchema,
  status: z.enum(['potential', 'customer']).default('potential'),
  foundingDate: isoDateSchema.optional(),
  taxCode: taxCodeSchema.optional(),
  industry: z.string().trim().max(200).optional(),
  employeeCount: z.number().int().min(0).optional(),
  annualRevenue: nonNegativeMoneySchema.optional(),
  website: urlSchema.optional(),
  email: emailSchema.optional(),
  phones: z.array(phoneSchema).max(20).optional(),
  address: addressSchema.optional(),
  gps: geoPointSchema.optional(),
  tagIds: z.array(idSchema).max(50).optional(),
  note: textSchema.optional(),
  ...ownershipShape,
  custom: customValuesSchema.optional(),
});
/** A company. */
export type Company = z.infer<typeof companySchema>;
