import type { CrmContext } from '../crm/context.js';
import type { DuplicatesService } from '../dedup/duplicates-service.js';
import type { DedupSettings } from '../dedup/rules.js';
import { WriteSet } from '../crm/write-set.js';
import { CrmConflictError, CrmNotFoundError, CrmRuleError } from '../errors.js';
import { normalizePhone } from '../dedup/normalize-phone.js';
import type { Activity } from '../schema/activity.js';
import type { MessageTemplate } from '../schema/message-template.js';
import type { Notification } from '../schema/notification.js';
import { failField, parseWith } from '../schema/validate.js';
import { messageTemplateSchema } from '../schema/message-template.js';
import type { StoredRecord } from '../storage/contract.js';
import { queryAll } from '../storage/query-all.js';
import type { IncomingCall, MessageTransport, TelephonyBridge } from './host-interfaces.js';
import { checkTemplatePlaceholders, renderTemplate } from './template.js';

/** Options of the communications service: the host's gateways. */
export interface CommunicationsOptions {
  transport?: MessageTransport;
  telephony?: TelephonyBridge;
}

/** A record a message or call is about. */
export interface RecordRef {
  entity: 'contact' | 'lead' | 'company' | 'opportunity';
  id: string;
}

/** What to send: a template (rendered from the record) or a subject and body as written. */
export interface ComposeInput {
  record: RecordRef;
  channel: 'email' | 'sms' | 'zalo';
  to: string[];
  templateId?: string;
  subject?: string;
  body?: string;
  format?: 'text' | 'html';
  attachments?: { ref: string; name?: string }[];
}

/** A screen-pop match for an incoming number. */
export interface PhoneMatch {
  entity: 'contact' | 'lead';
  id: string;
  label: string;
}

/** The part of the duplicate engine a screen-pop uses (`crm.duplicates` on the facade). */
export type PhoneFinder = Pick<DuplicatesService, 'check' | 'settingsOf'>;

/** The ids of the rules that match on the phone alone, exactly: what identifies a caller. */
function phoneOnlyRules(settings: DedupSettings): Set<string> {
  const phone = Object.entries(settings.fields).find(([, definition]) => definition.kind === 'phone')?.[0];
  return new Set(settings.rules.filter((rule) => rule.fields.length === 1 && rule.fields[0]!.field === phone && rule.fields[0]!.match === 'exact').map((rule) => rule.id));
}

/** A stored activity. */
export type StoredActivity = StoredRecord<Activity>;

/**
 * E-mail, SMS and Zalo from the CRM, reminders, notifications and calls (`crm.communications`). Every message
 * sent is an activity on its record with its status; reminders and notifications are records in the store,
 * so they are delivered exactly once even across page reloads.
 */
export class CommunicationsService {
  /**
   * @param finder the duplicate engine: with a phone rule configured, an incoming number is looked up in its live
   *   indexes instead of reading every contact and lead.
   */
  constructor(
    private readonly context: CrmContext,
    private readonly options: CommunicationsOptions = {},
    private readonly finder?: PhoneFinder,
  ) {}

  /**
   * Saves a template after checking every placeholder against its record kind's fields: a misspelt
   * `{{contact.fullNmae}}` is refused here, naming `body` or `subject`, not left blank in a customer's inbox.
   */
  async saveTemplate(input: Record<string, unknown>, options: { id?: string } = {}): Promise<StoredRecord<MessageTemplate>> {
    const template = parseWith(messageTemplateSchema, input, 'messageTemplate');
    checkTemplatePlaceholders({ subject: template.subject, body: template.body }, template.entity, this.context.definition(template.entity).schema);
    const writes = new WriteSet(this.context, 'template.save');
    const [existing] = options.id ? await this.context.storage.get('messageTemplate', [options.id]) : [undefined];
    if (existing) writes.update('messageTemplate', existing, template);
    else writes.create('messageTemplate', template, options.id ? { id: options.id } : {});
    const { records } = await writes.commit('messageTemplate');
    return records[0] as unknown as StoredRecord<MessageTemplate>;
  }

  private async record(ref: RecordRef): Promise<StoredRecord> {
    const [record] = await this.context.storage.get(ref.entity, [ref.id]);
    if (!record) throw new CrmNotFoundError(ref.entity, ref.id);
    if (!this.context.access.can(this.context.actor, 'read', ref.entity, record)) throw new CrmNotFoundError(ref.entity, ref.id);
    return record;
  }

