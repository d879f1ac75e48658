import type { CrmContext } from '../crm/context.js';
import { dataOf } from '../crm/write-set.js';
import { CrmNotFoundError, CrmPermissionError, CrmValidationError } from '../errors.js';
import type { StoredRecord } from '../storage/contract.js';
import { queryAll } from '../storage/query-all.js';
import type { MergeableEntity } from './merge-record.js';
import { normalizeEmail } from './normalize-email.js';
import { normalizePhone } from './normalize-phone.js';

/** Options of a merge and its preview. */
export interface MergeOptions {
  /** The record that survives; by default the most complete one, then the oldest, then the smallest id. */
  survivorId?: string;
  /** Field-by-field choices: field name → id of the record whose value to keep (absent there = removed). */
  picks?: Readonly<Record<string, string>>;
}

/** A related record a merge points at the survivor. */
export interface MergeRelink {
  entity: string;
  id: string;
  /** The field changed (`contactId`, `related.id`, `members`, ...). */
  field: string;
  /** The merged-away record it pointed at. */
  from: string;
  to: string;
}

/** A field whose values disagreed between the merged records (not picked, not multi-valued). */
export interface MergeConflict {
  field: string;
  /** Each record's value, survivor first; the survivor's (or the first non-blank) is kept unless picked. */
  values: { id: string; value: unknown }[];
}

/** What a merge would do. */
export interface MergePreview {
  entity: MergeableEntity;
  survivorId: string;
  /** The records merged into the survivor (removed). */
  mergedIds: string[];
  /** The survivor's data after the merge. */
  merged: Record<string, unknown>;
  /** For each field of the result, the record its value came from (`*` for united or concatenated values). */
  sources: Record<string, string>;
  conflicts: MergeConflict[];
  /** Every related record to re-point. */
  relinks: MergeRelink[];
}

/** A planned merge: the preview plus the records as read, for the commit. */
export interface MergePlan {
  preview: MergePreview;
  survivor: StoredRecord;
  losers: StoredRecord[];
  /** Related records with the patch that re-points them. */
  related: { entity: string; current: StoredRecord; patch: Record<string, unknown> }[];
}

/** Multi-valued fields united on merge, with the key that tells two values apart. */
const MULTI_VALUED: Readonly<Record<MergeableEntity, Readonly<Record<string, (value: unknown) => string>>>> = {
  contact: {
    phones: (value) => normalizePhone(String((value as { number?: unknown }).number ?? '')) ?? JSON.stringify(value),
    emails: (value) => normalizeEmail(String(value)) ?? String(value),
  },
  company: {
    phones: (value) => normalizePhone(String(value)) ?? String(value),
  },
  lead: {},
};

function isBlank(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.values(value).every(isBlank);
  return false;
}

/** How many non-blank leaf values a record has: "the most complete record" survives by default. */
export function completeness(value: unknown): number {
  if (isBlank(value)) return 0;
  if (Array.isArray(value)) return value.reduce<number>((sum, item) => sum + Math.max(1, completeness(item)), 0);
  if (typeof value === 'object') return Object.values(value as object).reduce<number>((sum, item) => sum + completeness(item), 0);
  return 1;
}

/**
 * The default survivor: the most complete record (most non-blank values), then the oldest (`createdAt`),
 * then the smallest id — so the choice is stable and the history of the longest-known record continues.
 */
