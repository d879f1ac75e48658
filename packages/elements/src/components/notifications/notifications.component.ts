import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { Notification, StoredRecord } from '@crmkit/core';
import { CrmElement } from '../../base/crm-element.js';
import { LiveLoad } from '../../base/live-load.js';
import { describeError } from '../../i18n/errors.js';
import { baseStyles } from '../../styles/theme.js';
import type { CrmErrorDetail, CrmNotificationReadDetail, CrmOpenRecordDetail } from '../../events.js';
import { notificationsTranslations, type NotificationsText } from './notifications.i18n.js';
import { notificationsStyles } from './notifications.styles.js';

type StoredNotification = StoredRecord<Notification>;

/**
 * A bell with the user's unread count and, when opened, their notifications (`crm.communications`): unread first,
 * each marked read on its own or all at once; one about a record opens it (`crm-open-record`). A reminder that
 * arrives while the page is open pops up. With `reminder-interval` set, the bell also delivers due reminders
 * on a timer (`crm.communications.deliverDueReminders`, exactly once per reminder, also across tabs and
 * reloads); a host with its own scheduler leaves it unset. Follows the store live.
 *
 * @summary The notification bell: unread count, list, mark as read, reminder pop-ups.
 *
 * @event {CustomEvent<CrmNotificationReadDetail>} crm-notification-read - After notifications were marked read. Detail: `CrmNotificationReadDetail`.
 * @event {CustomEvent<CrmOpenRecordDetail>} crm-open-record - The user opened the record of a notification. Detail: `CrmOpenRecordDetail`.
 * @event {CustomEvent<CrmErrorDetail>} crm-error - A service call failed.
 *
 * @csspart bell - The bell button.
 * @csspart panel - The list's panel.
 * @csspart popup - The reminder pop-up.
 *
 * @cssproperty --crm-notifications-badge-color - The unread count's background.
 */
export class CrmNotifications extends CrmElement<NotificationsText> {
  static override styles = [baseStyles, notificationsStyles];

  static override properties = {
    ...CrmElement.properties,
    userId: { attribute: 'user-id', reflect: true },
    reminderInterval: { attribute: 'reminder-interval', type: Number },
    open: { type: Boolean, reflect: true },
    popup: { state: true, attribute: false },
    errorMessage: { state: true, attribute: false },
    announcement: { state: true, attribute: false },
  };

  protected readonly translations = notificationsTranslations;

  /** Whose notifications; the acting user when unset. */
  userId: string | undefined;
  /** Seconds between deliveries of due reminders by this bell; 0 (default) leaves delivery to the host. */
  reminderInterval = 0;
  /** Whether the list is open. */
  open = false;

  private popup: StoredNotification | undefined;
  private errorMessage = '';
  private announcement = '';
  /** The notifications already there or already popped up, and whose they are. */
  private seen: Set<string> | undefined;
  private seenFor: string | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;

  private readonly live = new LiveLoad<StoredNotification[]>(this, {
    entities: ['notification'],
    key: () => this.currentUser(),
    load: async (crm) => {
      const user = this.currentUser();
      const notifications = await crm.communications.notificationsFor(user);
      this.noticeNew(user, notifications);
      return notifications;
    },
    onError: (error) => this.fail(error, 'load'),
  });

  private currentUser(): string {
    return this.userId ?? this.crm?.context.actor.id ?? '';
  }

  /** The unread count shown on the bell. */
  get unreadCount(): number {
    return (this.live.value ?? []).filter((notification) => !notification.read).length;
  }

  /**
   * A reminder not seen at the user's first load pops up (that load only records what was there, so another
   * user's old reminders never pop up after a switch); a pop-up whose notification was read or removed, here or
   * in another tab, goes away.
   */
  private noticeNew(user: string, notifications: readonly StoredNotification[]): void {
    if (user !== this.currentUser()) return;
    const current = this.popup && notifications.find((notification) => notification.id === this.popup!.id);
    if (this.popup && (!current || current.read)) this.popup = undefined;
    if (!this.seen || this.seenFor !== user) {
      this.seen = new Set(notifications.map((notification) => notification.id));
      this.seenFor = user;
      return;
    }
    for (const notification of notifications) {
      if (this.seen.has(notification.id)) continue;
      this.seen.add(notification.id);
      if (notification.kind === 'reminder' && !notification.read) this.popup = notification;
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopTimer();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.restartTimer();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('reminderInterval') || changed.has('crm')) this.restartTimer();
    if (this.seenFor !== undefined && this.seenFor !== this.currentUser()) {
      // another user (user-id, or the crm's actor): nothing of the previous user's stays on screen
      this.popup = undefined;
      this.seen = undefined;
      this.seenFor = undefined;
    }
  }