  /** Renders a template with a real record, for the preview. */
  async preview(templateId: string, ref: RecordRef): Promise<{ subject?: string; body: string }> {
    const [template] = (await this.context.storage.get('messageTemplate', [templateId])) as unknown as (StoredRecord<MessageTemplate> | undefined)[];
    if (!template) throw new CrmNotFoundError('messageTemplate', templateId);
    if (template.entity !== ref.entity) failField('record.entity', `this template is for a ${template.entity}`, 'invalid_value', 'message');
    const record = await this.record(ref);
    const render = (text: string) => renderTemplate(text, record, template.format);
    return template.subject === undefined ? { body: render(template.body) } : { subject: render(template.subject), body: render(template.body) };
  }

  /**
   * Sends a message through the host's transport and logs it as an activity on the record: queued first
   * (committed), then sent or failed with the transport's reason. The activity id is the message id, so a
   * retry can never send twice.
   */
  async send(input: ComposeInput): Promise<StoredActivity> {
    if (!this.options.transport) throw new CrmRuleError('no_transport', 'No message transport: pass createCrm({ communications: { transport } })');
    if (input.to.length === 0) failField('to', 'needs at least one recipient', 'too_small', 'message');
    let subject = input.subject;
    let body = input.body;
    let format = input.format ?? 'text';
    if (input.templateId) {
      const rendered = await this.preview(input.templateId, input.record);
      const [template] = (await this.context.storage.get('messageTemplate', [input.templateId])) as unknown as StoredRecord<MessageTemplate>[];
      subject = input.subject ?? rendered.subject;
      body = input.body ?? rendered.body;
      format = template!.format;
    } else {
      await this.record(input.record);
    }
    if (!body) failField('body', 'is required (or give a templateId)', 'required', 'message');
    // SMS and Zalo show text as it is: HTML would reach the customer as tags
    if (format === 'html' && input.channel !== 'email') {
      failField(input.templateId ? 'templateId' : 'format', `is HTML, and a ${input.channel} message is plain text (use a text template, or send it by e-mail)`, 'invalid_value', 'message');
    }
    const writes = new WriteSet(this.context, 'message.queue');
    const activity = writes.create('activity', {
      kind: input.channel === 'email' ? 'email' : input.channel === 'sms' ? 'sms' : 'zalo',
      summary: subject ?? body!.slice(0, 120),
      dueAt: this.context.now().toISOString(),
      status: 'planned',
      related: input.record,
      message: {
        channel: input.channel,
        to: input.to,
        ...(subject === undefined ? {} : { subject }),
        body,
        format,
        ...(input.attachments ? { attachments: input.attachments } : {}),
        ...(input.templateId ? { templateId: input.templateId } : {}),
        status: 'queued',
        attempts: 0,
      },
    });
    const { records } = await writes.commit('message');
    return this.deliver(records[0] as unknown as StoredActivity, activity!.id);
  }

  private async deliver(activity: StoredActivity, id: string): Promise<StoredActivity> {
    const message = activity.message!;
    const result = await this.options.transport!.send({
      id,
      channel: message.channel,
      to: message.to,
      ...(message.subject === undefined ? {} : { subject: message.subject }),
      body: message.body,
      format: message.format,
      ...(message.attachments ? { attachments: message.attachments } : {}),
    }).catch((error: unknown) => ({ ok: false as const, reason: error instanceof Error ? error.message : String(error) }));
    const writes = new WriteSet(this.context, result.ok ? 'message.sent' : 'message.failed');
    const now = this.context.now().toISOString();
    const next = result.ok
      ? { status: 'done', doneAt: now, message: { ...message, status: 'sent', attempts: message.attempts + 1, failureReason: undefined, ...(result.providerMessageId ? { providerMessageId: result.providerMessageId } : {}) } }
      : { message: { ...message, status: 'failed', attempts: message.attempts + 1, failureReason: result.reason } };
    writes.update('activity', activity, next);
    const { records } = await writes.commit('activity');
    return records[0] as unknown as StoredActivity;
  }

  /**
   * Retries a failed message, once: a message already sent is refused, and two retries at once cannot both
   * send (the second finds the activity changed and fails with a conflict before calling the transport).
   */
  async retry(activityId: string): Promise<StoredActivity> {
    const [activity] = (await this.context.storage.get('activity', [activityId])) as unknown as (StoredActivity | undefined)[];
    if (!activity?.message) throw new CrmNotFoundError('activity', activityId);
    if (activity.message.status !== 'failed') throw new CrmRuleError('not_failed', `This message is ${activity.message.status}; only a failed message can be retried`);
    // Claim the retry first (queued again): a concurrent retry now conflicts instead of sending a second time.
    const claim = new WriteSet(this.context, 'message.retry');
    claim.update('activity', activity, { message: { ...activity.message, status: 'queued' } });
    const { records } = await claim.commit('activity');
    return this.deliver(records[0] as unknown as StoredActivity, activityId);
  }

