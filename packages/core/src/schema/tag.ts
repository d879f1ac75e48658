import { z } from 'zod';
import { nameSchema } from './common.js';

/** A tag (Từ khóa) with its colour. */
export const tagSchema = z.object({
  name: nameSchema,
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1a2b3c').default('#6e7781'),
});
/** A tag. */
export type Tag = z.infer<typeof tagSchema>;
