import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { reminderState, CrmValidationError, type ActivityType, type AgendaSpan, type Crm, type PlannedActivity, type StoredRecord } from '@crmkit/core';
import { CrmElement } from '../../base/crm-element.js';
import { LiveLoad } from '../../base/live-load.js';
import { styleProperties } from '../../base/style-properties.js';
import { describeError } from '../../i18n/errors.js';
import { fieldErrorsOf, translateIssue } from '../../i18n/validation.js';
import type { Language } from '../../i18n/translate.js';
import { baseStyles } from '../../styles/theme.js';
import type { CrmActivityCompleteDetail, CrmActivityRescheduleDetail, CrmErrorDetail, CrmSavedDetail } from '../../events.js';
import { hourLabel, instantOf, localParts, rowHour, shiftedDueAt, stepDate, viewDates } from './agenda-calendar.js';
import { agendaTranslations, type AgendaText } from './agenda.i18n.js';
import { agendaStyles } from './agenda.styles.js';

const KINDS = ['call', 'email', 'meeting', 'sms', 'zalo', 'visit', 'todo', 'other'] as const;
/** How many activities a month cell lists before "+N more". */
const MONTH_CELL_LIMIT = 3;

interface AgendaData {
  activities: PlannedActivity[];
  types: StoredRecord<ActivityType>[];
}

type DateStyle = 'long' | 'short' | 'weekday';

const DATE_STYLES: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  long: { weekday: 'long', day: 'numeric', month: 'numeric', year: 'numeric', timeZone: 'UTC' },
  short: { weekday: 'short', day: 'numeric', month: 'numeric', timeZone: 'UTC' },
  weekday: { weekday: 'short', timeZone: 'UTC' },
};
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A date formatter per language and style, made once: a week view formats a date for each of its ~100 slots. */
function dateFormat(language: Language, style: DateStyle): Intl.DateTimeFormat {
  const key = `${language}|${style}`;
  let format = dateFormats.get(key);
  if (!format) dateFormats.set(key, (format = new Intl.DateTimeFormat(language === 'vi' ? 'vi-VN' : 'en-GB', DATE_STYLES[style])));
  return format;
}

/** What the create form holds. */
interface Draft {
  date: string;
  time: string;
}

/**
 * A user's day, week or month of activities (`crm.activityPlanner`): overdue ones marked; click a slot (or a
 * day's "+" button) to create an activity there; drag an activity to another slot, or select it and press
 * Alt + arrow keys, to reschedule; complete it with an outcome — when its type names a next type, the next
 * activity is scheduled (or suggested) and announced. Days begin at the planner's UTC offset (Vietnam's by
 * default), whatever the browser's time zone. Follows the store live.
 *
 * `updateComplete` also waits for the data being loaded and saved.
 *
 * @summary A user's agenda: day / week / month, create, drag to reschedule, complete.
 *
 * @event {CustomEvent<CrmSavedDetail>} crm-saved - After an activity was created from a slot (`entity: 'activity'`). Detail: `CrmSavedDetail`.
 * @event {CustomEvent<CrmActivityRescheduleDetail>} crm-activity-reschedule-request - Before an activity moves (cancelable). Detail: `CrmActivityRescheduleDetail`.
 * @event {CustomEvent<CrmActivityRescheduleDetail>} crm-activity-reschedule - After it moved.
 * @event {CustomEvent<CrmActivityCompleteDetail>} crm-activity-complete - After an activity was completed. Detail: `CrmActivityCompleteDetail`.
 * @event {CustomEvent<CrmErrorDetail>} crm-error - A service call failed; the agenda shows the message too.
 *
 * @csspart toolbar - The navigation and view switch.
 * @csspart grid - The calendar grid.
 * @csspart activity - One activity in the grid.
 * @csspart details - The side panel (create form or the selected activity).
 *
 * @cssproperty --crm-agenda-activity-color - The stripe of a planned activity.
 * @cssproperty --crm-agenda-overdue-color - The stripe of an overdue activity.
 */
export class CrmAgenda extends CrmElement<AgendaText> {
  static override styles = [baseStyles, agendaStyles];