  /**
   * Delivers due reminders, each exactly once: for every planned activity with reminder offsets whose time has
   * come (due time minus offset ≤ now, and the activity not yet past), an in-app notification is created under
   * a key of activity and offset — a second delivery of the same key is a conflict and is skipped, also after
   * a reload. E-mail reminders also go through the transport. The host calls this on a timer.
   */
  async deliverDueReminders(): Promise<StoredRecord<Notification>[]> {
    const now = this.context.now();
    const horizon = new Date(now.getTime() + 60 * 24 * 60 * 60_000).toISOString();
    const planned = (await this.context.storage.query({ entity: 'activity', where: [{ field: 'dueAt', op: 'range', gt: now.toISOString(), lte: horizon }] })).records as unknown as StoredActivity[];
    const delivered: StoredRecord<Notification>[] = [];
    for (const activity of planned) {
      if (activity.status !== 'planned' || !activity.reminderOffsetsMinutes || !activity.assigneeId) continue;
      for (const offset of activity.reminderOffsetsMinutes) {
        const fireAt = Date.parse(activity.dueAt) - offset * 60_000;
        if (fireAt > now.getTime()) continue;
        const key = `reminder:${activity.id}:${offset}`;
        const writes = new WriteSet(this.context, 'reminder.deliver');
        writes.create('notification', { userId: activity.assigneeId, kind: 'reminder', title: activity.summary, body: `${activity.dueAt}`, record: { entity: 'activity', id: activity.id }, reminderKey: key }, { id: key });
        try {
          const { records } = await writes.commit('notification');
          delivered.push(records[0] as unknown as StoredRecord<Notification>);
        } catch (error) {
          if (error instanceof CrmConflictError) continue; // delivered before (another tab, or before a reload)
          throw error;
        }
        if (activity.reminderChannels?.includes('email') && this.options.transport) {
          const [user] = await this.context.storage.get('user', [activity.assigneeId]);
          const email = user?.['email'];
          if (typeof email === 'string') await this.options.transport.send({ id: key, channel: 'email', to: [email], subject: `Nhắc việc: ${activity.summary}`, body: `${activity.summary} — ${activity.dueAt}`, format: 'text' });
        }
      }
    }
    return delivered;
  }

  /**
   * Notifies colleagues ("gửi thông báo tới"): users and every member of the named teams each get an in-app
   * notification, in one commit.
   */
  async notify(input: { userIds?: string[]; teamIds?: string[]; title: string; body?: string; record?: { entity: string; id: string } }): Promise<StoredRecord<Notification>[]> {
    const recipients = new Set(input.userIds ?? []);
    if (input.teamIds?.length) {
      const teams = await this.context.storage.get('salesTeam', input.teamIds);
      teams.forEach((team, i) => {
        if (!team) failField(`teamIds.${i}`, 'no sales team with this id', 'unknown_reference', 'notification');
        for (const member of (team!['memberIds'] as string[] | undefined) ?? []) recipients.add(member);
        if (typeof team!['leaderId'] === 'string') recipients.add(team!['leaderId']);
      });
    }
    if (recipients.size === 0) failField('userIds', 'name at least one user or team', 'too_small', 'notification');
    const writes = new WriteSet(this.context, 'notify');
    for (const userId of recipients) writes.create('notification', { userId, kind: 'info', title: input.title, ...(input.body ? { body: input.body } : {}), ...(input.record ? { record: input.record } : {}) });
    const { records } = await writes.commit('notification');
    return records as unknown as StoredRecord<Notification>[];
  }

  /** A user's notifications, unread first then newest. */
  async notificationsFor(userId: string): Promise<StoredRecord<Notification>[]> {
    const page = await this.context.storage.query({ entity: 'notification', where: [{ field: 'userId', op: 'eq', value: userId }] });
    return (page.records as unknown as StoredRecord<Notification>[]).sort((a, b) => Number(a.read) - Number(b.read) || b.createdAt.localeCompare(a.createdAt));
  }

