import { z } from 'zod';
import type { PERSON_IMPORT_TARGETS } from './column-mapping.js';
import { addressSchema, emailSchema, isoDateSchema, nameSchema, phoneSchema, textSchema } from '../schema/common.js';

/**
 * A row schema for people matching {@link PERSON_IMPORT_TARGETS}' paths, for hosts that import into a
 * shape of their own; crmkit's services pass the entity's schema instead. Unknown columns are dropped.
 */
export const personImportSchema = z.object({
  fullName: nameSchema,
  phone: phoneSchema.optional(),
  email: emailSchema.optional(),
  birthday: isoDateSchema.optional(),
  gender: z.string().max(20).optional(),
  companyName: z.string().trim().max(200).optional(),
  jobTitle: z.string().trim().max(200).optional(),
  address: addressSchema.optional(),
  taxCode: z.string().trim().max(20).optional(),
  source: z.string().trim().max(100).optional(),
  note: textSchema.optional(),
});
/** A person as read from an import row by {@link personImportSchema}. */
export type PersonImportRow = z.output<typeof personImportSchema>;