  private stopTimer(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  private restartTimer(): void {
    this.stopTimer();
    if (!this.isConnected || !this.crm || !(this.reminderInterval > 0)) return;
    this.timer = setInterval(() => void this.deliverReminders(), this.reminderInterval * 1000);
  }

  /** Delivers the due reminders now (what the timer does); resolves with how many were delivered. */
  async deliverReminders(): Promise<number> {
    if (!this.crm) return 0;
    try {
      return (await this.trackWork(this.crm.communications.deliverDueReminders())).length;
    } catch (error) {
      this.fail(error, 'deliverReminders');
      return 0;
    }
  }

  private fail(error: unknown, action: string): void {
    this.errorMessage = this.t('common.error', { message: describeError(error, this.currentLanguage) });
    this.emit<CrmErrorDetail>('crm-error', { error, action });
  }

  private when(at: string): string {
    return new Intl.DateTimeFormat(this.currentLanguage === 'vi' ? 'vi-VN' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' }).format(new Date(at));
  }

  override render(): TemplateResult {
    if (!this.crm) return html`<p class="message" role="alert">${this.t('common.noCrm')}</p>`;
    const notifications = this.live.value ?? [];
    const unread = this.unreadCount;
    return html`
      <button
        type="button"
        class="bell"
        part="bell"
        aria-expanded=${String(this.open)}
        aria-controls="panel"
        aria-label=${unread > 0 ? this.t('bellUnread', { count: unread }) : this.t('bell')}
        @click=${() => this.toggle()}
      >
        <svg class="icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
          <path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z" />
        </svg>${unread > 0 ? html`<span class="count" aria-hidden="true">${unread}</span>` : nothing}
      </button>
      <section id="panel" class="panel" part="panel" aria-labelledby="heading" ?hidden=${!this.open} @keydown=${(event: KeyboardEvent) => this.panelKey(event)}>
        <header>
          <h2 id="heading" tabindex="-1">${this.t('heading')}</h2>
          <button type="button" class="mark-all" ?disabled=${unread === 0} @click=${() => this.markAllRead()}>${this.t('markAllRead')}</button>
        </header>
        ${this.errorMessage ? html`<p class="message" role="alert">${this.errorMessage}</p>` : nothing}
        ${notifications.length === 0
          ? html`<p>${this.t('empty')}</p>`
          : html`<ul>
              ${repeat(notifications, (notification) => notification.id, (notification) => this.renderItem(notification))}
            </ul>`}
      </section>
      ${this.popup ? this.renderPopup(this.popup) : nothing}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
    `;
  }

  private renderItem(notification: StoredNotification): TemplateResult {
    return html`<li class=${notification.read ? 'read' : 'unread'} data-id=${notification.id}>
      <p class="title">
        ${notification.read ? nothing : html`<span class="visually-hidden">${this.t('unread')}: </span>`}${notification.kind === 'reminder' ? `${this.t('reminder')}: ` : ''}${notification.title}
      </p>
      ${notification.body ? html`<p class="body">${notification.body}</p>` : nothing}
      <p class="when">${this.when(notification.createdAt)}</p>
      <div class="actions">
        ${notification.record ? html`<button type="button" class="open" @click=${() => this.openRecord(notification)}>${this.t('open')}</button>` : nothing}
        ${notification.read ? nothing : html`<button type="button" class="mark" @click=${() => this.markRead(notification)}>${this.t('markRead')}</button>`}
      </div>
    </li>`;
  }

  private renderPopup(notification: StoredNotification): TemplateResult {
    return html`<div class="popup" part="popup" role="alert">
      <span>${this.t('popup', { title: notification.title })}</span>
      ${notification.record ? html`<button type="button" @click=${() => this.openRecord(notification)}>${this.t('open')}</button>` : nothing}
      <button type="button" @click=${() => this.dismissPopup()}>${this.t('common.close')}</button>
    </div>`;
  }

  private toggle(): void {
    this.open = !this.open;
  }

  private panelKey(event: KeyboardEvent): void {
    if (event.key !== 'Escape') return;
    this.open = false;
    this.renderRoot.querySelector<HTMLElement>('.bell')?.focus();
  }

  private dismissPopup(): void {
    this.popup = undefined;
    void this.refocus(['.bell']);
  }

  private async markRead(notification: StoredNotification): Promise<void> {
    // the item's "Mark as read" button goes with its unread state: focus moves on to the next item
    const shown = this.live.value ?? [];
    const index = shown.findIndex((candidate) => candidate.id === notification.id);
    const neighbours = index < 0 ? [] : [...shown.slice(index + 1), ...shown.slice(0, index).reverse()];
    try {
      await this.trackWork(this.crm!.communications.markRead(notification.id));
      this.emit<CrmNotificationReadDetail>('crm-notification-read', { notificationIds: [notification.id] });
      if (this.popup?.id === notification.id) this.popup = undefined;
      await this.live.reload();
    } catch (error) {
      this.fail(error, 'markRead');
      return;
    }
    if (!this.open) return;
    const item = (id: string) => `li[data-id="${CSS.escape(id)}"]`;
    await this.refocus([...neighbours.flatMap((neighbour) => [`${item(neighbour.id)} button.mark`, `${item(neighbour.id)} button`]), '#heading']);
  }

  private async markAllRead(): Promise<void> {
    const unread = (this.live.value ?? []).filter((notification) => !notification.read).map((notification) => notification.id);
    try {
      const count = await this.trackWork(this.crm!.communications.markAllRead(this.currentUser()));
      this.announcement = this.t('markedAll', { count });
      this.popup = undefined;
      this.emit<CrmNotificationReadDetail>('crm-notification-read', { notificationIds: unread });
      await this.live.reload();
    } catch (error) {
      this.fail(error, 'markAllRead');
      return;
    }
    // "Mark all as read" is disabled now that nothing is unread: the panel's heading takes the focus
    if (this.open) await this.refocus(['#heading']);
  }

  private async openRecord(notification: StoredNotification): Promise<void> {
    if (!notification.record) return;
    this.emit<CrmOpenRecordDetail>('crm-open-record', { entity: notification.record.entity, id: notification.record.id });
    if (!notification.read) await this.markRead(notification);
    this.popup = undefined;
  }
}
