import type { DedupFieldMap } from './dedup-record.js';
import { parseDedupSettings, type DedupSettings, type DedupSettingsInput } from './rules.js';

/**
 * Duplicate fields of a person (a lead, a contact or a raw contact). Leads and contacts share these names,
 * which is what lets a new lead be checked against existing contacts.
 */
export const PERSON_DEDUP_FIELDS = {
  name: { kind: 'personName' },
  phone: { kind: 'phone' },
  email: { kind: 'email', foldGmail: true },
  birthday: { kind: 'date' },
  company: { kind: 'companyName' },
  province: { kind: 'text' },
  district: { kind: 'text' },
  ward: { kind: 'text' },
  street: { kind: 'text' },
} as const satisfies DedupSettingsInput['fields'];

/**
 * Default duplicate rules for people, tuned on Vietnamese data (see docs/guides/duplicates-and-merging.md):
 * 1. `phone` — the same phone after normalisation (+84/0/84, separators, 2018 renumbering). A phone belongs
 *    to one person in practice; blocks a new record, warns on an edit.
 * 2. `email` — the same e-mail (case, Gmail dots and plus folded). Blocks a new record, warns on an edit.
 * 3. `name-birthday` — a similar name (≥ 0.85, order, diacritics and a dropped middle name forgiven), the
 *    same date of birth and the same district when both records have one: catches people who come back with
 *    a new phone and no e-mail. The district keeps a large base precise (at a million people, many share a
 *    common name and a birthday; measured precision 0.91 → 0.99 on 300k generated contacts, recall
 *    unchanged). Warns.
 * 4. `name-street` — a similar name (≥ 0.92) at the same street address in the same district: the same
 *    case when the birthday is unknown. Warns.
 * A name alone never matches: many different people share a name (Nguyễn Văn Anh …).
 */
export const DEFAULT_PERSON_RULES = [
  { id: 'phone', label: 'Same phone number', fields: [{ field: 'phone', match: 'exact' }], onCreate: 'block', onEdit: 'warn' },
  { id: 'email', label: 'Same e-mail address', fields: [{ field: 'email', match: 'exact' }], onCreate: 'block', onEdit: 'warn' },
  {
    id: 'name-birthday',
    label: 'Similar name, same date of birth (and district)',
    fields: [
      { field: 'name', match: 'fuzzy', threshold: 0.85 },
      { field: 'birthday', match: 'exact' },
      { field: 'district', match: 'exact', ifBlank: 'ignore' },
    ],
    onCreate: 'warn',
    onEdit: 'warn',
  },
  {
    id: 'name-street',
    label: 'Similar name at the same street address',
    fields: [
      { field: 'name', match: 'fuzzy', threshold: 0.92 },
      { field: 'street', match: 'exact' },
      { field: 'district', match: 'exact' },
    ],
    onCreate: 'warn',
    onEdit: 'warn',
  },
] as const satisfies DedupSettingsInput['rules'];

/** Duplicate fields of a company. */
export const COMPANY_DEDUP_FIELDS = {
  name: { kind: 'companyName' },
  taxCode: { kind: 'exact' },
  phone: { kind: 'phone' },
  email: { kind: 'email', foldGmail: true },
  province: { kind: 'text' },
  street: { kind: 'text' },
} as const satisfies DedupSettingsInput['fields'];

/**
 * Default duplicate rules for companies:
 * 1. `tax-code` — the same tax code (mã số thuế) is the same company: blocks a new record.
 * 2. `name-province` — the same name once legal forms are ignored ("Công ty TNHH Minh Phát" = "Minh Phát
 *    Co., Ltd"), fuzzily ≥ 0.93, in the same province. Warns.
 * 3. `phone` — the same phone. Warns (branches share switchboards).
 * 4. `email` — the same e-mail. Warns.
 */
export const DEFAULT_COMPANY_RULES = [
  { id: 'tax-code', label: 'Same tax code', fields: [{ field: 'taxCode', match: 'exact' }], onCreate: 'block', onEdit: 'block' },
  {
    id: 'name-province',
    label: 'Same name in the same province',
    fields: [
      { field: 'name', match: 'fuzzy', threshold: 0.93 },
      { field: 'province', match: 'exact' },
    ],
    onCreate: 'warn',
    onEdit: 'warn',
  },
  { id: 'phone', label: 'Same phone number', fields: [{ field: 'phone', match: 'exact' }], onCreate: 'warn', onEdit: 'warn' },
  { id: 'email', label: 'Same e-mail address', fields: [{ field: 'email', match: 'exact' }], onCreate: 'warn', onEdit: 'warn' },
] as const satisfies DedupSettingsInput['rules'];