  /** Marks a notification read. */
  async markRead(notificationId: string): Promise<void> {
    const [notification] = await this.context.storage.get('notification', [notificationId]);
    if (!notification) throw new CrmNotFoundError('notification', notificationId);
    if (notification['read']) return;
    const writes = new WriteSet(this.context, 'notification.read');
    writes.update('notification', notification, { read: true, readAt: this.context.now().toISOString() });
    await writes.commit('notification');
  }

  /** Marks every unread notification of a user read, in one commit; returns how many were marked. */
  async markAllRead(userId: string): Promise<number> {
    const unread = (await this.notificationsFor(userId)).filter((notification) => !notification.read);
    if (unread.length === 0) return 0;
    const writes = new WriteSet(this.context, 'notification.read');
    const at = this.context.now().toISOString();
    for (const notification of unread) writes.update('notification', notification, { read: true, readAt: at });
    await writes.commit('notification');
    return unread.length;
  }

  /**
   * Who is calling: contacts and leads whose phone is the same number after normalisation (+84, 84 or 0,
   * separators, and the 2018 move of 11-digit mobiles to 10 digits).
   */
  async screenPop(number: string): Promise<PhoneMatch[]> {
    const wanted = normalizePhone(number);
    if (!wanted) return [];
    const matches: PhoneMatch[] = [];
    for (const entity of ['contact', 'lead'] as const) {
      const label = (record: StoredRecord) => String(record[entity === 'contact' ? 'fullName' : 'contactName'] ?? record['title'] ?? record.id);
      const phoneRules = this.finder ? phoneOnlyRules(this.finder.settingsOf(entity)) : new Set<string>();
      if (phoneRules.size > 0) {
        // the duplicate engine's live index answers in a few comparisons, whatever the size of the store
        const probe = entity === 'contact' ? { phones: [{ number }] } : { phones: { mobile: number } };
        const { matches: found } = await this.finder!.check(entity, probe, { mode: 'edit', limit: 50 });
        for (const match of found) {
          if (match.entity === entity && match.record && match.rules.some((rule) => phoneRules.has(rule.ruleId))) matches.push({ entity, id: match.id, label: label(match.record) });
        }
        continue;
      }
      for (const record of await queryAll(this.context.storage, { entity })) {
        const phones =
          entity === 'contact'
            ? ((record['phones'] as { number: string }[] | undefined) ?? []).map((phone) => phone.number)
            : Object.values((record['phones'] as Record<string, string> | undefined) ?? {});
        if (phones.some((phone) => normalizePhone(phone) === wanted) && this.context.access.can(this.context.actor, 'read', entity, record)) {
          matches.push({ entity, id: record.id, label: label(record) });
        }
      }
    }
    return matches;
  }

  /** Logs a call as an activity with direction, duration, status and outcome (on the matched record if any). */
  async logCall(input: { direction: 'inbound' | 'outbound'; number: string; durationSeconds: number; status: 'answered' | 'missed' | 'busy' | 'failed' | 'voicemail'; outcome?: string; record?: RecordRef; at?: string }): Promise<StoredActivity> {
    const at = input.at ?? this.context.now().toISOString();
    const writes = new WriteSet(this.context, 'call.log');
    writes.create('activity', {
      kind: 'call',
      summary: `${input.direction === 'inbound' ? 'Cuộc gọi đến' : 'Cuộc gọi đi'} ${input.number}`,
      dueAt: at,
      status: 'done',
      doneAt: at,
      assigneeId: this.context.actor.id,
      ...(input.record ? { related: input.record } : {}),
      ...(input.outcome ? { outcome: input.outcome } : {}),
      call: { direction: input.direction, number: input.number, durationSeconds: input.durationSeconds, status: input.status, ...(input.outcome ? { outcome: input.outcome } : {}) },
    });
    const { records } = await writes.commit('activity');
    return records[0] as unknown as StoredActivity;
  }

  /** Click-to-call through the host's bridge. */
  async call(number: string): Promise<void> {
    if (!this.options.telephony) throw new CrmRuleError('no_telephony', 'No telephony bridge: pass createCrm({ communications: { telephony } })');
    await this.options.telephony.call(number);
  }

  /** Listens to incoming calls and hands each with its screen-pop matches to `listener`. */
  onIncomingCall(listener: (call: IncomingCall, matches: PhoneMatch[]) => void): () => void {
    if (!this.options.telephony) throw new CrmRuleError('no_telephony', 'No telephony bridge: pass createCrm({ communications: { telephony } })');
    return this.options.telephony.onIncomingCall((call) => {
      void this.screenPop(call.number).then((matches) => listener(call, matches));
    });
  }
}
