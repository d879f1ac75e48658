import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { CrmValidationError, type Crm, type MessageTemplate, type RecordRef, type StoredActivity, type StoredRecord } from '@crmkit/core';
import { CrmElement } from '../../base/crm-element.js';
import { LiveLoad } from '../../base/live-load.js';
import { describeError } from '../../i18n/errors.js';
import { fieldErrorsOf } from '../../i18n/validation.js';
import { baseStyles } from '../../styles/theme.js';
import type { CrmErrorDetail, CrmMessageDetail } from '../../events.js';
import { composeTranslations, type ComposeText } from './compose.i18n.js';
import { composeStyles } from './compose.styles.js';

/** The channels a message goes out on. */
export type ComposeChannel = 'email' | 'sms' | 'zalo';
type Channel = ComposeChannel;
const CHANNELS: readonly Channel[] = ['email', 'sms', 'zalo'];
const ENTITIES = new Set(['contact', 'lead', 'company', 'opportunity']);

/** An attachment: a reference the host's transport resolves (a URL, a file id), and the name shown. */
export interface ComposeAttachment {
  ref: string;
  name?: string;
}

interface ComposeData {
  record: StoredRecord | undefined;
  templates: StoredRecord<MessageTemplate>[];
}

/** The addresses a record offers for a channel: its e-mails for e-mail, its phone numbers for SMS and Zalo. */
function recipientsOf(record: StoredRecord | undefined, channel: Channel): string[] {
  if (!record) return [];
  const values: string[] = [];
  if (channel === 'email') {
    for (const email of (record['emails'] as string[] | undefined) ?? []) values.push(email);
    if (typeof record['email'] === 'string') values.push(record['email']);
  } else {
    const phones = record['phones'];
    // contacts keep { number, kind } entries, companies plain numbers, leads { mobile, desk }
    if (Array.isArray(phones)) {
      for (const phone of phones as unknown[]) {
        if (typeof phone === 'string') values.push(phone);
        else if (phone && typeof phone === 'object' && 'number' in phone) values.push(String((phone as { number: string }).number));
      }
    } else if (phones && typeof phones === 'object') {
      for (const value of [(phones as { mobile?: string }).mobile, (phones as { desk?: string }).desk]) if (value) values.push(value);
    }
  }
  return [...new Set(values)];
}

/**
 * Writes an e-mail, SMS or Zalo message to a contact, lead, company or opportunity and sends it through the
 * host's transport (`crm.communications.send`): pick a template (rendered with the record's real data for the
 * preview), edit, attach references the host resolves, send. The message is logged as an activity on the record
 * with its status; a failed send shows the transport's reason and can be retried (never sent twice).
 *
 * @summary Compose and send a message from a record, with templates, preview and attachments.
 *
 * @event {CustomEvent<CrmMessageDetail>} crm-send-request - Before sending (cancelable). Detail: `CrmMessageDetail`.
 * @event {CustomEvent<CrmMessageDetail>} crm-message-sent - After the transport accepted the message. Detail: `CrmMessageDetail` with `activityId`.
 * @event {CustomEvent<CrmMessageDetail>} crm-message-failed - After the transport refused it. Detail: `CrmMessageDetail` with `activityId` and `reason`.
 * @event {CustomEvent<CrmErrorDetail>} crm-error - A service call failed.
 *
 * @csspart form - The composer's form.
 * @csspart preview - The preview of the message as the customer will see it.
 */
export class CrmCompose extends CrmElement<ComposeText> {
  static override styles = [baseStyles, composeStyles];

  static override properties = {
    ...CrmElement.properties,
    recordEntity: { attribute: 'record-entity', reflect: true },
    recordId: { attribute: 'record-id', reflect: true },
    channel: { reflect: true },
    attachments: { attribute: false },
    templateId: { state: true, attribute: false },
    to: { state: true, attribute: false },
    subject: { state: true, attribute: false },
    body: { state: true, attribute: false },
    format: { state: true, attribute: false },
    busy: { state: true, attribute: false },
    status: { state: true, attribute: false },
    failed: { state: true, attribute: false },
    fieldErrors: { state: true, attribute: false },
    errorMessage: { state: true, attribute: false },
  };

