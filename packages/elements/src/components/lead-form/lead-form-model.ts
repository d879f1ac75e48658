import type { CustomFieldDefinition } from '@crmkit/core';

/** The groups of the lead form, in display order (each a fieldset with a legend). */
export const LEAD_FORM_GROUPS = ['lead', 'contact', 'address', 'tags', 'assignment', 'tracking', 'bant', 'custom'] as const;
/** A group of the lead form. */
export type LeadFormGroup = (typeof LEAD_FORM_GROUPS)[number];

/** How a field is edited. */
export type LeadFieldKind =
  | 'text'
  | 'email'
  | 'tel'
  | 'textarea'
  | 'lines'
  | 'money'
  | 'percent'
  | 'priority'
  | 'tags'
  | 'user'
  | 'team'
  | 'channel'
  | 'bant'
  | 'custom';

/** One field of the form: the record path it edits, how, and where it is shown. */
export interface LeadFieldSpec {
  /** The dotted record path, as validation issues name it (`phones.mobile`, `custom.budgetCode`). */
  path: string;
  kind: LeadFieldKind;
  group: LeadFormGroup;
  required: boolean;
  /** The definition of a custom field. */
  custom?: CustomFieldDefinition;
}

/** The channels a lead may come from (the core's `leadChannelSchema`). */
export const LEAD_CHANNELS = ['phone', 'email', 'website', 'landing_page', 'facebook', 'zalo', 'event', 'walk_in', 'referral', 'other'] as const;

/** The BANT questions, in their usual order. */
export const BANT_KEYS = ['budget', 'authority', 'need', 'timeline'] as const;

/** The form's values, keyed by path: text as typed, booleans of checkboxes, ids of chosen tags. */
export type LeadFormValues = Record<string, string | boolean | string[]>;

const BUILT_IN: ReadonlyArray<Omit<LeadFieldSpec, 'required'> & { required?: boolean }> = [
  { path: 'title', kind: 'text', group: 'lead', required: true },
  { path: 'need', kind: 'textarea', group: 'lead' },
  { path: 'expectedRevenue.amount', kind: 'money', group: 'lead' },
  { path: 'probability', kind: 'percent', group: 'lead' },
  { path: 'priority', kind: 'priority', group: 'lead' },
  { path: 'note', kind: 'textarea', group: 'lead' },
  { path: 'contactName', kind: 'text', group: 'contact' },
  { path: 'jobTitle', kind: 'text', group: 'contact' },
  { path: 'companyName', kind: 'text', group: 'contact' },
  { path: 'email', kind: 'email', group: 'contact' },
  { path: 'phones.mobile', kind: 'tel', group: 'contact' },
  { path: 'phones.desk', kind: 'tel', group: 'contact' },
  { path: 'address.province', kind: 'text', group: 'address' },
  { path: 'address.district', kind: 'text', group: 'address' },
  { path: 'address.ward', kind: 'text', group: 'address' },
  { path: 'address.street', kind: 'text', group: 'address' },
  { path: 'address.houseNumber', kind: 'text', group: 'address' },
  { path: 'address.lines', kind: 'lines', group: 'address' },
  { path: 'tagIds', kind: 'tags', group: 'tags' },
  { path: 'salespersonId', kind: 'user', group: 'assignment' },
  { path: 'salesTeamId', kind: 'team', group: 'assignment' },
  { path: 'teamLeaderId', kind: 'user', group: 'assignment' },
  { path: 'regionalManagerId', kind: 'user', group: 'assignment' },
  { path: 'salesRegion', kind: 'text', group: 'assignment' },
  { path: 'channel', kind: 'channel', group: 'tracking' },
  { path: 'campaign', kind: 'text', group: 'tracking' },
  { path: 'medium', kind: 'text', group: 'tracking' },
  { path: 'source', kind: 'text', group: 'tracking' },
  { path: 'referredBy', kind: 'text', group: 'tracking' },
  ...BANT_KEYS.map((key) => ({ path: `bant.${key}`, kind: 'bant' as const, group: 'bant' as const })),
];

