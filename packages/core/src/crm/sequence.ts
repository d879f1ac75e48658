import { z } from 'zod';

/**
 * A document-number counter (quotes, orders, contracts): the next number and how to format it. Bumping it in
 * the same commit as the document keeps numbers unique without gaps under concurrency (a stale revision is a
 * conflict and the caller retries).
 */
export const sequenceSchema = z.object({
  name: z.string().min(1).max(100),
  prefix: z.string().max(30).default(''),
  padding: z.number().int().min(1).max(12).default(5),
  next: z.number().int().min(1).default(1),
});
/** A document-number counter. */
export type Sequence = z.infer<typeof sequenceSchema>;
