import type { Company } from '../schema/company.js';
import type { Contact } from '../schema/contact.js';
import type { Lead } from '../schema/lead.js';

/**
 * What a conversion does with the contact or the company: create a new record from the lead (`data` adds or
 * corrects fields), link an existing one, or none.
 */
export type ConversionChoice = { mode: 'create'; data?: Record<string, unknown> } | { mode: 'link'; id: string } | { mode: 'none' };

/**
 * The default choices: a contact is created when the lead names a person or gives a way to reach them, a
 * company when the lead names one.
 */
export function defaultConversionChoices(lead: Pick<Lead, 'contactName' | 'email' | 'phones' | 'companyName'>): { contact: ConversionChoice; company: ConversionChoice } {
  const person = Boolean(lead.contactName || lead.email || lead.phones?.mobile || lead.phones?.desk);
  return { contact: person ? { mode: 'create' } : { mode: 'none' }, company: lead.companyName ? { mode: 'create' } : { mode: 'none' } };
}

/** Who works what the lead becomes: its salesperson and team, else its owner and team. */
function ownership(lead: Lead): Record<string, unknown> {
  const owned: Record<string, unknown> = {};
  const ownerId = lead.salespersonId ?? lead.ownerId;
  const teamId = lead.salesTeamId ?? lead.teamId;
  if (ownerId) owned['ownerId'] = ownerId;
  if (teamId) owned['teamId'] = teamId;
  return owned;
}

/** The contact a lead becomes (the person behind it, with their phones, e-mail and address). */
export function contactFromLead(lead: Lead, companyId?: string): Record<string, unknown> {
  const contact: Partial<Record<keyof Contact, unknown>> = { kind: 'individual', fullName: lead.contactName ?? '', ...ownership(lead) };
  const phones = [
    ...(lead.phones?.mobile ? [{ number: lead.phones.mobile, kind: 'mobile' }] : []),
    ...(lead.phones?.desk ? [{ number: lead.phones.desk, kind: 'desk' }] : []),
  ];
  if (phones.length > 0) contact.phones = phones;
  if (lead.email) contact.emails = [lead.email];
  if (lead.address) contact.address = lead.address;
  if (lead.jobTitle) contact.position = lead.jobTitle;
  if (lead.source ?? lead.channel) contact.source = lead.source ?? lead.channel;
  if (lead.tagIds) contact.tagIds = lead.tagIds;
  if (companyId) contact.companyId = companyId;
  return contact;
}

/** The company a lead becomes: "potential" until its first won opportunity. */
export function companyFromLead(lead: Lead): Record<string, unknown> {
  const company: Partial<Record<keyof Company, unknown>> = { name: lead.companyName ?? '', status: 'potential', ...ownership(lead) };
  if (lead.address) company.address = lead.address;
  if (lead.phones?.desk) company.phones = [lead.phones.desk];
  if (lead.tagIds) company.tagIds = lead.tagIds;
  return company;
}

/** The opportunity a lead becomes: its need as the name, its revenue, probability, priority, people and tags. */
export function opportunityFromLead(lead: Lead & { id: string }, links: { contactId?: string | undefined; companyId?: string | undefined }): Record<string, unknown> {
  const opportunity: Record<string, unknown> = { name: lead.title, leadId: lead.id, priority: lead.priority, ...ownership(lead) };
  for (const field of ['expectedRevenue', 'probability', 'salespersonId', 'salesTeamId', 'tagIds', 'note'] as const) {
    if (lead[field] !== undefined) opportunity[field] = lead[field];
  }
  if (links.contactId) opportunity['contactId'] = links.contactId;
  if (links.companyId) opportunity['companyId'] = links.companyId;
  return opportunity;
}