/** The top-level record fields the form edits; an update sends each of them (cleared ones as undefined). */
const MANAGED_TOP = [...new Set(BUILT_IN.map((spec) => spec.path.split('.')[0]!)), 'custom'];

/** The fields of the form: the built-in lead fields, then the host's custom fields for leads. */
export function leadFieldSpecs(customFields: readonly CustomFieldDefinition[] = []): LeadFieldSpec[] {
  const specs: LeadFieldSpec[] = BUILT_IN.map((spec) => ({ ...spec, required: spec.required ?? false }));
  for (const field of customFields) {
    if (field.entity !== 'lead') continue;
    specs.push({ path: `custom.${field.key}`, kind: 'custom', group: 'custom', required: field.required ?? false, custom: field });
  }
  return specs;
}

/** The values of an empty form. */
export function emptyValues(specs: readonly LeadFieldSpec[]): LeadFormValues {
  const values: LeadFormValues = {};
  for (const spec of specs) {
    if (spec.kind === 'tags') values[spec.path] = [];
    else if (spec.kind === 'priority') values[spec.path] = '0';
    else if (spec.kind === 'bant') {
      values[`${spec.path}.answer`] = '';
      values[`${spec.path}.confirmed`] = false;
    } else if (spec.kind === 'custom' && spec.custom?.type === 'boolean') values[spec.path] = false;
    else values[spec.path] = '';
  }
  return values;
}

function read(record: Readonly<Record<string, unknown>>, path: string): unknown {
  let node: unknown = record;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

function write(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    if (typeof node[part] !== 'object' || node[part] === null) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]!] = value;
}

/** The form's values for a stored lead. */
export function valuesFromRecord(specs: readonly LeadFieldSpec[], record: Readonly<Record<string, unknown>>): LeadFormValues {
  const values = emptyValues(specs);
  for (const spec of specs) {
    const value = read(record, spec.path);
    if (spec.kind === 'bant') {
      values[`${spec.path}.answer`] = String(read(record, `${spec.path}.answer`) ?? '');
      values[`${spec.path}.confirmed`] = read(record, `${spec.path}.confirmed`) === true;
    } else if (value === undefined || value === null) continue;
    else if (spec.kind === 'tags') values[spec.path] = Array.isArray(value) ? value.map(String) : [];
    else if (spec.kind === 'lines') values[spec.path] = Array.isArray(value) ? value.join('\n') : String(value);
    else if (spec.kind === 'custom' && spec.custom?.type === 'boolean') values[spec.path] = value === true;
    else values[spec.path] = String(value);
  }
  return values;
}

function numberOrText(text: string): number | string {
  // A number field the browser could not read arrives as text: let the schema name the problem.
  const number = Number(text);
  return Number.isNaN(number) ? text : number;
}

/**
 * The lead input the form's values describe: blanks left out, numbers as numbers, the revenue as an integer
 * amount of VND (or the stored currency when editing).
 */
export function inputFromValues(specs: readonly LeadFieldSpec[], values: LeadFormValues, currency = 'VND'): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const spec of specs) {
    const value = values[spec.path];
    const text = typeof value === 'string' ? value.trim() : '';
    switch (spec.kind) {
      case 'tags':
        if (Array.isArray(value) && value.length > 0) input['tagIds'] = [...value];
        break;
      case 'lines': {
        const lines = text.split('\n').map((line) => line.trim()).filter((line) => line !== '');
        if (lines.length > 0) write(input, spec.path, lines);
        break;
      }
      case 'money':
        if (text !== '') write(input, 'expectedRevenue', { amount: Number(text.replace(/\D/g, '')), currency });
        break;
      case 'percent':
      case 'priority':
        if (text !== '') write(input, spec.path, numberOrText(text));
        break;
      case 'bant': {
        const answer = String(values[`${spec.path}.answer`] ?? '').trim();
        const confirmed = values[`${spec.path}.confirmed`] === true;
        if (answer !== '' || confirmed) write(input, spec.path, answer === '' ? { confirmed } : { answer, confirmed });
        break;
      }
      case 'custom': {
        const type = spec.custom?.type;
        if (type === 'boolean') write(input, spec.path, value === true);
        else if (text === '') break;
        else if (type === 'number') write(input, spec.path, numberOrText(text));
        else write(input, spec.path, text);
        break;
      }
      default:
        if (text !== '') write(input, spec.path, text);
    }
  }
  return input;
}

