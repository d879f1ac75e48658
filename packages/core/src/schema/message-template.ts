import { z } from 'zod';
import { nameSchema } from './common.js';

/**
 * A message template (e-mail, SMS, Zalo text) for one kind of record, with placeholders such as
 * `{{contact.fullName}}` or `{{opportunity.expectedRevenue.amount | vnd}}`. Placeholders are checked against the
 * record's fields when the template is saved, so a misspelt one never reaches a customer as a blank.
 */
export const messageTemplateSchema = z.object({
  name: nameSchema,
  channel: z.enum(['email', 'sms', 'zalo']),
  /** The kind of record the placeholders read from. */
  entity: z.enum(['contact', 'lead', 'company', 'opportunity']),
  subject: z.string().max(500).optional(),
  body: z.string().min(1, 'is required').max(100_000),
  /** HTML e-mails escape every value; text templates leave them as they are. */
  format: z.enum(['text', 'html']).default('text'),
  active: z.boolean().default(true),
});
/** A message template. */
export type MessageTemplate = z.infer<typeof messageTemplateSchema>;
