import type { LeadChannel } from '../schema/enums.js';
import type { RawContact } from '../schema/raw-contact.js';

/** What to do with a raw contact: screen it into a lead (with fields to add or correct), or reject it with a reason. */
export type ScreeningDecision = { decision: 'lead'; lead?: Record<string, unknown> } | { decision: 'reject'; reason: string };

const CHANNEL_OF_SOURCE: Readonly<Record<RawContact['source'], LeadChannel>> = {
  bought_list: 'other',
  scraped: 'other',
  event: 'event',
  partner: 'referral',
  other: 'other',
};

/**
 * The lead a raw contact becomes: its person, company and contact details carried over, where it came from
 * kept as tracking, and a link back to the raw record. `overrides` (what the screener typed) win.
 */
export function leadFromRawContact(raw: RawContact & { id: string }, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const [mobile, desk] = raw.phones ?? [];
  const lead: Record<string, unknown> = {
    title: raw.companyName ? `${raw.name} — ${raw.companyName}` : raw.name,
    contactName: raw.name,
    channel: CHANNEL_OF_SOURCE[raw.source],
    source: raw.collectedFrom ?? raw.source,
    rawContactId: raw.id,
  };
  if (raw.companyName) lead['companyName'] = raw.companyName;
  if (raw.email) lead['email'] = raw.email;
  if (mobile) lead['phones'] = desk ? { mobile, desk } : { mobile };
  if (raw.address) lead['address'] = raw.address;
  if (raw.note) lead['note'] = raw.note;
  if (raw.ownerId) lead['ownerId'] = raw.ownerId;
  if (raw.teamId) lead['teamId'] = raw.teamId;
  return { ...lead, ...overrides };
}

/** The raw contact's fields after screening at `at`. */
export function screenedPatch(decision: ScreeningDecision, at: string, leadId?: string): Record<string, unknown> {
  return decision.decision === 'reject'
    ? { screeningStatus: 'rejected', screeningReason: decision.reason, screenedAt: at }
    : { screeningStatus: 'screened', screeningReason: undefined, screenedAt: at, leadId };
}
