/** A value a duplicate field may hold: one value, several (phones, e-mails) or nothing. */
export type DedupValue = string | number | null | undefined | readonly (string | number | null | undefined)[];

/**
 * A record as duplicate detection sees it: its id and its values under the field names of the settings
 * (`name`, `phone`, `email`, …). Build one from an entity record with `projectRecord` and a field map.
 */
export interface DedupRecord {
  /** The record's id; matches name it. */
  id: string;
  /** Values by duplicate field name. */
  values: Readonly<Record<string, DedupValue>>;
}

/**
 * Where each duplicate field's values come from in an entity record: one dotted path or several
 * (`phone: ['phone', 'mobile', 'phones']`). Arrays found on a path contribute every element; an element that
 * is an object contributes its `number` or `value` property (so a contact's `phones: [{ number, kind }]` and
 * `phones: [{ label, value }]` work too).
 */
export type DedupFieldMap = Readonly<Record<string, string | readonly string[]>>;

function readPath(record: unknown, parts: readonly string[]): unknown {
  let current: unknown = record;
  for (let p = 0; p < parts.length; p++) {
    if (current === null || current === undefined || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[parts[p]!];
  }
  return current;
}

function collect(value: unknown, into: (string | number)[]): void {
  if (value === null || value === undefined) return;
  if (typeof value === 'string' || typeof value === 'number') into.push(value);
  else if (Array.isArray(value)) for (const item of value) collect(item, into);
  else if (typeof value === 'object') {
    if ('number' in value) collect((value as { number: unknown }).number, into);
    else if ('value' in value) collect((value as { value: unknown }).value, into);
  }
}

// field maps are few and long-lived: their paths are split once
const compiledMaps = new WeakMap<DedupFieldMap, [string, string[][]][]>();

function compile(fieldMap: DedupFieldMap): [string, string[][]][] {
  let compiled = compiledMaps.get(fieldMap);
  if (compiled === undefined) {
    compiled = Object.entries(fieldMap).map(([field, paths]) => [field, (typeof paths === 'string' ? [paths] : paths).map((path) => path.split('.'))]);
    compiledMaps.set(fieldMap, compiled);
  }
  return compiled;
}

/**
 * `fieldMap` cut down to the duplicate fields in `fields` (an index's `matcher.usedSettings.fields`):
 * projecting a record for one index then reads only what its rules compare. Remembered per pair, since a
 * caller projecting many records passes the same two objects each time.
 */
export function fieldMapFor(fieldMap: DedupFieldMap, fields: Readonly<Record<string, unknown>>): DedupFieldMap {
  let byFields = restrictedMaps.get(fieldMap);
  if (byFields === undefined) restrictedMaps.set(fieldMap, (byFields = new WeakMap()));
  let restricted = byFields.get(fields);
  if (restricted === undefined) {
    restricted = Object.fromEntries(Object.entries(fieldMap).filter(([field]) => Object.hasOwn(fields, field)));
    byFields.set(fields, restricted);
  }
  return restricted;
}

const restrictedMaps = new WeakMap<DedupFieldMap, WeakMap<object, DedupFieldMap>>();

/**
 * Projects an entity record (a lead, a contact, a company, or an import row) onto duplicate fields with a
 * field map. Projecting a lead and a contact with their own maps onto the same field names is what lets a
 * new lead be checked against existing contacts.
 */
export function projectRecord(record: Readonly<Record<string, unknown>>, fieldMap: DedupFieldMap, id?: string): DedupRecord {
  const values: Record<string, DedupValue> = {};
  const fields = compile(fieldMap);
  for (let f = 0; f < fields.length; f++) {
    const [field, paths] = fields[f]!;
    // most fields hold one plain value on one path: no list is built for those (this runs once per import row)
    let single: string | number | null = null;
    let found: (string | number)[] | null = null;
    for (let p = 0; p < paths.length; p++) {
      const value = readPath(record, paths[p]!);
      if (value === null || value === undefined) continue;
      if (found === null && single === null && (typeof value === 'string' || typeof value === 'number')) {
        single = value;
        continue;
      }
      if (found === null) found = single === null ? [] : [single];
      collect(value, found);
    }
    values[field] = found === null ? single : found.length === 0 ? null : found.length === 1 ? found[0] : found;
  }
  return { id: id ?? String(record['id'] ?? ''), values };
}
