import { z } from 'zod';
import { idSchema, isoDateSchema, isoDateTimeSchema } from '../schema/common.js';

/** The occasions the daily greetings job knows. */
export const greetingOccasionSchema = z.enum(['birthday', 'founding_anniversary']);
/** A greeting's occasion. */
export type GreetingOccasion = z.infer<typeof greetingOccasionSchema>;

/**
 * The log of one greeting: which recipient, on which local date, for which occasion, and how it went. Its id
 * is `greeting:<date>:<entity>:<id>`, so a second run on the same day finds it and sends nothing twice (and two
 * runs at once collide on creating it: only one sends).
 */
export const greetingRecordSchema = z.object({
  date: isoDateSchema,
  occasion: greetingOccasionSchema,
  recipient: z.object({ entity: z.enum(['contact', 'company']), id: idSchema }),
  /** `sending` while the host's sender has it (a crash there leaves it, and it is not resent: at most once). */
  status: z.enum(['sending', 'sent', 'failed']),
  years: z.number().int().min(0).max(1000).optional(),
  subject: z.string().max(500).optional(),
  body: z.string().max(100_000).optional(),
  failureReason: z.string().max(2000).optional(),
  attempts: z.number().int().min(0).default(1),
  sentAt: isoDateTimeSchema.optional(),
  ownerId: idSchema.optional(),
  teamId: idSchema.optional(),
});
/** A greeting's log record. */
export type GreetingRecord = z.infer<typeof greetingRecordSchema>;
