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
 * is an object contributes its `value` property (so `phones: [{ label, value }]` works too).
 */
export type DedupFieldMap = Readonly<Record<string, string | readonly string[]>>;

function readPath(record: unknown, path: string): unknown {
  let current: unknown = record;
  for (const part of path.split('.')) {
    if (current === null || current === undefined || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

function collect(value: unknown, into: (string | number)[]): void {
  if (value === null || value === undefined) return;
  if (typeof value === 'string' || typeof value === 'number') into.push(value);
  else if (Array.isArray(value)) for (const item of value) collect(item, into);
  else if (typeof value === 'object' && 'value' in value) collect((value as { value: unknown }).value, into);
}

/**
 * Projects an entity record (a lead, a contact, a company, or an import row) onto duplicate fields with a
 * field map. Projecting a lead and a contact with their own maps onto the same field names is what lets a
 * new lead be checked against existing contacts.
 */
export function projectRecord(record: Readonly<Record<string, unknown>>, fieldMap: DedupFieldMap, id?: string): DedupRecord {
  const values: Record<string, DedupValue> = {};
  for (const [field, paths] of Object.entries(fieldMap)) {
    const found: (string | number)[] = [];
    for (const path of typeof paths === 'string' ? [paths] : paths) collect(readPath(record, path), found);
    values[field] = found.length === 0 ? null : found.length === 1 ? found[0] : found;
  }
  return { id: id ?? String(record['id'] ?? ''), values };
}
