import { normalizeCompanyName } from '../dedup/normalize-company.js';
import { normalizeEmail } from '../dedup/normalize-email.js';
import { normalizePhone } from '../dedup/normalize-phone.js';
import type { Company } from '../schema/company.js';
import type { Contact } from '../schema/contact.js';
import type { Lead } from '../schema/lead.js';

/**
 * Why an existing record is proposed for a lead: which of its values match the lead's once normalised —
 * `email`, `phone`, `company_name` by exact matching, or the fields of the duplicate rule that matched.
 */
export type CandidateReason = 'email' | 'phone' | 'company_name' | (string & {});

/** The lead's values that identify a person or a company, normalised once. */
export interface LeadMatchKeys {
  emails: Set<string>;
  phones: Set<string>;
  companyName: string | null;
}

function add(set: Set<string>, value: string | null): void {
  if (value) set.add(value);
}

/** Normalises the lead's e-mail, phones and company name with the duplicate engine's rules. */
export function leadMatchKeys(lead: Pick<Lead, 'email' | 'phones' | 'companyName'>): LeadMatchKeys {
  const emails = new Set<string>();
  const phones = new Set<string>();
  add(emails, normalizeEmail(lead.email));
  add(phones, normalizePhone(lead.phones?.mobile));
  add(phones, normalizePhone(lead.phones?.desk));
  return { emails, phones, companyName: normalizeCompanyName(lead.companyName) };
}

/** Why a contact matches the lead exactly (empty when it does not). */
export function contactMatchReasons(contact: Pick<Contact, 'emails' | 'phones'>, keys: LeadMatchKeys): CandidateReason[] {
  const reasons: CandidateReason[] = [];
  if ((contact.emails ?? []).some((email) => keys.emails.has(normalizeEmail(email) ?? ''))) reasons.push('email');
  if ((contact.phones ?? []).some((phone) => keys.phones.has(normalizePhone(phone.number) ?? ''))) reasons.push('phone');
  return reasons;
}

/** Why a company matches the lead exactly: e-mail, a phone, or its name without legal form and accents. */
export function companyMatchReasons(company: Pick<Company, 'email' | 'phones' | 'name'>, keys: LeadMatchKeys): CandidateReason[] {
  const reasons: CandidateReason[] = [];
  if (company.email && keys.emails.has(normalizeEmail(company.email) ?? '')) reasons.push('email');
  if ((company.phones ?? []).some((phone) => keys.phones.has(normalizePhone(phone) ?? ''))) reasons.push('phone');
  if (keys.companyName && normalizeCompanyName(company.name) === keys.companyName) reasons.push('company_name');
  return reasons;
}