  static override properties = {
    ...CrmElement.properties,
    userId: { attribute: 'user-id', reflect: true },
    date: { reflect: true },
    view: { reflect: true },
    firstHour: { attribute: 'first-hour', type: Number },
    lastHour: { attribute: 'last-hour', type: Number },
    selectedId: { state: true, attribute: false },
    draft: { state: true, attribute: false },
    dropTarget: { state: true, attribute: false },
    errorMessage: { state: true, attribute: false },
    fieldErrors: { state: true, attribute: false },
    announcement: { state: true, attribute: false },
    suggestion: { state: true, attribute: false },
  };

  protected readonly translations = agendaTranslations;

  /** Whose agenda (a user id); the acting user when unset. */
  userId: string | undefined;
  /** A date (YYYY-MM-DD) in the period shown; today when unset. */
  date: string | undefined;
  /** `day`, `week` (default) or `month`. */
  view: AgendaSpan = 'week';
  /** The first hour row of the day and week views (activities earlier are drawn in it). */
  firstHour = 7;
  /** The last hour row of the day and week views (activities later are drawn in it). */
  lastHour = 19;

  private selectedId: string | undefined;
  private draft: Draft | undefined;
  private dropTarget: string | undefined;
  private errorMessage = '';
  private fieldErrors: Record<string, string> = {};
  private announcement = '';
  private suggestion: Record<string, unknown> | undefined;
  private draggingId: string | undefined;
  private focusAfterRender: string | undefined;
  /** The instant this render judges lateness by (read once, not per activity). */
  private renderedAt = '';

  private readonly live = new LiveLoad<AgendaData>(this, {
    entities: ['activity', 'activityType'],
    key: () => `${this.currentUser()}|${this.view}|${this.currentDate()}`,
    load: async (crm) => {
      const user = this.currentUser();
      // the month grid shows whole weeks, so it reads them week by week (days of the months around included)
      const periods = this.view === 'month' ? viewDates(this.currentDate(), 'month').filter((_, i) => i % 7 === 0).map((date) => ({ date, span: 'week' as const })) : [{ date: this.currentDate(), span: this.view }];
      const [types, ...parts] = await Promise.all([crm.activityTypes.listAll(), ...periods.map((period) => crm.activityPlanner.agenda(user, period))]);
      return { activities: parts.flat(), types: types.filter((type) => type.active) };
    },
    onError: (error) => this.fail(error, 'load'),
  });

  private offset(): number {
    return this.crm?.activityPlanner.utcOffsetMinutes ?? 420;
  }

  private currentUser(): string {
    return this.userId ?? this.crm?.context.actor.id ?? '';
  }

  private today(): string {
    return localParts((this.crm?.context.now() ?? new Date()).toISOString(), this.offset()).date;
  }

