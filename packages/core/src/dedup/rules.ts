import { z } from 'zod';
import { parseWith } from '../schema/validate.js';

/**
 * What a duplicate-detection field holds, which decides how it is normalised and compared:
 * - `personName`: Vietnamese or Western person name (diacritics, case, word order and middle names folded)
 * - `phone`: E.164 after the 2018 Vietnamese renumbering
 * - `email`: lower-cased, Gmail dots and plus folded (unless `foldGmail: false`)
 * - `companyName`: folded with legal-form words (Công ty TNHH, JSC, …) removed
 * - `date`: an ISO date (`yyyy-mm-dd`); `dd/mm/yyyy` is read too
 * - `text`: folded words (no diacritics, case or punctuation)
 * - `exact`: trimmed, otherwise as typed (codes, tax numbers)
 */
export const dedupFieldKindSchema = z.enum(['personName', 'phone', 'email', 'companyName', 'date', 'text', 'exact']);
/** See {@link dedupFieldKindSchema}. */
export type DedupFieldKind = z.infer<typeof dedupFieldKindSchema>;

/** A field duplicate rules can use, and how to read it. */
export const dedupFieldDefinitionSchema = z.object({
  kind: dedupFieldKindSchema,
  /** For `email` fields: fold Gmail dot and plus aliases (default true). */
  foldGmail: z.boolean().optional(),
});
/** See {@link dedupFieldDefinitionSchema}. */
export type DedupFieldDefinition = z.infer<typeof dedupFieldDefinitionSchema>;

/** What a save does when a rule matches: `warn` saves and returns the matches, `block` refuses the save. */
export const dedupActionSchema = z.enum(['warn', 'block']);
/** See {@link dedupActionSchema}. */
export type DedupAction = z.infer<typeof dedupActionSchema>;

/** One field of a rule: how it must match. */
export const dedupRuleFieldSchema = z.object({
  /** The field's name in the settings' `fields`. */
  field: z.string().min(1, 'is required'),
  /** `exact` after normalisation, or `fuzzy` at or above `threshold`. */
  match: z.enum(['exact', 'fuzzy']).default('exact'),
  /** For fuzzy fields: the least similarity (0–1) that counts as a match. */
  threshold: z.number().gt(0, 'must be above 0').max(1, 'must be at most 1').default(0.88),
  /** For fuzzy fields: the string similarity used (person names always also use their structure). */
  algorithm: z.enum(['jaro-winkler', 'damerau-levenshtein']).default('jaro-winkler'),
  /**
   * When a value is blank on either side: `no-match` (default — "no phone" is not the same phone) or
   * `ignore` (the field drops out and the rule's other fields decide).
   */
  ifBlank: z.enum(['no-match', 'ignore']).default('no-match'),
});
/** See {@link dedupRuleFieldSchema}. */
export type DedupRuleField = z.output<typeof dedupRuleFieldSchema>;
/** A rule field as written in configuration, defaults not yet applied. */
export type DedupRuleFieldInput = z.input<typeof dedupRuleFieldSchema>;

/** A duplicate rule: every field must match; the rules of an entity combine with OR. */
export const dedupRuleSchema = z.object({
  /** A stable id, reported with every match (e.g. `phone`, `name-birthday`). */
  id: z.string().min(1, 'is required').max(64, 'must be at most 64 characters'),
  /** Human text for the rule, shown with a match. */
  label: z.string().max(200).optional(),
  fields: z.array(dedupRuleFieldSchema).min(1, 'a rule needs at least one field').max(8, 'a rule may have at most 8 fields'),
  /** What a save of a new record does on a match. */
  onCreate: dedupActionSchema.default('warn'),
  /** What a save of an edited record does on a match. */
  onEdit: dedupActionSchema.default('warn'),
  /** A disabled rule is kept in the configuration but never matches. */
  enabled: z.boolean().default(true),
});
/** See {@link dedupRuleSchema}. */
export type DedupRule = z.output<typeof dedupRuleSchema>;
/** A rule as written in configuration, defaults not yet applied. */
export type DedupRuleInput = z.input<typeof dedupRuleSchema>;

/** The duplicate settings of one entity: its fields and its rules. */
export const dedupSettingsSchema = z
  .object({
    fields: z.record(z.string().min(1), dedupFieldDefinitionSchema),
    rules: z.array(dedupRuleSchema).max(32, 'at most 32 rules'),
  })
  .superRefine((settings, ctx) => {
    const seen = new Set<string>();
    settings.rules.forEach((rule, r) => {
      if (seen.has(rule.id)) ctx.addIssue({ code: 'custom', path: ['rules', r, 'id'], message: `duplicates the id of another rule (${rule.id})` });
      seen.add(rule.id);
      const used = new Set<string>();
      rule.fields.forEach((field, f) => {
        if (!(field.field in settings.fields)) {
          ctx.addIssue({ code: 'custom', path: ['rules', r, 'fields', f, 'field'], message: `is not a declared field (${field.field}); declared: ${Object.keys(settings.fields).join(', ')}` });
        }
        if (used.has(field.field)) ctx.addIssue({ code: 'custom', path: ['rules', r, 'fields', f, 'field'], message: `appears twice in the rule (${field.field})` });
        used.add(field.field);
      });
      if (rule.fields.every((field) => field.ifBlank === 'ignore')) {
        ctx.addIssue({ code: 'custom', path: ['rules', r, 'fields'], message: 'at least one field must refuse blanks, or blank records would all match' });
      }
    });
  });
/** See {@link dedupSettingsSchema}. */
export type DedupSettings = z.output<typeof dedupSettingsSchema>;
/** Duplicate settings as written in configuration, defaults not yet applied. */
export type DedupSettingsInput = z.input<typeof dedupSettingsSchema>;

/**
 * Parses duplicate settings from configuration, applying defaults. A bad configuration throws a
 * `CrmValidationError` naming the field (e.g. `rules.1.fields.0.threshold: must be at most 1`).
 */
export function parseDedupSettings(input: unknown): DedupSettings {
  return parseWith(dedupSettingsSchema, input, 'duplicate settings');
}
