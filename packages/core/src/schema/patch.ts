import { z } from 'zod';

/**
 * The shape of a patch schema made from an entity's shape: each field optional, and without the default the
 * whole-record schema would fill in.
 */
export type PatchShape<Shape extends z.ZodRawShape> = {
  [K in keyof Shape]: Shape[K] extends z.ZodDefault<infer Inner> ? z.ZodOptional<Inner> : z.ZodOptional<Shape[K]>;
};

/**
 * The schema of a patch to an entity: every field optional and no default filled in. zod 4's `.partial()`
 * still applies `.default(...)`s, so `leadSchema.partial().parse({ title })` would come back with
 * `status: 'open'` and, merged onto a converted lead, silently reopen it. Nested objects given in a patch are
 * whole values and keep their own defaults.
 */
export function patchSchemaOf<Shape extends z.ZodRawShape>(schema: z.ZodObject<Shape>): z.ZodObject<PatchShape<Shape>> {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(schema.shape) as [string, z.ZodType][]) {
    shape[key] = (field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : field).optional();
  }
  // extending (not z.object) keeps the entity's own handling of unknown keys
  return (schema as z.ZodObject).safeExtend(shape as never) as unknown as z.ZodObject<PatchShape<Shape>>;
}
