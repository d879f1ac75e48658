import { z } from 'zod';
import { isoDateSchema } from './common.js';
import { labelsSchema } from './enums.js';

/**
 * A user-defined custom field, declared in configuration (`createCrm({ customFields })`): which entity it
 * extends, its key and labels, its type and constraints. Values live in the record's `custom` object and are
 * validated like built-in fields, with paths such as `custom.budgetCode`.
 */
export const customFieldDefinitionSchema = z
  .object({
    key: z.string().regex(/^[a-z][a-zA-Z0-9_]{0,63}$/, 'must start with a lower-case letter and hold only letters, digits and _'),
    entity: z.string().min(1),
    label: labelsSchema,
    type: z.enum(['text', 'number', 'date', 'boolean', 'choice']),
    required: z.boolean().default(false),
    options: z.array(z.string().min(1).max(200)).max(500).optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    maxLength: z.number().int().min(1).max(20_000).optional(),
  })
  .superRefine((field, ctx) => {
    if (field.type === 'choice' && (!field.options || field.options.length === 0)) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'a choice field needs options' });
    }
    if (field.min !== undefined && field.max !== undefined && field.max < field.min) {
      ctx.addIssue({ code: 'custom', path: ['max'], message: 'must not be below min' });
    }
  });
/** A custom field definition. */
export type CustomFieldDefinition = z.input<typeof customFieldDefinitionSchema>;

function valueSchema(field: z.output<typeof customFieldDefinitionSchema>): z.ZodType {
  switch (field.type) {
    case 'text': {
      const text = z.string().trim();
      return field.maxLength === undefined ? text.max(20_000) : text.max(field.maxLength, `must be at most ${field.maxLength} characters`);
    }
    case 'number': {
      let number = z.number();
      if (field.min !== undefined) number = number.min(field.min, `must be at least ${field.min}`);
      if (field.max !== undefined) number = number.max(field.max, `must be at most ${field.max}`);
      return number;
    }
    case 'date':
      return isoDateSchema;
    case 'boolean':
      return z.boolean();
    case 'choice':
      return z.enum(field.options as [string, ...string[]], { message: `must be one of: ${(field.options ?? []).join(', ')}` });
  }
}

/**
 * The schema of a record's `custom` object for the given definitions: declared keys only, required ones
 * enforced, each value checked against its type.
 */
export function buildCustomFieldsSchema(definitions: readonly CustomFieldDefinition[]): z.ZodType {
  const shape: Record<string, z.ZodType> = {};
  for (const input of definitions) {
    const field = customFieldDefinitionSchema.parse(input);
    const schema = valueSchema(field);
    shape[field.key] = field.required ? schema : schema.optional();
  }
  return z.strictObject(shape);
}

/**
 * An entity schema whose `custom` object is validated against the definitions. A record without `custom`
 * is refused when a definition is required.
 */
export function withCustomFields<S extends z.ZodObject>(schema: S, definitions: readonly CustomFieldDefinition[]): z.ZodType {
  const custom = buildCustomFieldsSchema(definitions);
  const anyRequired = definitions.some((field) => field.required);
  return schema.safeExtend({ custom: anyRequired ? custom : custom.optional() });
}
