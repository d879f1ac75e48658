import type { DedupRecord, DedupValue } from './dedup-record.js';
import { normalizeCompanyName } from './normalize-company.js';
import { normalizeEmail } from './normalize-email.js';
import { normalizePersonName, type NormalizedPersonName } from './normalize-name.js';
import { normalizePhone } from './normalize-phone.js';
import { foldToWords } from './normalize-text.js';
import type { DedupFieldDefinition, DedupSettings } from './rules.js';

/** One normalised value of a field: its comparison string and, for person names, the name's parts. */
export interface PreparedValue {
  /** The value as given. */
  raw: string;
  /** The comparison form (E.164 phone, folded e-mail, sorted name tokens, …). */
  key: string;
  /** Person names only: surname, middle, given name. */
  name?: NormalizedPersonName;
  /** Hash of `key`, cached by blocking. */
  hash?: number;
}

/** A record with every duplicate field normalised once, ready for many comparisons. */
export interface PreparedRecord {
  id: string;
  /** Normalised values by field; a blank field has an empty array. */
  fields: Readonly<Record<string, readonly PreparedValue[]>>;
  /** Blocking keys, cached by `DedupMatcher.blockingKeys` for the settings in `keysFor`. */
  keys?: number[];
  /** The settings `keys` were computed for. */
  keysFor?: DedupSettings;
}

/**
 * Reads a date as typed in Vietnam or in ISO form and returns `yyyy-mm-dd`: `1985-12-10`, `10/12/1985`,
 * `10-12-1985`, `10.12.1985` (day first, as Vietnamese write dates), and year first `1985/12/10`,
 * `1985.12.10`. Anything else is folded text.
 */
export function normalizeDate(value: string): string | null {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(trimmed);
  if (m) return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  m = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/.exec(trimmed);
  if (m) return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  m = /^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$/.exec(trimmed);
  if (m) return `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(trimmed);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  return foldToWords(trimmed) || null;
}

/**
 * A prepared value with every property the hot path reads or caches laid out from the start: one object
 * shape for all values (no shape change when blocking caches a hash on it, no property store allocated).
 */
function value(raw: string, key: string, name?: NormalizedPersonName): PreparedValue {
  return { raw, key, name, hash: undefined, fuzzyKind: undefined, fuzzyFine: undefined, fuzzyCoarse: undefined } as PreparedValue;
}

const GMAIL_FOLD = { foldGmail: true };
const NO_GMAIL_FOLD = { foldGmail: false };

/** Normalises one raw value of a field of the given kind; null when blank or unreadable. */
export function prepareValue(raw: string, definition: DedupFieldDefinition): PreparedValue | null {
  switch (definition.kind) {
    case 'personName': {
      const name = normalizePersonName(raw);
      return name === null ? null : value(raw, name.sortedKey, name);
    }
    case 'phone': {
      const key = normalizePhone(raw);
      return key === null ? null : value(raw, key);
    }
    case 'email': {
      const key = normalizeEmail(raw, definition.foldGmail ?? true ? GMAIL_FOLD : NO_GMAIL_FOLD);
      return key === null ? null : value(raw, key);
    }
    case 'companyName': {
      const key = normalizeCompanyName(raw);
      return key === null ? null : value(raw, key);
    }
    case 'date': {
      const key = normalizeDate(raw);
      return key === null ? null : value(raw, key);
    }
    case 'text': {
      const key = foldToWords(raw);
      return key === '' ? null : value(raw, key);
    }
    case 'exact': {
      const key = raw.trim();
      return key === '' ? null : value(raw, key);
    }
  }
}

const NONE: readonly PreparedValue[] = [];

/**
 * Remembers normalised values per distinct raw string of one field: names, streets, districts and dates
 * repeat a lot in a customer base, and a repeated value then costs one map lookup. Bounded: it starts over
 * when full, so a million distinct e-mails cannot grow it without limit.
 */
export class PreparedValueCache {
  private readonly byField = new Map<DedupFieldDefinition, Map<string, readonly PreparedValue[]>>();
  constructor(private readonly capacity = 50_000) {}

  /** The prepared values of a single `raw` value for a field (shared, read-only), computed once per string. */
  get(raw: string, definition: DedupFieldDefinition): readonly PreparedValue[] {
    let cache = this.byField.get(definition);
    if (cache === undefined) this.byField.set(definition, (cache = new Map()));
    let values = cache.get(raw);
    if (values === undefined) {
      const one = prepareValue(raw, definition);
      values = one === null ? NONE : [one];
      if (cache.size >= this.capacity) cache.clear();
      cache.set(raw, values);
    }
    return values;
  }
}

/** Field kinds whose values repeat across records (worth caching); phones and e-mails are mostly unique. */
const REPEATING = new Set(['personName', 'text', 'date', 'companyName']);

function prepareOne(raw: string, definition: DedupFieldDefinition, cache: PreparedValueCache | undefined): PreparedValue | null {
  if (cache !== undefined && REPEATING.has(definition.kind)) return cache.get(raw, definition)[0] ?? null;
  return prepareValue(raw, definition);
}

function prepareField(value: DedupValue, definition: DedupFieldDefinition, cache?: PreparedValueCache): readonly PreparedValue[] {
  if (value === null || value === undefined) return NONE;
  if (typeof value === 'string' || typeof value === 'number') {
    const raw = String(value);
    if (cache !== undefined && REPEATING.has(definition.kind)) return cache.get(raw, definition);
    const one = prepareValue(raw, definition);
    return one === null ? NONE : [one];
  }
  const out: PreparedValue[] = [];
  for (const item of value) {
    if (item === null || item === undefined) continue;
    const one = prepareOne(String(item), definition, cache);
    if (one !== null && !out.some((existing) => existing.key === one.key)) out.push(one);
  }
  return out;
}

// settings are few and long-lived: their fields are listed once (no for-in per record)
const fieldLists = new WeakMap<object, readonly (readonly [string, DedupFieldDefinition])[]>();

function fieldListOf(fields: DedupSettings['fields']): readonly (readonly [string, DedupFieldDefinition])[] {
  let list = fieldLists.get(fields);
  if (list === undefined) {
    list = Object.keys(fields).map((field) => [field, fields[field]!] as const);
    fieldLists.set(fields, list);
  }
  return list;
}

/** Normalises every field of a record the settings declare; undeclared values are ignored. */
export function prepareRecord(record: DedupRecord, settings: Pick<DedupSettings, 'fields'>, cache?: PreparedValueCache): PreparedRecord {
  const fields: Record<string, readonly PreparedValue[]> = {};
  const list = fieldListOf(settings.fields);
  const values = record.values;
  for (let f = 0; f < list.length; f++) {
    const [field, definition] = list[f]!;
    fields[field] = prepareField(values[field], definition, cache);
  }
  return { id: record.id, fields, keys: undefined, keysFor: undefined };
}
