import { z } from 'zod';
import { customValuesSchema, isoDateSchema } from './common.js';
import { labelsSchema } from './enums.js';
import { failField, parseWith } from './validate.js';

/**
 * A user-defined custom field, declared in configuration (`createCrm({ customFields })`): which entity it
 * extends, its key and labels, its type and constraints. Values live in the record's `custom` object and are
 * validated like built-in fields, with paths such as `custom.budgetCode`.
 */
export const customFieldDefinitionSchema = z.object({
  /** The key in `custom`; an identifier so it is safe as an object key, a column name and a form field name. */
  key: z.string().regex(/^[a-z][a-zA-Z0-9_]{0,63}$/, 'must start with a lower-case letter and hold only letters, digits and _ (at most 64)'),
  /** The storage name of the entity it extends (`lead`, `contact`, `company`, `opportunity`, `case`, `rawContact`). */
  entity: z.string().min(1, 'is required'),
  label: labelsSchema,
  type: z.enum(['text', 'number', 'date', 'boolean', 'choice']),
  required: z.boolean().default(false),
  /** The allowed values of a choice field. */
  options: z.array(z.string().min(1).max(200)).max(500).optional(),
  /** Bounds of a number field. */
  min: z.number().optional(),
  max: z.number().optional(),
  /** The longest value of a text field. */
  maxLength: z.number().int().min(1).max(20_000).optional(),
});
/** A custom field definition as a host declares it (defaults not yet filled in). */
export type CustomFieldDefinition = z.input<typeof customFieldDefinitionSchema>;

/**
 * The definition's cross-field rules, for `customFieldDefinitionSchema.superRefine(refineCustomFieldDefinition)`:
 * a choice needs something to choose from, and bounds must not be reversed.
 */
export function refineCustomFieldDefinition(
  field: { type?: string | undefined; options?: readonly string[] | undefined; min?: number | undefined; max?: number | undefined },
  ctx: z.RefinementCtx,
): void {
  if (field.type === 'choice' && (!field.options || field.options.length === 0)) {
    ctx.addIssue({ code: 'custom', path: ['options'], message: 'a choice field needs options' });
  }
  if (field.options && new Set(field.options).size !== field.options.length) {
    ctx.addIssue({ code: 'custom', path: ['options'], message: 'must not repeat an option' });
  }
  if (field.min !== undefined && field.max !== undefined && field.max < field.min) {
    ctx.addIssue({ code: 'custom', path: ['max'], message: 'must not be below min' });
  }
}

const checkedDefinitionSchema = customFieldDefinitionSchema.superRefine(refineCustomFieldDefinition);

function valueSchema(field: z.output<typeof customFieldDefinitionSchema>): z.ZodType {
  switch (field.type) {
    case 'text': {
      const limit = field.maxLength ?? 20_000;
      const text = z.string().trim().max(limit, `must be at most ${limit} characters`);
      // a required text left blank in a form arrives as '', which is not an answer
      return field.required ? text.min(1, 'is required') : text;
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
    case 'choice': {
      const options = field.options ?? [];
      return z.enum(options as [string, ...string[]], { message: `must be one of: ${options.join(', ')}` });
    }
  }
}

/**
 * The schema of a record's `custom` object for one entity's definitions: declared keys only (an unknown key is
 * refused, so a typo does not store data nobody sees), required ones enforced, each value checked against its
 * type. Throws a `CrmValidationError` for a bad definition or a key declared twice.
 */
export function buildCustomFieldsSchema(definitions: readonly CustomFieldDefinition[]): z.ZodObject<Record<string, z.ZodType>, z.core.$strict> {
  const shape: Record<string, z.ZodType> = {};
  for (const input of definitions) {
    const field = parseWith(checkedDefinitionSchema, input, 'customField');
    if (field.key in shape) failField('key', `"${field.key}" is declared twice`, 'duplicate_key', 'customField');
    const schema = valueSchema(field);
    shape[field.key] = field.required ? schema : schema.optional();
  }
  return z.strictObject(shape);
}

/**
 * An entity schema whose `custom` object is validated against the definitions, so issues come out as
 * `custom.<key>`. A record without `custom` is refused when a definition is required. Refinements already on
 * the entity schema are kept.
 */
export function withCustomFields<Shape extends z.ZodRawShape>(schema: z.ZodObject<Shape>, definitions: readonly CustomFieldDefinition[]): z.ZodObject<WithCustomShape<Shape>> {
  const custom = buildCustomFieldsSchema(definitions);
  const anyRequired = definitions.some((field) => field.required === true);
  return (schema as z.ZodObject).safeExtend({ custom: anyRequired ? custom : custom.optional() }) as unknown as z.ZodObject<WithCustomShape<Shape>>;
}

/**
 * An entity's shape with its `custom` object validated by configuration. Statically the values stay
 * `Record<string, unknown>`: the definitions are only known at run time.
 */
export type WithCustomShape<Shape extends z.ZodRawShape> = Omit<Shape, 'custom'> & { custom: z.ZodOptional<typeof customValuesSchema> };