/**
 * The patch that turns `record` into what the form shows: every top-level field the form edits (a cleared one
 * as undefined, which removes it), with parts of nested objects the form does not show kept as stored (an
 * address's country, a custom value of a field no longer configured).
 */
export function patchFromValues(specs: readonly LeadFieldSpec[], values: LeadFormValues, record: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const currency = (read(record, 'expectedRevenue.currency') as string | undefined) ?? 'VND';
  const input = inputFromValues(specs, values, currency);
  const patch: Record<string, unknown> = {};
  for (const key of MANAGED_TOP) {
    const next = input[key];
    const stored = record[key];
    const shown = new Set(specs.filter((spec) => spec.path.startsWith(`${key}.`)).map((spec) => spec.path.slice(key.length + 1)));
    if (key !== 'expectedRevenue' && stored && typeof stored === 'object' && !Array.isArray(stored) && shown.size > 0) {
      const kept = Object.fromEntries(Object.entries(stored).filter(([part]) => !shown.has(part)));
      const merged = { ...kept, ...((next as Record<string, unknown> | undefined) ?? {}) };
      patch[key] = Object.keys(merged).length > 0 ? merged : undefined;
    } else {
      patch[key] = next;
    }
  }
  return patch;
}

/** A record merged with a patch the way the service merges it (undefined removes a field). */
export function mergeForCheck(record: Readonly<Record<string, unknown>>, patch: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...record, ...patch };
  for (const [key, value] of Object.entries(merged)) if (value === undefined) delete merged[key];
  return merged;
}

/** Digits with the language's thousands separator (1.250.000 in Vietnamese, 1,250,000 in English). */
export function groupDigits(digits: string, language: 'vi' | 'en'): string {
  const clean = digits.replace(/\D/g, '').replace(/^0+(?=\d)/, '');
  if (clean === '') return '';
  return BigInt(clean).toLocaleString(language === 'vi' ? 'vi-VN' : 'en-US');
}

/** The caret position in `formatted` that leaves `digitsAfter` digits to its right. */
export function caretForDigitsAfter(formatted: string, digitsAfter: number): number {
  let seen = 0;
  for (let i = formatted.length; i > 0; i--) {
    if (seen === digitsAfter) return i;
    if (/\d/.test(formatted[i - 1]!)) seen++;
  }
  return 0;
}

/**
 * The field an issue belongs to: the spec with the issue's path, else the nearest enclosing one (an issue at
 * `expectedRevenue.currency` is shown at the revenue field, `bant.budget.answer` at the budget question).
 */
export function fieldForIssue(specs: readonly LeadFieldSpec[], path: string): LeadFieldSpec | undefined {
  const candidates = [path];
  if (path.startsWith('expectedRevenue')) candidates.push('expectedRevenue.amount');
  if (/^tagIds\.\d+$/.test(path)) candidates.push('tagIds');
  const parts = path.split('.');
  for (let i = parts.length - 1; i > 0; i--) candidates.push(parts.slice(0, i).join('.'));
  for (const candidate of candidates) {
    const found = specs.find((spec) => spec.path === candidate);
    if (found) return found;
  }
  return undefined;
}
