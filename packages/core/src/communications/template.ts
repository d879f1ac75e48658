import type { z } from 'zod';
import { CrmValidationError, type CrmValidationIssue } from '../errors.js';

/** A placeholder found in a template: `{{ contact.fullName | upper }}`. */
export interface Placeholder {
  raw: string;
  /** The record kind it names (`contact`). */
  entity: string;
  /** The field path inside the record (`fullName`, `address.province`, `phones.0.number`). */
  path: string[];
  filters: string[];
}

/** The filters a placeholder may use. */
export const TEMPLATE_FILTERS = ['vnd', 'date', 'upper', 'lower'] as const;

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Every placeholder in a text, in order. */
export function placeholdersOf(text: string): Placeholder[] {
  return [...text.matchAll(PLACEHOLDER)].map((match) => {
    const [expression = '', ...filters] = match[1]!.split('|').map((part) => part.trim());
    const [entity = '', ...path] = expression.split('.');
    return { raw: match[0], entity, path, filters };
  });
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema as z.ZodType & { _zod: { def: { type: string; innerType?: z.ZodType; in?: z.ZodType } } };
  for (;;) {
    const def = current._zod.def;
    if ((def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'prefault' || def.type === 'readonly') && def.innerType) current = def.innerType as typeof current;
    else if (def.type === 'pipe' && def.in) current = def.in as typeof current;
    else return current;
  }
}

/** Whether `path` names a field of records parsed by `schema` (array elements by index). */
export function schemaHasPath(schema: z.ZodType, path: readonly string[]): boolean {
  let current = unwrap(schema);
  for (const segment of path) {
    const def = (current as unknown as { _zod: { def: { type: string; shape?: Record<string, z.ZodType>; element?: z.ZodType; catchall?: z.ZodType; valueType?: z.ZodType } } })._zod.def;
    if (def.type === 'object' && def.shape) {
      const next = def.shape[segment];
      if (!next) return false;
      current = unwrap(next);
    } else if (def.type === 'array' && def.element && /^\d+$/.test(segment)) {
      current = unwrap(def.element);
    } else if (def.type === 'record' && def.valueType) {
      current = unwrap(def.valueType);
    } else {
      return false;
    }
  }
  return true;
}

/**
 * Checks a template's placeholders against the record kind's schema: each must name the template's entity, a
 * field that exists, and known filters. A misspelt placeholder is refused here, at save time, naming the
 * template field (`body` or `subject`) and the placeholder.
 */
export function checkTemplatePlaceholders(texts: Readonly<Record<string, string | undefined>>, entity: string, schema: z.ZodType): void {
  const issues: CrmValidationIssue[] = [];
  for (const [field, text] of Object.entries(texts)) {
    if (!text) continue;
    for (const placeholder of placeholdersOf(text)) {
      if (placeholder.entity !== entity) {
        issues.push({ path: field, message: `${placeholder.raw}: placeholders of this template start with "${entity}."`, code: 'unknown_placeholder' });
      } else if (placeholder.path.length === 0 || !schemaHasPath(schema, placeholder.path)) {
        issues.push({ path: field, message: `${placeholder.raw}: ${entity} has no field "${placeholder.path.join('.')}"`, code: 'unknown_placeholder' });
      }
      for (const filter of placeholder.filters) {
        if (!(TEMPLATE_FILTERS as readonly string[]).includes(filter)) issues.push({ path: field, message: `${placeholder.raw}: unknown filter "${filter}" (known: ${TEMPLATE_FILTERS.join(', ')})`, code: 'unknown_filter' });
      }
    }
  }
  if (issues.length > 0) throw new CrmValidationError(issues, 'messageTemplate');
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);
}

function applyFilter(value: unknown, filter: string): unknown {
  switch (filter) {
    case 'vnd': {
      const amount = typeof value === 'object' && value !== null && 'amount' in value ? (value as { amount: unknown }).amount : value;
      return typeof amount === 'number' ? `${new Intl.NumberFormat('vi-VN').format(amount)} ₫` : value;
    }
    case 'date': {
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value)) return value;
      return `${value.slice(8, 10)}/${value.slice(5, 7)}/${value.slice(0, 4)}`;
    }
    case 'upper':
      return typeof value === 'string' ? value.toLocaleUpperCase('vi-VN') : value;
    case 'lower':
      return typeof value === 'string' ? value.toLocaleLowerCase('vi-VN') : value;
    default:
      return value;
  }
}

/**
 * Fills a template's placeholders from a record (`{{contact.fullName}}` reads the record's `fullName`: the
 * first segment names the kind of record). An absent value renders as an empty string (the field
 * exists — save time checked that — but this record has no value); HTML templates escape every value.
 */
export function renderTemplate(text: string, record: Readonly<Record<string, unknown>>, format: 'text' | 'html' = 'text'): string {
  return text.replace(PLACEHOLDER, (_raw, expression: string) => {
    const [path = '', ...filters] = expression.split('|').map((part) => part.trim());
    let value: unknown = record;
    for (const segment of path.split('.').slice(1)) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[segment] : undefined;
    for (const filter of filters) value = applyFilter(value, filter);
    const rendered = value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
    return format === 'html' ? escapeHtml(rendered) : rendered;
  });
}
