import { renderTemplate } from '../communications/template.js';
import type { CrmContext } from '../crm/context.js';
import { WriteSet } from '../crm/write-set.js';
import { CrmConflictError } from '../errors.js';
import type { Company } from '../schema/company.js';
import type { Contact } from '../schema/contact.js';
import { failField } from '../schema/validate.js';
import { DEFAULT_UTC_OFFSET_MINUTES, localDate } from '../sales/calendar.js';
import type { StoredRecord } from '../storage/contract.js';
import { queryAll } from '../storage/query-all.js';
import type { GreetingOccasion, GreetingRecord } from './greeting-record.js';
import { DEFAULT_GREETING_TEMPLATES, greetingId, greetingsDue, type GreetingTemplate } from './greeting-rules.js';

/** A greeting handed to the host's sender. `id` is stable: a sender that sees it twice must not send twice. */
export interface GreetingMessage {
  id: string;
  occasion: GreetingOccasion;
  date: string;
  recipient: { entity: 'contact' | 'company'; id: string; name: string };
  /** The recipient's e-mail addresses and phone numbers, primary first. */
  emails: string[];
  phones: string[];
  subject?: string;
  body: string;
}

/** What the host provides to deliver greetings (e-mail, SMS, Zalo: its choice). Throwing counts as a failure. */
export interface GreetingSender {
  send(message: GreetingMessage): Promise<{ ok: true } | { ok: false; reason: string }>;
}

/** Options of the greetings job. */
export interface GreetingsOptions {
  sender?: GreetingSender;
  /** Templates per occasion; crmkit's Vietnamese ones by default. */
  templates?: Partial<Record<GreetingOccasion, GreetingTemplate>>;
  /** The UTC offset that decides "today" (default Vietnam's, +420). */
  utcOffsetMinutes?: number;
}

/** What a run did. */
export interface GreetingsRun {
  date: string;
  sent: StoredRecord<GreetingRecord>[];
  failed: StoredRecord<GreetingRecord>[];
  /** Recipients greeted already today (or being greeted by another run). */
  skipped: number;
}

/**
 * The daily greetings job (`crm.greetings`): contacts with a birthday and companies with a founding anniversary
 * today get a message from a template through the host's sender. Each greeting is logged in the store (a
 * `greeting` record per date and recipient) before it is sent, so running the job twice a day — or twice at
 * once — sends nothing twice; a failed send is retried by the next run.
 */
export class GreetingsService {
  constructor(
    private readonly context: CrmContext,
    private readonly options: GreetingsOptions = {},
  ) {}

  /** Finds today's greetings and sends those not sent yet. `date` (YYYY-MM-DD) overrides today. */
  async run(input: { date?: string; sender?: GreetingSender } = {}): Promise<GreetingsRun> {
    const sender = input.sender ?? this.options.sender;
    if (!sender) failField('sender', 'the greetings job needs a sender from the host', 'required', 'greeting');
    const date = input.date ?? localDate(this.context.now(), this.options.utcOffsetMinutes ?? DEFAULT_UTC_OFFSET_MINUTES);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) failField('date', 'must be an ISO date, e.g. 2026-11-23', 'invalid_format', 'greeting');
    const due = greetingsDue(date, await queryAll<Contact>(this.context.storage, { entity: 'contact' }), await queryAll<Company>(this.context.storage, { entity: 'company' }));
    const run: GreetingsRun = { date, sent: [], failed: [], skipped: 0 };
    for (const greeting of due) {
      const id = greetingId(date, greeting.recipient);
      const template = this.options.templates?.[greeting.occasion] ?? DEFAULT_GREETING_TEMPLATES[greeting.occasion];
      const record = { ...greeting.record, years: greeting.years };
      const subject = template.subject === undefined ? undefined : renderTemplate(template.subject, record);
      const body = renderTemplate(template.body, record);
      const claimed = await this.claim(id, { date, occasion: greeting.occasion, recipient: greeting.recipient, years: greeting.years, body, ...(subject === undefined ? {} : { subject }) });
      if (!claimed) {
        run.skipped += 1;
        continue;
      }
      const message: GreetingMessage = {
        id,
        occasion: greeting.occasion,
        date,
        recipient: { ...greeting.recipient, name: greeting.name },
        emails: emailsOf(greeting.record),
        phones: phonesOf(greeting.record),
        body,
        ...(subject === undefined ? {} : { subject }),
      };
      let outcome: { ok: true } | { ok: false; reason: string };
      try {
        outcome = await sender.send(message);
      } catch (error) {
        outcome = { ok: false, reason: error instanceof Error ? error.message : String(error) };
      }
      const writes = new WriteSet(this.context, 'greeting.send');
      writes.update('greeting', claimed, outcome.ok ? { status: 'sent', sentAt: this.context.now().toISOString() } : { status: 'failed', failureReason: outcome.reason.slice(0, 2000) });
      const { records } = await writes.commit('greeting');
      (outcome.ok ? run.sent : run.failed).push(records[0] as unknown as StoredRecord<GreetingRecord>);
    }
    return run;
  }

  /** Logs the greeting as being sent; undefined when it was sent (or is being sent) already. A failed one is retried. */
  private async claim(id: string, data: Record<string, unknown>): Promise<StoredRecord<GreetingRecord> | undefined> {
    const [existing] = (await this.context.storage.get('greeting', [id])) as (StoredRecord<GreetingRecord> | undefined)[];
    if (existing && existing.status !== 'failed') return undefined;
    const writes = new WriteSet(this.context, 'greeting.claim');
    if (existing) writes.update('greeting', existing, { ...data, status: 'sending', failureReason: undefined, attempts: existing.attempts + 1 });
    else writes.create('greeting', { ...data, status: 'sending', attempts: 1 }, { id });
    try {
      const { records } = await writes.commit('greeting');
      return records[0] as unknown as StoredRecord<GreetingRecord>;
    } catch (error) {
      if (error instanceof CrmConflictError) return undefined;
      throw error;
    }
  }
}

function emailsOf(record: Readonly<Record<string, unknown>>): string[] {
  const emails = record['emails'];
  if (Array.isArray(emails)) return emails.filter((email): email is string => typeof email === 'string');
  return typeof record['email'] === 'string' ? [record['email']] : [];
}

function phonesOf(record: Readonly<Record<string, unknown>>): string[] {
  const phones = record['phones'];
  if (!Array.isArray(phones)) return [];
  return phones.map((phone) => (typeof phone === 'string' ? phone : (phone as { number?: unknown }).number)).filter((phone): phone is string => typeof phone === 'string');
}