  protected readonly translations = composeTranslations;

  /** The kind of record written to: `contact`, `lead`, `company` or `opportunity`. */
  recordEntity: RecordRef['entity'] | undefined;
  /** The record's id. */
  recordId: string | undefined;
  /** `email` (default), `sms` or `zalo`. */
  channel: ComposeChannel = 'email';
  /** The attachments (the host may set them, e.g. from its own file picker). */
  attachments: ComposeAttachment[] = [];

  private templateId = '';
  private to = '';
  private subject = '';
  private body = '';
  private format: 'text' | 'html' = 'text';
  private busy = false;
  private status = '';
  private failed: StoredActivity | undefined;
  private fieldErrors: Record<string, string> = {};
  private errorMessage = '';
  private recipientsFor = '';

  private readonly live = new LiveLoad<ComposeData>(this, {
    entities: ['messageTemplate', 'contact', 'lead', 'company', 'opportunity'],
    key: () => this.recordKey(),
    load: async (crm) => {
      const ref = this.ref();
      const [templates, record] = await Promise.all([
        crm.messageTemplates.listAll(),
        ref ? crm.context.storage.get(ref.entity, [ref.id]).then(([found]) => found) : Promise.resolve(undefined),
      ]);
      return { record, templates: templates.filter((template) => template.active) };
    },
    onError: (error) => this.fail(error, 'load'),
  });

  private recordKey(): string {
    return `${this.recordEntity ?? ''}|${this.recordId ?? ''}`;
  }