  private currentDate(): string {
    return this.date && /^\d{4}-\d{2}-\d{2}$/.test(this.date) ? this.date : this.today();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('view') && !['day', 'week', 'month'].includes(this.view)) this.view = 'week';
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.focusAfterRender) {
      this.renderRoot.querySelector<HTMLElement>(this.focusAfterRender)?.focus();
      this.focusAfterRender = undefined;
    }
  }

  private fail(error: unknown, action: string): void {
    this.errorMessage = this.t('common.error', { message: describeError(error, this.currentLanguage) });
    this.emit<CrmErrorDetail>('crm-error', { error, action });
  }

  private dateLabel(date: string, style: DateStyle = 'short'): string {
    return dateFormat(this.currentLanguage, style).format(new Date(`${date}T00:00:00.000Z`));
  }

  private heading(): string {
    const date = this.currentDate();
    if (this.view === 'day') return this.t('titleDay', { date: this.dateLabel(date, 'long') });
    if (this.view === 'month') return this.t('titleMonth', { month: Number(date.slice(5, 7)), year: date.slice(0, 4) });
    const days = viewDates(date, 'week');
    return this.t('titleWeek', { from: this.dateLabel(days[0]!), to: this.dateLabel(days[6]!) });
  }

  // ---- navigation ------------------------------------------------------------------------------------------

  private go(date: string): void {
    this.date = date;
    this.selectedId = undefined;
  }

  private setView(view: AgendaSpan): void {
    this.view = view;
  }

  // ---- rendering ---------------------------------------------------------------------------------------------

  override render(): TemplateResult {
    if (!this.crm) return html`<p class="message" role="alert">${this.t('common.noCrm')}</p>`;
    this.renderedAt = this.crm.context.now().toISOString();
    const data = this.live.value;
    return html`
      <section aria-label=${this.t('label')}>
        <div class="toolbar" part="toolbar">
          <button type="button" @click=${() => this.go(stepDate(this.currentDate(), this.view, -1))} aria-label=${this.t('previous')}>‹</button>
          <button type="button" @click=${() => this.go(this.today())}>${this.t('today')}</button>
          <button type="button" @click=${() => this.go(stepDate(this.currentDate(), this.view, 1))} aria-label=${this.t('next')}>›</button>
          <h2 id="agenda-heading" tabindex="-1">${this.heading()}</h2>
          <div class="views" role="group" aria-label=${this.t('views')}>
            ${(['day', 'week', 'month'] as const).map(
              (view) => html`<button type="button" aria-pressed=${String(this.view === view)} @click=${() => this.setView(view)}>${this.t(view)}</button>`,
            )}
          </div>
          <button type="button" class="primary" @click=${() => this.openDraft(this.currentDate(), hourLabel(this.firstHour + 2))}>${this.t('add')}</button>
        </div>
        <p class="help">${this.t('help')}</p>
        ${this.errorMessage ? html`<p class="message" role="alert">${this.errorMessage}</p>` : nothing}
        <div class="layout">
          ${data ? (this.view === 'month' ? this.renderMonth(data) : this.renderTimeGrid(data)) : html`<p>${this.t('common.loading')}</p>`}
          ${this.renderSide(data)}
        </div>
        <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      </section>
    `;
  }

  private renderTimeGrid(data: AgendaData): TemplateResult {
    const days = viewDates(this.currentDate(), this.view);
    const today = this.today();
    const hours: number[] = [];
    for (let hour = this.firstHour; hour <= this.lastHour; hour++) hours.push(hour);
    const bySlot = new Map<string, PlannedActivity[]>();
    for (const activity of data.activities) {
      const local = localParts(activity.dueAt, this.offset());
      const key = `${local.date}|${rowHour(local.hour, this.firstHour, this.lastHour)}`;
      bySlot.set(key, [...(bySlot.get(key) ?? []), activity]);
    }
    return html`
      <div class="grid time-grid" part="grid" ${styleProperties({ '--days': String(days.length) })}>
        <div class="head"></div>
        ${days.map(
          (date) => html`<div class="head ${date === today ? 'today' : ''}">
            <span>${this.dateLabel(date)}</span>
            <button type="button" class="add-day" aria-label=${this.t('addOn', { date: this.dateLabel(date, 'long') })} @click=${() => this.openDraft(date, hourLabel(this.firstHour + 2))}>+</button>
          </div>`,
        )}
        ${hours.map(
          (hour) => html`
            <div class="hour">${hourLabel(hour)}</div>
            ${days.map((date) => {
              const key = `${date}|${hour}`;
              return html`<div
                class="slot ${this.dropTarget === key ? 'drop' : ''}"
                data-date=${date}
                data-hour=${hour}
                title=${this.t('slot', { time: hourLabel(hour), date: this.dateLabel(date) })}
                @click=${(event: Event) => this.slotClicked(event, date, hourLabel(hour))}
                @dragover=${(event: DragEvent) => this.dragOver(event, key)}
                @dragleave=${() => this.dragLeave(key)}
                @drop=${(event: DragEvent) => this.drop(event, date, hour)}
              >
                ${(bySlot.get(key) ?? []).map((activity) => this.renderActivity(activity))}
              </div>`;
            })}
          `,
        )}
      </div>
    `;
  }

  private renderMonth(data: AgendaData): TemplateResult {
    const current = this.currentDate().slice(0, 7);
    const today = this.today();
    const byDate = new Map<string, PlannedActivity[]>();
    for (const activity of data.activities) {
      const date = localParts(activity.dueAt, this.offset()).date;
      byDate.set(date, [...(byDate.get(date) ?? []), activity]);
    }
    const weekdays = viewDates('2026-11-23', 'week').map((date) => this.dateLabel(date, 'weekday'));
    return html`
      <div class="grid month-grid" part="grid">
        ${weekdays.map((name) => html`<div class="head">${name}</div>`)}
        ${viewDates(this.currentDate(), 'month').map((date) => {
          const activities = byDate.get(date) ?? [];
          const key = `${date}|month`;
          return html`<div
            class="cell ${date.slice(0, 7) === current ? '' : 'outside'} ${date === today ? 'today' : ''} ${this.dropTarget === key ? 'drop' : ''}"
            data-date=${date}
            @click=${(event: Event) => this.slotClicked(event, date, hourLabel(this.firstHour + 2))}
            @dragover=${(event: DragEvent) => this.dragOver(event, key)}
            @dragleave=${() => this.dragLeave(key)}
            @drop=${(event: DragEvent) => this.drop(event, date)}
          >
            <div class="date">
              <span>${Number(date.slice(8, 10))}</span>
              <button type="button" class="add-day" aria-label=${this.t('addOn', { date: this.dateLabel(date, 'long') })} @click=${() => this.openDraft(date, hourLabel(this.firstHour + 2))}>+</button>
            </div>
            ${activities.slice(0, MONTH_CELL_LIMIT).map((activity) => this.renderActivity(activity))}
            ${activities.length > MONTH_CELL_LIMIT
              ? html`<button type="button" class="more" @click=${() => this.openDay(date)}>${this.t('more', { count: activities.length - MONTH_CELL_LIMIT })}</button>`
              : nothing}
          </div>`;
        })}
      </div>
    `;
  }

  private renderActivity(activity: PlannedActivity): TemplateResult {
    const now = this.renderedAt;
    const overdue = reminderState(activity, now) === 'overdue';
    const done = activity.status === 'done';
    const local = localParts(activity.dueAt, this.offset());
    // the name read out is the visible text plus the kind, so a voice user can say what they see
    return html`<button
      type="button"
      class="activity ${overdue ? 'overdue' : ''} ${done ? 'done' : ''}"
      part="activity"
      data-id=${activity.id}
      draggable=${done ? 'false' : 'true'}
      aria-pressed=${String(this.selectedId === activity.id)}
      @click=${(event: Event) => this.select(event, activity.id)}
      @keydown=${(event: KeyboardEvent) => this.activityKey(event, activity)}
      @dragstart=${(event: DragEvent) => this.dragStart(event, activity.id)}
      @dragend=${() => this.dragEnd()}
    >
      ${local.time} ${activity.summary}<span class="visually-hidden">, ${this.t(`kind.${activity.kind}`)}${done ? this.t('stateDone') : ''}</span>${overdue
        ? html`<span class="badge overdue">${this.t('overdue')}</span>`
        : nothing}
    </button>`;
  }

  private renderSide(data: AgendaData | undefined): TemplateResult {
    const selected = data?.activities.find((activity) => activity.id === this.selectedId);
    if (this.draft) return this.renderDraft(data);
    if (selected) return this.renderDetails(selected);
    return html`<aside part="details">
      <p class="meta">${data && data.activities.length === 0 ? this.t('noActivities') : this.t('help')}</p>
      ${this.suggestion ? this.renderSuggestion(this.suggestion) : nothing}
    </aside>`;
  }

  private fieldError(path: string): TemplateResult | typeof nothing {
    const message = this.fieldErrors[path];
    return message ? html`<p class="field-error" id="error-${path}">${message}</p>` : nothing;
  }

  private renderDraft(data: AgendaData | undefined): TemplateResult {
    const draft = this.draft!;
    return html`<aside part="details" aria-labelledby="draft-heading">
      <h3 id="draft-heading">${this.t('add')}</h3>
      <form @submit=${(event: Event) => this.create(event)} novalidate>
        <label>${this.t('summary')}
          <input name="summary" required aria-invalid=${String(Boolean(this.fieldErrors['summary']))} aria-describedby=${this.fieldErrors['summary'] ? 'error-summary' : nothing} />
        </label>
        ${this.fieldError('summary')}
        <label>${this.t('type')}
          <select name="typeId">
            <option value="">${this.t('kindOnly')}</option>
            ${(data?.types ?? []).map((type) => html`<option value=${type.id}>${type.name}</option>`)}
          </select>
        </label>
        <label>${this.t('kind')}
          <select name="kind">${KINDS.map((kind) => html`<option value=${kind}>${this.t(`kind.${kind}`)}</option>`)}</select>
        </label>
        <div class="row">
          <label>${this.t('date')}<input name="date" type="date" .value=${draft.date} required /></label>
          <label>${this.t('time')}<input name="time" type="time" .value=${draft.time} required /></label>
        </div>
        ${this.fieldError('dueAt')}
        <label>${this.t('duration')}<input name="durationMinutes" type="number" min="0" max="1440" step="5" value="30" /></label>
        ${this.fieldError('durationMinutes')}
        <div class="row">
          <button type="submit" class="primary">${this.t('create')}</button>
          <button type="button" @click=${() => this.closeDraft()}>${this.t('common.cancel')}</button>
        </div>
      </form>
    </aside>`;
  }

  private renderDetails(activity: PlannedActivity): TemplateResult {
    const local = localParts(activity.dueAt, this.offset());
    const planned = activity.status === 'planned';
    return html`<aside part="details" aria-labelledby="details-heading">
      <h3 id="details-heading" tabindex="-1">${activity.summary}</h3>
      <p class="meta">${this.t(`kind.${activity.kind}`)} · ${this.t('due', { time: local.time, date: this.dateLabel(local.date) })}</p>
      ${activity.related ? html`<p class="meta">${this.t('related', { entity: `${activity.related.entity} ${activity.related.id}` })}</p>` : nothing}
      ${activity.outcome ? html`<p>${this.t('outcome')}: ${activity.outcome}</p>` : nothing}
      ${planned
        ? html`
            <form @submit=${(event: Event) => this.complete(event, activity)}>
              <label>${this.t('outcome')}<textarea name="outcome" rows="3"></textarea></label>
              ${this.fieldError('outcome')}
              <button type="submit" class="primary">${this.t('complete')}</button>
            </form>
            <form @submit=${(event: Event) => this.rescheduleFromForm(event, activity)}>
              <div class="row">
                <label>${this.t('date')}<input name="date" type="date" .value=${local.date} required /></label>
                <label>${this.t('time')}<input name="time" type="time" .value=${local.time} required /></label>
              </div>
              <button type="submit">${this.t('reschedule')}</button>
            </form>
            <button type="button" @click=${() => this.cancelActivity(activity)}>${this.t('cancelActivity')}</button>
          `
        : html`<p class="meta">${this.t('done')}</p>`}
      ${this.suggestion ? this.renderSuggestion(this.suggestion) : nothing}
      <button type="button" @click=${() => this.closeDetails(activity.id)}>${this.t('common.close')}</button>
    </aside>`;
  }

  private renderSuggestion(suggestion: Record<string, unknown>): TemplateResult {
    return html`<button type="button" class="primary suggestion" @click=${() => this.scheduleSuggestion(suggestion)}>${this.t('scheduleSuggestion')}: ${String(suggestion['summary'] ?? '')}</button>`;
  }

  // ---- interaction -------------------------------------------------------------------------------------------

  private select(event: Event | undefined, id: string | undefined): void {
    event?.stopPropagation();
    this.selectedId = this.selectedId === id ? undefined : id;
    this.draft = undefined;
    this.fieldErrors = {};
  }

  private closeDetails(id: string): void {
    this.select(undefined, undefined);
    void this.refocus([this.chipSelector(id), '#agenda-heading']);
  }

  private openDay(date: string): void {
    this.date = date;
    this.view = 'day';
  }

  private slotClicked(event: Event, date: string, time: string): void {
    // a click on an activity or a button inside the slot is theirs, not the slot's
    if ((event.target as HTMLElement).closest('button')) return;
    this.openDraft(date, time);
  }

  private openDraft(date: string, time: string): void {
    this.draft = { date, time };
    this.selectedId = undefined;
    this.fieldErrors = {};
    this.focusAfterRender = 'input[name="summary"]';
  }

  private closeDraft(): void {
    this.draft = undefined;
    this.fieldErrors = {};
  }

  private async run<T>(action: string, work: (crm: Crm) => Promise<T>): Promise<T | undefined> {
    const crm = this.crm;
    if (!crm) return undefined;
    this.errorMessage = '';
    try {
      return await this.trackWork(work(crm));
    } catch (error) {
      if (error instanceof CrmValidationError) {
        this.fieldErrors = fieldErrorsOf(error.issues, this.currentLanguage);
        this.emit<CrmErrorDetail>('crm-error', { error, action });
      } else this.fail(error, action);
      return undefined;
    }
  }

  private async create(event: Event): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const get = (name: string) => String(form.get(name) ?? '').trim();
    const date = get('date');
    const time = get('time');
    const input: Record<string, unknown> = { summary: get('summary'), assigneeId: this.currentUser() };
    if (get('typeId')) input['typeId'] = get('typeId');
    else input['kind'] = get('kind');
    if (!get('summary') && !get('typeId')) delete input['summary'];
    input['dueAt'] = /^\d{4}-\d{2}-\d{2}$/.test(date) && /^\d{2}:\d{2}$/.test(time) ? instantOf(date, time, this.offset()) : `${date}T${time}`;
    if (get('durationMinutes')) input['durationMinutes'] = Number(get('durationMinutes'));
    if (input['summary'] === undefined && !input['typeId']) {
      this.fieldErrors = { summary: translateIssue({ path: 'summary', message: 'is required', code: 'required' }, this.currentLanguage) };
      this.focusAfterRender = 'input[name="summary"]';
      return;
    }
    const created = await this.run('create', (crm) => crm.activityPlanner.schedule(input));
    if (!created) {
      this.focusAfterRender = '[aria-invalid="true"], input[name="summary"]';
      return;
    }
    const local = localParts(created.dueAt, this.offset());
    this.announcement = this.t('created', { summary: created.summary, time: local.time, date: this.dateLabel(local.date) });
    this.draft = undefined;
    this.fieldErrors = {};
    this.emit<CrmSavedDetail>('crm-saved', { entity: 'activity', record: created as unknown as CrmSavedDetail['record'], warnings: [] });
    await this.live.reload();
    // the form closed under the focus: the new activity takes it (or "Add", when it falls outside the period shown)
    await this.refocus([this.chipSelector(created.id), '.toolbar button.primary']);
  }

  private chipSelector(id: string): string {
    return `button.activity[data-id="${CSS.escape(id)}"]`;
  }

  private async complete(event: Event, activity: PlannedActivity): Promise<void> {
    event.preventDefault();
    const outcome = String(new FormData(event.target as HTMLFormElement).get('outcome') ?? '').trim();
    const result = await this.run('complete', (crm) => crm.activityPlanner.complete(activity.id, { ...(outcome ? { outcome } : {}), expectedRev: activity.rev }));
    if (!result) return;
    const parts: string[] = [this.t('completed', { summary: activity.summary })];
    this.suggestion = undefined;
    if (result.next) {
      const local = localParts(result.next.dueAt, this.offset());
      parts.push(this.t('nextScheduled', { summary: result.next.summary, time: local.time, date: this.dateLabel(local.date) }));
    } else if (result.suggestion) {
      const local = localParts(String(result.suggestion['dueAt']), this.offset());
      parts.push(this.t('nextSuggested', { summary: String(result.suggestion['summary'] ?? ''), time: local.time, date: this.dateLabel(local.date) }));
      this.suggestion = result.suggestion;
    }
    this.announcement = parts.join(' ');
    this.emit<CrmActivityCompleteDetail>('crm-activity-complete', { activityId: activity.id, ...(outcome ? { outcome } : {}), ...(result.next ? { nextActivityId: result.next.id } : {}) });
    await this.live.reload();
    // the completed activity's forms went away: its details, now "done" (with any suggestion), keep the focus
    await this.refocus(['#details-heading', this.chipSelector(activity.id), '#agenda-heading']);
  }

  private async scheduleSuggestion(suggestion: Record<string, unknown>): Promise<void> {
    const created = await this.run('create', (crm) => crm.activityPlanner.schedule(suggestion));
    if (!created) return;
    this.suggestion = undefined;
    const local = localParts(created.dueAt, this.offset());
    this.announcement = this.t('created', { summary: created.summary, time: local.time, date: this.dateLabel(local.date) });
    this.emit<CrmSavedDetail>('crm-saved', { entity: 'activity', record: created as unknown as CrmSavedDetail['record'], warnings: [] });
    await this.live.reload();
    await this.refocus([this.chipSelector(created.id), '#details-heading', '#agenda-heading']);
  }

  private async cancelActivity(activity: PlannedActivity): Promise<void> {
    const shown = this.live.value?.activities ?? [];
    const index = shown.findIndex((candidate) => candidate.id === activity.id);
    const neighbours = [shown[index + 1], shown[index - 1]].filter((candidate): candidate is PlannedActivity => candidate !== undefined && index >= 0);
    const cancelled = await this.run('cancel', (crm) => crm.activityPlanner.cancel(activity.id, { expectedRev: activity.rev }));
    if (!cancelled) return;
    this.announcement = this.t('cancelled', { summary: activity.summary });
    this.selectedId = undefined;
    await this.live.reload();
    // the activity and its details are gone: the next activity (or the one before) takes the focus, else the heading
    await this.refocus([...neighbours.map((neighbour) => this.chipSelector(neighbour.id)), '#agenda-heading']);
  }

  private rescheduleFromForm(event: Event, activity: PlannedActivity): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    void this.reschedule(activity, instantOf(String(form.get('date')), String(form.get('time')), this.offset()));
  }

  /** Moves an activity after asking the host (`crm-activity-reschedule-request`); true when it moved. */
  async reschedule(activity: PlannedActivity, dueAt: string): Promise<boolean> {
    if (activity.status !== 'planned' || dueAt === activity.dueAt) return false;
    const detail: CrmActivityRescheduleDetail = { activityId: activity.id, from: activity.dueAt, to: dueAt };
    if (!this.emit('crm-activity-reschedule-request', detail, { cancelable: true })) return false;
    const moved = await this.run('reschedule', (crm) => crm.activityPlanner.reschedule(activity.id, dueAt, { expectedRev: activity.rev }));
    if (!moved) return false;
    const local = localParts(moved.dueAt, this.offset());
    this.announcement = this.t('rescheduled', { summary: moved.summary, time: local.time, date: this.dateLabel(local.date) });
    this.emit('crm-activity-reschedule', detail);
    await this.live.reload();
    return true;
  }

  private activityKey(event: KeyboardEvent, activity: PlannedActivity): void {
    if (!event.altKey) return;
    const dueAt = shiftedDueAt(activity.dueAt, event.key, this.view);
    if (!dueAt) return;
    event.preventDefault();
    this.selectedId = activity.id;
    // the activity is drawn anew in its new slot: focus follows it there once it moved
    void this.reschedule(activity, dueAt).then(() => {
      this.focusAfterRender = `button.activity[data-id="${CSS.escape(activity.id)}"]`;
      this.requestUpdate();
    });
  }

  private dragStart(event: DragEvent, id: string): void {
    this.draggingId = id;
    event.dataTransfer?.setData('text/plain', id);
    if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
  }

  private dragEnd(): void {
    this.draggingId = undefined;
    this.dropTarget = undefined;
  }

  private dragOver(event: DragEvent, key: string): void {
    if (!this.draggingId) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'move';
    this.dropTarget = key;
  }

  private dragLeave(key: string): void {
    if (this.dropTarget === key) this.dropTarget = undefined;
  }

  private drop(event: DragEvent, date: string, hour?: number): void {
    event.preventDefault();
    const id = this.draggingId ?? event.dataTransfer?.getData('text/plain');
    this.dragEnd();
    const activity = this.live.value?.activities.find((candidate) => candidate.id === id);
    if (!activity) return;
    // the minutes stay; the day (and in the day and week views the hour) is where it was dropped
    const local = localParts(activity.dueAt, this.offset());
    const time = hour === undefined ? local.time : `${String(hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}`;
    void this.reschedule(activity, instantOf(date, time, this.offset()));
  }
}