export function defaultSurvivor(records: readonly StoredRecord[]): StoredRecord {
  return [...records].sort((a, b) => completeness(dataOf(b)) - completeness(dataOf(a)) || a.createdAt.localeCompare(b.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))[0]!;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Merges records' data field by field (pure): the survivor's values win, a blank is filled from the first
 * other record that has the field, `picks` choose a record per field, multi-valued fields (phones,
 * e-mails, tags, any list of plain values) are united without duplicates (phones and e-mails compared
 * normalised), nested objects (address, custom fields) are merged key by key, and notes are concatenated
 * so nothing written about the customer is lost. A company that is a customer on any side stays one.
 */
export function mergeRecordData(
  entity: MergeableEntity,
  survivor: StoredRecord,
  others: readonly StoredRecord[],
  picks: Readonly<Record<string, string>> = {},
): { merged: Record<string, unknown>; sources: Record<string, string>; conflicts: MergeConflict[] } {
  const all = [survivor, ...others];
  const datas = all.map((record) => dataOf(record));
  const merged: Record<string, unknown> = structuredClone(datas[0]!);
  const sources: Record<string, string> = {};
  const conflicts: MergeConflict[] = [];
  const fields = [...new Set(datas.flatMap((data) => Object.keys(data)))];
  const issues = Object.entries(picks)
    .filter(([, id]) => !all.some((record) => record.id === id))
    .map(([field, id]) => ({ path: `picks.${field}`, message: `names a record that is not merged (${id})`, code: 'invalid_value' }));
  if (issues.length > 0) throw new CrmValidationError(issues, 'merge');
  for (const field of fields) {
    const values = datas.map((data) => data[field]);
    const picked = picks[field];
    if (picked !== undefined) {
      const value = datas[all.findIndex((record) => record.id === picked)]![field];
      if (value === undefined) delete merged[field];
      else merged[field] = structuredClone(value);
      sources[field] = picked;
      continue;
    }
    if (field === 'note') {
      const notes = [...new Set(values.filter((value): value is string => typeof value === 'string' && value.trim() !== '').map((value) => value.trim()))];
      if (notes.length > 0) merged[field] = notes.join('\n\n');
      sources[field] = notes.length > 1 ? '*' : (all[values.findIndex((value) => typeof value === 'string' && value.trim() !== '')]?.id ?? survivor.id);
      continue;
    }
    if (entity === 'company' && field === 'status' && values.includes('customer')) {
      merged[field] = 'customer';
      sources[field] = all[values.indexOf('customer')]!.id;
      continue;
    }
    const keyOf = MULTI_VALUED[entity][field] ?? (values.every((value) => value === undefined || (Array.isArray(value) && value.every((item) => item === null || typeof item !== 'object'))) ? (item: unknown) => JSON.stringify(item) : undefined);
    if (keyOf !== undefined && values.some(Array.isArray)) {
      const seen = new Set<string>();
      const united: unknown[] = [];
      for (const value of values) {
        for (const item of (value as unknown[] | undefined) ?? []) {
          const key = keyOf(item);
          if (seen.has(key)) continue;
          seen.add(key);
          united.push(structuredClone(item));
        }
      }
      merged[field] = united;
      sources[field] = values.filter((value) => !isBlank(value)).length > 1 ? '*' : (all[values.findIndex((value) => !isBlank(value))]?.id ?? survivor.id);
      continue;
    }
    const plainObjects = values.every((value) => value === undefined || (value !== null && typeof value === 'object' && !Array.isArray(value)));
    if (plainObjects && values.some((value) => value !== undefined)) {
      const out: Record<string, unknown> = {};
      const keys = [...new Set(values.flatMap((value) => Object.keys((value as object | undefined) ?? {})))];
      for (const key of keys) {
        const from = values.findIndex((value) => !isBlank((value as Record<string, unknown> | undefined)?.[key]));
        if (from >= 0) out[key] = structuredClone((values[from] as Record<string, unknown>)[key]);
      }
      merged[field] = out;
      sources[field] = values.filter((value) => !isBlank(value)).length > 1 ? '*' : (all[values.findIndex((value) => !isBlank(value))]?.id ?? survivor.id);
      const distinct = values.filter((value) => !isBlank(value));
      if (distinct.some((value) => !same(value, distinct[0]))) conflicts.push({ field, values: all.map((record, i) => ({ id: record.id, value: values[i] })).filter((entry) => !isBlank(entry.value)) });
      continue;
    }
    const from = values.findIndex((value) => !isBlank(value));
    if (from < 0) continue;
    if (from > 0) merged[field] = structuredClone(values[from]);
    sources[field] = all[from]!.id;
    const distinct = values.filter((value) => !isBlank(value));
    if (distinct.some((value) => !same(value, distinct[0]))) conflicts.push({ field, values: all.map((record, i) => ({ id: record.id, value: values[i] })).filter((entry) => !isBlank(entry.value)) });
  }
  return { merged, sources, conflicts };
}

/** A link from a related entity to a merged one: where to look and how to re-point. */
interface LinkSpec {
  entity: string;
  /**
   * The indexed field to query by (`contactId`, `related.id`, `*customerIds` → `customerIds`); null for a
   * configuration entity with few records and no index on the link, read whole and filtered by `holds`.
   */
  index: string | null;
  /** With `index: null`: whether a record links to `id`. */
  holds?: (record: StoredRecord, id: string) => boolean;
  /** Only records for which this holds (an activity about a contact, not a company of the same id). */
  when?: (record: StoredRecord, merged: MergeableEntity) => boolean;
  /** The patch that re-points the record from `from` to `to` (given the patch so far, for records hit twice). */
  repoint: (record: StoredRecord, from: string, to: string) => Record<string, unknown>;
  field: string;
}

const setField = (field: string) => (_record: StoredRecord, _from: string, to: string) => ({ [field]: to });
const simple = (entity: string, field: string): LinkSpec => ({ entity, index: field, field, repoint: setField(field) });

const LINKS: Readonly<Record<MergeableEntity, readonly LinkSpec[]>> = {
  contact: [
    simple('opportunity', 'contactId'),
    simple('quote', 'contactId'),
    simple('order', 'contactId'),
    simple('contract', 'contactId'),
    simple('case', 'contactId'),
    simple('lead', 'convertedContactId'),
    simple('coupon', 'issuedToCustomerId'),
    { ...simple('interaction', 'customerId'), when: (record) => (record['customerEntity'] ?? 'contact') === 'contact' },
  ],
  company: [
    simple('opportunity', 'companyId'),
    simple('quote', 'companyId'),
    simple('order', 'companyId'),
    simple('contract', 'companyId'),
    simple('case', 'companyId'),
    simple('contact', 'companyId'),
    simple('lead', 'convertedCompanyId'),
    simple('coupon', 'issuedToCustomerId'),
    { ...simple('interaction', 'customerId'), when: (record) => record['customerEntity'] === 'company' },
  ],
  lead: [simple('opportunity', 'leadId'), simple('rawContact', 'leadId')],
};

const ACTIVITY_LINK: LinkSpec = {
  entity: 'activity',
  index: 'related.id',
  field: 'related.id',
  when: (record, merged) => (record['related'] as { entity?: string } | undefined)?.entity === merged,
  repoint: (record, _from, to) => ({ related: { ...(record['related'] as object), id: to } }),
};

interface RouteMember {
  customerId: string;
  [key: string]: unknown;
}

const ROUTE_LINK: LinkSpec = {
  entity: 'route',
  index: 'customerIds',
  field: 'members',
  repoint: (record, from, to) => {
    // ids are unique per entity only: a member is the merged customer when its kind matches too
    const members = (record['members'] as RouteMember[] | undefined) ?? [];
    // a route with both customers keeps the survivor's membership (its history and visit plan)
    const hasSurvivor = members.some((member) => member.customerId === to);
    const next = hasSurvivor ? members.filter((member) => member.customerId !== from) : members.map((member) => (member.customerId === from ? { ...member, customerId: to } : member));
    return { members: next };
  },
};

const customerIdsOf = (record: StoredRecord): string[] => ((record['assignment'] as { customerIds?: string[] } | undefined)?.customerIds ?? []);

/** A price list assigned to a customer by id (dealer prices): the survivor takes the merged customer's place. */
const PRICE_LIST_LINK: LinkSpec = {
  entity: 'priceList',
  index: null,
  field: 'assignment.customerIds',
  holds: (record, id) => customerIdsOf(record).includes(id),
  repoint: (record, from, to) => {
    const ids = customerIdsOf(record);
    const next = ids.includes(to) ? ids.filter((id) => id !== from) : ids.map((id) => (id === from ? to : id));
    return { assignment: { ...(record['assignment'] as object), customerIds: next } };
  },
};

function linksOf(entity: MergeableEntity): readonly LinkSpec[] {
  return [...LINKS[entity], ACTIVITY_LINK, ...(entity === 'lead' ? [] : [ROUTE_LINK, PRICE_LIST_LINK])];
}

/** The records of a link's entity that point at `id`. */
async function linkedTo(context: CrmContext, link: LinkSpec, id: string): Promise<StoredRecord[]> {
  if (link.index !== null) return queryAll(context.storage, { entity: link.entity, where: [{ field: link.index, op: 'eq', value: id }] });
  return (await queryAll(context.storage, { entity: link.entity })).filter((record) => link.holds!(record, id));
}

/** Reads the records to merge and everything linked to them, and plans the merge (nothing is written). */
export async function planMerge(context: CrmContext, entity: MergeableEntity, ids: readonly string[], options: MergeOptions): Promise<MergePlan> {
  const unique = [...new Set(ids)];
  if (unique.length < 2) throw new CrmValidationError([{ path: 'ids', message: 'a merge needs at least two different records', code: 'too_small' }], 'merge');
  const stored = await context.storage.get(entity, unique);
  const records: StoredRecord[] = [];
  stored.forEach((record, i) => {
    if (!record) throw new CrmNotFoundError(entity, unique[i]!);
    if (!context.access.can(context.actor, 'read', entity, record)) throw new CrmPermissionError('read', entity);
    records.push(record);
  });
  let survivor: StoredRecord;
  if (options.survivorId !== undefined) {
    const chosen = records.find((record) => record.id === options.survivorId);
    if (!chosen) throw new CrmValidationError([{ path: 'survivorId', message: `must be one of the merged records (${unique.join(', ')})`, code: 'invalid_value' }], 'merge');
    survivor = chosen;
  } else survivor = defaultSurvivor(records);
  const losers = records.filter((record) => record !== survivor);
  const { merged, sources, conflicts } = mergeRecordData(entity, survivor, losers, options.picks);
  const loserIds = new Set(losers.map((record) => record.id));
  const related = new Map<string, { entity: string; current: StoredRecord; patch: Record<string, unknown> }>();
  const relinks: MergeRelink[] = [];
  for (const loser of losers) {
    for (const link of linksOf(entity)) {
      for (const found of await linkedTo(context, link, loser.id)) {
        if (link.entity === entity && loserIds.has(found.id)) continue; // a merged record is removed, not re-pointed
        if (link.entity === entity && found.id === survivor.id) continue;
        if (link.when && !link.when(found, entity)) continue;
        const key = `${link.entity}\u0000${found.id}`;
        const entry = related.get(key) ?? { entity: link.entity, current: found, patch: {} };
        // a record linked to two merged records (a route with both) is re-pointed from its patched state
        const base = { ...found, ...entry.patch } as StoredRecord;
        Object.assign(entry.patch, link.repoint(base, loser.id, survivor.id));
        related.set(key, entry);
        relinks.push({ entity: link.entity, id: found.id, field: link.field, from: loser.id, to: survivor.id });
      }
    }
  }
  return {
    preview: { entity, survivorId: survivor.id, mergedIds: losers.map((record) => record.id), merged, sources, conflicts, relinks },
    survivor,
    losers,
    related: [...related.values()],
  };
}