  private ref(): RecordRef | undefined {
    return this.recordEntity && ENTITIES.has(this.recordEntity) && this.recordId ? { entity: this.recordEntity, id: this.recordId } : undefined;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('channel') && !CHANNELS.includes(this.channel)) this.channel = 'email';
    // a template (and its HTML) belongs to one channel: a change of channel, by the user or the host, drops it
    if (this.hasUpdated && changed.has('channel') && changed.get('channel') !== this.channel) {
      this.templateId = '';
      this.format = 'text';
    }
    // a failed message, its status and the chosen template belong to the record they were written for
    if (this.hasUpdated && (changed.has('recordEntity') || changed.has('recordId'))) {
      this.failed = undefined;
      this.status = '';
      this.templateId = '';
      this.format = 'text';
      this.fieldErrors = {};
    }
    // the recipients follow the record and channel until the user types their own
    const key = `${this.recordId ?? ''}|${this.channel}|${this.live.value?.record?.id ?? ''}`;
    if (this.live.value && key !== this.recipientsFor) {
      this.recipientsFor = key;
      this.to = recipientsOf(this.live.value.record, this.channel).join(', ');
    }
  }

  private fail(error: unknown, action: string): void {
    this.errorMessage = this.t('common.error', { message: describeError(error, this.currentLanguage) });
    this.emit<CrmErrorDetail>('crm-error', { error, action });
  }

  private templatesShown(): StoredRecord<MessageTemplate>[] {
    return (this.live.value?.templates ?? []).filter((template) => template.entity === this.recordEntity && template.channel === this.channel);
  }

  override render(): TemplateResult {
    if (!this.crm) return html`<p class="message" role="alert">${this.t('common.noCrm')}</p>`;
    if (!this.ref()) return html`<p class="message">${this.t('noRecord')}</p>`;
    return html`
      <form part="form" aria-labelledby="heading" novalidate @submit=${(event: Event) => this.send(event)}>
        <h2 id="heading">${this.t('heading')}</h2>
        ${this.errorMessage ? html`<p class="message" role="alert">${this.errorMessage}</p>` : nothing}
        <div class="row">
          <label>${this.t('channel')}
            <select name="channel" @change=${(event: Event) => this.changeChannel((event.target as HTMLSelectElement).value as Channel)}>
              ${CHANNELS.map((channel) => html`<option value=${channel} ?selected=${channel === this.channel}>${this.t(`channel.${channel}`)}</option>`)}
            </select>
          </label>
          <label>${this.t('template')}
            <select name="template" @change=${(event: Event) => this.pickTemplate((event.target as HTMLSelectElement).value)}>
              <option value="" ?selected=${this.templateId === ''}>${this.t('noTemplate')}</option>
              ${this.templatesShown().map((template) => html`<option value=${template.id} ?selected=${template.id === this.templateId}>${template.name}</option>`)}
            </select>
          </label>
        </div>
        ${this.textField('to', this.t('to'), this.to, (value) => (this.to = value))}
        ${this.channel === 'email' ? this.textField('subject', this.t('subject'), this.subject, (value) => (this.subject = value)) : nothing}
        <label>${this.t('body')}
          <textarea
            name="body"
            .value=${this.body}
            aria-invalid=${String(Boolean(this.fieldErrors['body']))}
            aria-describedby=${this.fieldErrors['body'] ? 'error-body' : nothing}
            @input=${(event: Event) => (this.body = (event.target as HTMLTextAreaElement).value)}
          ></textarea>
        </label>
        ${this.fieldErrors['body'] ? html`<p class="field-error" id="error-body">${this.fieldErrors['body']}</p>` : nothing}
        ${this.renderAttachments()}
        <section aria-label=${this.t('preview')}>
          <h3>${this.t('preview')}</h3>
          <div class="preview" part="preview">
            ${this.channel === 'email' && this.subject ? html`<strong>${this.subject}</strong>\n` : nothing}${this.formatToSend() === 'html'
              ? html`<iframe title=${this.t('preview')} sandbox="" .srcdoc=${this.body}></iframe>`
              : this.body}
          </div>
        </section>
        <div class="actions">
          <button type="submit" class="primary" ?disabled=${this.busy}>${this.busy ? this.t('sending') : this.t('send')}</button>
          ${this.failed ? html`<button type="button" class="retry" ?disabled=${this.busy} @click=${() => this.retry()}>${this.t('retry')}</button>` : nothing}
        </div>
        <p class="status ${this.failed ? 'message' : 'sent'}" role="status" aria-live="polite">${this.status}</p>
      </form>
    `;
  }

  private textField(name: string, label: string, value: string, set: (value: string) => void): TemplateResult {
    const error = this.fieldErrors[name];
    return html`<label>${label}
        <input
          name=${name}
          .value=${value}
          aria-invalid=${String(Boolean(error))}
          aria-describedby=${error ? `error-${name}` : nothing}
          @input=${(event: Event) => set((event.target as HTMLInputElement).value)}
        />
      </label>
      ${error ? html`<p class="field-error" id="error-${name}">${error}</p>` : nothing}`;
  }

  private renderAttachments(): TemplateResult {
    return html`<fieldset>
      <legend>${this.t('attachments')}</legend>
      ${this.attachments.length === 0
        ? html`<p class="meta">${this.t('noAttachments')}</p>`
        : html`<ul>
            ${this.attachments.map(
              (attachment, i) => html`<li>
                ${attachment.name ?? attachment.ref}
                <button type="button" aria-label=${this.t('remove', { name: attachment.name ?? attachment.ref })} @click=${() => this.removeAttachment(i)}>✕</button>
              </li>`,
            )}
          </ul>`}
      <div class="row">
        <label>${this.t('attachmentName')}<input name="attachmentName" /></label>
        <label>${this.t('attachmentRef')}<input name="attachmentRef" /></label>
      </div>
      <button type="button" class="attach" @click=${() => this.addAttachment()}>${this.t('attach')}</button>
    </fieldset>`;
  }

  private changeChannel(channel: Channel): void {
    this.channel = channel;
    this.templateId = '';
    this.format = 'text';
  }

  /** HTML goes out by e-mail only: an SMS or Zalo message is plain text, whatever template it started from. */
  private formatToSend(): 'text' | 'html' {
    return this.channel === 'email' ? this.format : 'text';
  }

  private async pickTemplate(templateId: string): Promise<void> {
    this.templateId = templateId;
    const ref = this.ref();
    if (!templateId || !ref) {
      this.format = 'text';
      return;
    }
    const template = this.live.value?.templates.find((candidate) => candidate.id === templateId);
    try {
      const rendered = await this.trackWork(this.crm!.communications.preview(templateId, ref));
      this.subject = rendered.subject ?? '';
      this.body = rendered.body;
      this.format = this.channel === 'email' ? (template?.format ?? 'text') : 'text';
    } catch (error) {
      this.fail(error, 'preview');
    }
  }

  private addAttachment(): void {
    const name = this.renderRoot.querySelector<HTMLInputElement>('input[name="attachmentName"]');
    const ref = this.renderRoot.querySelector<HTMLInputElement>('input[name="attachmentRef"]');
    const value = ref?.value.trim() ?? '';
    if (!value) {
      ref?.focus();
      return;
    }
    this.attachments = [...this.attachments, name?.value.trim() ? { ref: value, name: name.value.trim() } : { ref: value }];
    if (name) name.value = '';
    if (ref) ref.value = '';
  }

  private removeAttachment(index: number): void {
    this.attachments = this.attachments.filter((_, i) => i !== index);
  }

  private detail(extra: Partial<CrmMessageDetail> = {}): CrmMessageDetail {
    const ref = this.ref()!;
    return { record: ref, channel: this.channel, to: this.recipients(), ...extra };
  }

  /** What a logged message was: its record, channel and recipients as stored (a retry sends exactly that). */
  private detailOf(activity: StoredActivity, extra: Partial<CrmMessageDetail> = {}): CrmMessageDetail {
    const message = activity.message!;
    return { record: activity.related ?? this.ref()!, channel: message.channel, to: [...message.to], ...extra };
  }

  private recipients(): string[] {
    return this.to
      .split(/[,;]/)
      .map((value) => value.trim())
      .filter(Boolean);
  }

  private async send(event: Event): Promise<void> {
    event.preventDefault();
    const ref = this.ref();
    if (!ref || this.busy) return;
    if (!this.emit('crm-send-request', this.detail(), { cancelable: true })) {
      this.status = this.t('vetoed');
      return;
    }
    this.fieldErrors = {};
    this.errorMessage = '';
    // the service takes a template's own format over the one given: an HTML template is named on e-mail only
    const template = this.live.value?.templates.find((candidate) => candidate.id === this.templateId);
    const templateId = this.templateId && (this.channel === 'email' || template?.format !== 'html') ? this.templateId : '';
    await this.deliver((crm) =>
      crm.communications.send({
        record: ref,
        channel: this.channel,
        to: this.recipients(),
        ...(templateId ? { templateId } : {}),
        ...(this.channel === 'email' && this.subject ? { subject: this.subject } : {}),
        body: this.body,
        format: this.formatToSend(),
        ...(this.attachments.length > 0 ? { attachments: this.attachments.map((attachment) => ({ ...attachment })) } : {}),
      }),
    );
  }

  private async retry(): Promise<void> {
    const failed = this.failed;
    if (!failed || this.busy) return;
    await this.deliver((crm) => crm.communications.retry(failed.id));
  }

  private async deliver(work: (crm: Crm) => Promise<StoredActivity>): Promise<void> {
    this.busy = true;
    const writtenFor = this.recordKey();
    try {
      const activity = await this.trackWork(work(this.crm!));
      const message = activity.message!;
      if (this.recordKey() !== writtenFor) {
        // the host moved to another record meanwhile: report the outcome, but offer no retry on the new record
        if (message.status === 'sent') this.emit<CrmMessageDetail>('crm-message-sent', this.detailOf(activity, { activityId: activity.id }));
        else this.emit<CrmMessageDetail>('crm-message-failed', this.detailOf(activity, { activityId: activity.id, reason: message.failureReason ?? '' }));
      } else if (message.status === 'sent') {
        this.failed = undefined;
        this.status = this.t('sent', { to: message.to.join(', ') });
        this.emit<CrmMessageDetail>('crm-message-sent', this.detailOf(activity, { activityId: activity.id }));
      } else {
        this.failed = activity;
        this.status = this.t('failed', { reason: message.failureReason ?? '' });
        this.emit<CrmMessageDetail>('crm-message-failed', this.detailOf(activity, { activityId: activity.id, reason: message.failureReason ?? '' }));
      }
    } catch (error) {
      if (error instanceof CrmValidationError) {
        this.fieldErrors = fieldErrorsOf(error.issues, this.currentLanguage, 'message.');
        this.emit<CrmErrorDetail>('crm-error', { error, action: 'send' });
      } else this.fail(error, 'send');
    } finally {
      this.busy = false;
    }
  }
}