/** Default duplicate settings per entity (lead, contact, raw contact: people; company). */
export const DEFAULT_DEDUP_SETTINGS: Readonly<Record<'lead' | 'contact' | 'rawContact' | 'company', DedupSettings>> = {
  lead: parseDedupSettings({ fields: PERSON_DEDUP_FIELDS, rules: DEFAULT_PERSON_RULES }),
  contact: parseDedupSettings({ fields: PERSON_DEDUP_FIELDS, rules: DEFAULT_PERSON_RULES }),
  rawContact: parseDedupSettings({ fields: PERSON_DEDUP_FIELDS, rules: DEFAULT_PERSON_RULES }),
  company: parseDedupSettings({ fields: COMPANY_DEDUP_FIELDS, rules: DEFAULT_COMPANY_RULES }),
};

/**
 * Presets for the criteria Vietnamese CRM users ask for by name ("trùng tên", "trùng SĐT", "tên + email",
 * "tên + SĐT"), to compose custom person settings from.
 */
export const PERSON_RULE_PRESETS = {
  name: { id: 'name', label: 'Same name', fields: [{ field: 'name', match: 'exact' }], onCreate: 'warn', onEdit: 'warn' },
  phone: DEFAULT_PERSON_RULES[0],
  email: DEFAULT_PERSON_RULES[1],
  nameAndEmail: {
    id: 'name-email',
    label: 'Similar name and same e-mail',
    fields: [{ field: 'name', match: 'fuzzy', threshold: 0.85 }, { field: 'email', match: 'exact' }],
    onCreate: 'warn',
    onEdit: 'warn',
  },
  nameAndPhone: {
    id: 'name-phone',
    label: 'Similar name and same phone',
    fields: [{ field: 'name', match: 'fuzzy', threshold: 0.85 }, { field: 'phone', match: 'exact' }],
    onCreate: 'warn',
    onEdit: 'warn',
  },
  nameAndBirthday: DEFAULT_PERSON_RULES[2],
  nameAndStreet: DEFAULT_PERSON_RULES[3],
} as const satisfies Record<string, DedupSettingsInput['rules'][number]>;

/**
 * Where the duplicate fields live in crmkit's entity records (see `packages/core/src/schema/`): a contact's
 * `fullName`, `phones[].number`, `emails[]`; a lead's `contactName`, `phones.mobile` / `phones.desk`,
 * `email`; a raw contact's `name`, `phones[]`, `email`; a company's `name`, `taxCode`, `phones[]`, `email`.
 * The flat `phone` / `email` paths are read too, for import rows and hosts' own shapes. A lead and a contact
 * projected with their maps share field names, so they can be compared directly.
 */
export const DEFAULT_FIELD_MAPS: Readonly<Record<'lead' | 'contact' | 'rawContact' | 'company', DedupFieldMap>> = {
  lead: {
    name: ['contactName', 'fullName', 'name'],
    phone: ['phones.mobile', 'phones.desk', 'phone', 'mobile'],
    email: ['email', 'emails'],
    birthday: ['birthday'],
    company: ['companyName'],
    province: ['address.province'],
    district: ['address.district'],
    ward: ['address.ward'],
    street: ['address.street'],
  },
  contact: {
    name: ['fullName', 'name'],
    phone: ['phones', 'phone', 'mobile'],
    email: ['emails', 'email'],
    birthday: ['birthday'],
    company: ['companyName'],
    province: ['address.province'],
    district: ['address.district'],
    ward: ['address.ward'],
    street: ['address.street'],
  },
  rawContact: {
    name: ['name', 'fullName'],
    phone: ['phones', 'phone'],
    email: ['email', 'emails'],
    birthday: ['birthday'],
    company: ['companyName'],
    province: ['address.province'],
    district: ['address.district'],
    ward: ['address.ward'],
    street: ['address.street'],
  },
  company: {
    name: ['name'],
    taxCode: ['taxCode'],
    phone: ['phones', 'phone'],
    email: ['email', 'emails'],
    province: ['address.province'],
    street: ['address.street'],
  },
};
