import { html, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { CrmValidationError, haversineMetres, localDate, type GeoPoint, type Route, type RouteAssignment, type RouteMember, type StoredRecord, type User } from '@crmkit/core';
import { CrmElement } from '../../base/crm-element.js';
import { LiveLoad } from '../../base/live-load.js';
import { describeError } from '../../i18n/errors.js';
import { fieldErrorsOf } from '../../i18n/validation.js';
import { baseStyles } from '../../styles/theme.js';
import type { CrmErrorDetail, CrmMemberChangeDetail, CrmRouteOptimizeDetail, CrmRouteReorderDetail, CrmSavedDetail } from '../../events.js';
import { PLOT_HEIGHT, PLOT_WIDTH, projectPoints } from './route-plot.js';
import { routePlannerTranslations, type RoutePlannerText } from './route-planner.i18n.js';
import { routePlannerStyles } from './route-planner.styles.js';

interface Customer {
  name: string;
  gps: GeoPoint | undefined;
}

interface PlannerData {
  route: StoredRecord<Route>;
  customers: Map<string, Customer>;
  users: StoredRecord<User>[];
  assignments: StoredRecord<RouteAssignment>[];
}

type Visit = { routeId: string; member: RouteMember; customer: StoredRecord | undefined };

/** The controls of the assignment form, by name. */
type AssignControl = 'userId' | 'from' | 'to' | 'note';
/** Where a refused field of an assignment is entered: the service's options and the stored record's names. */
const ASSIGN_CONTROL_OF: Readonly<Record<string, AssignControl>> = {
  userId: 'userId',
  from: 'from',
  effectiveFrom: 'from',
  to: 'to',
  effectiveTo: 'to',
  note: 'note',
};

const ENTITIES_SHOWN = new Set(['route', 'routeAssignment', 'contact', 'company', 'user']);

/** The length of an open path through the points, in metres. */
function pathMetres(points: readonly GeoPoint[]): number {
  let total = 0;
  for (let i = 1; i < points.length; i++) total += haversineMetres(points[i - 1]!, points[i]!);
  return total;
}

/**
 * One sales route (tuyến) to plan: its members with the in / out of route toggle and its history, the stop
 * order (drag, move buttons or Alt + Up/Down), an "optimise" action showing the distance before and after, an
 * SVG plot of the stops and path (or the host's own map in the `map` slot), the employees it is assigned to,
 * the visit plan by weekday, and today's visits of an employee. It follows the store live.
 *
 * `updateComplete` also waits for the data being loaded.
 *
 * @summary Plan a sales route: members in and out, stop order, optimisation, assignment, visit plan.
 *
 * @event {CustomEvent<CrmMemberChangeDetail>} crm-member-change-request - Before a member is put in or taken out of the route (cancelable). Detail: `CrmMemberChangeDetail`.
 * @event {CustomEvent<CrmMemberChangeDetail>} crm-member-change - After the change was saved.
 * @event {CustomEvent<CrmRouteReorderDetail>} crm-route-reorder-request - Before a new stop order is saved (cancelable). Detail: `CrmRouteReorderDetail`.
 * @event {CustomEvent<CrmRouteReorderDetail>} crm-route-reorder - After the new order was saved.
 * @event {CustomEvent<CrmRouteOptimizeDetail>} crm-route-optimize - After the route was optimised. Detail: `CrmRouteOptimizeDetail` (distances in metres).
 * @event {CustomEvent<CrmSavedDetail>} crm-saved - After an assignment was saved (`entity: 'routeAssignment'`).
 * @event {CustomEvent<CrmErrorDetail>} crm-error - A service call failed; the planner shows the message too.
 *
 * @slot map - The host's own map of the stops; replaces the built-in SVG plot.
 *
 * @csspart header - The route's name and status.
 * @csspart stops - The list of stops.
 * @csspart stop - One member of the route.
 * @csspart plot - The built-in SVG plot.
 * @csspart assignments - The assignment section.
 * @csspart visit-plan - The weekday table.
 * @csspart today - Today's visits.
 *
 * @cssproperty --crm-route-path-color - The colour of the path on the plot.
 * @cssproperty --crm-route-stop-color - The colour of stops on the plot.
 * @cssproperty --crm-route-plot-background - The plot's background.
 */
export class CrmRoutePlanner extends CrmElement<RoutePlannerText> {
  static override styles = [baseStyles, routePlannerStyles];

  static override properties = {
    ...CrmElement.properties,
    routeId: { attribute: 'route-id', reflect: true },
    employeeId: { attribute: 'employee-id' },
    data: { state: true, attribute: false },
    visits: { state: true, attribute: false },
    optimized: { state: true, attribute: false },
    busy: { state: true, attribute: false },
    errorMessage: { state: true, attribute: false },
    assignError: { state: true, attribute: false },
    assignInvalid: { state: true, attribute: false },
    announcement: { state: true, attribute: false },
    draggingId: { state: true, attribute: false },
  };

  protected readonly translations = routePlannerTranslations;

  /** The route shown (its id). */
  routeId: string | undefined;
  /** The employee whose visits of today are shown; the first assigned employee when unset. */
  employeeId: string | undefined;

  private data: PlannerData | undefined;
  private visits: Visit[] = [];
  private optimized: { before: number; after: number } | undefined;
  private busy = false;
  private errorMessage = '';
  private assignError = '';
  /** The assignment form's controls (by name) that the last refusal was about. */
  private assignInvalid: readonly AssignControl[] = [];
  private announcement = '';
  private draggingId: string | undefined;

  private focusAfterRender: string | undefined;

  // reads the route (and today's visits) when the crm arrives, when route-id or employee-id change, and after
  // every change to what the planner shows, from this tab or another
  private readonly live = new LiveLoad<void>(this, {
    entities: [...ENTITIES_SHOWN, 'interaction'],
    key: () => `${this.routeId ?? ''}|${this.employeeId ?? ''}`,
    load: () => this.load(),
    onError: (error) => this.fail(error, 'load'),
  });

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.focusAfterRender) {
      this.renderRoot.querySelector<HTMLElement>(this.focusAfterRender)?.focus();
      this.focusAfterRender = undefined;
    }
  }

  /** Today in the crm's business time zone (the activity planner's offset, as the agenda uses), not the browser's. */
  private today(): string {
    return localDate(this.crm!.context.now(), this.crm!.activityPlanner.utcOffsetMinutes);
  }

  private async load(): Promise<void> {
    const crm = this.crm;
    const routeId = this.routeId;
    if (!crm || !routeId) {
      this.data = undefined;
      return;
    }
    const [route, users, assignments] = await Promise.all([
      crm.routes.get(routeId),
      crm.users.listAll(),
      crm.routeAssignments.listAll({ where: [{ field: 'routeId', op: 'eq', value: routeId }] }),
    ]);
    const contactIds = route.members.filter((member) => member.customerEntity !== 'company').map((member) => member.customerId);
    const companyIds = route.members.filter((member) => member.customerEntity === 'company').map((member) => member.customerId);
    const [contacts, companies] = await Promise.all([
      contactIds.length > 0 ? crm.contacts.getMany(contactIds) : [],
      companyIds.length > 0 ? crm.companies.getMany(companyIds) : [],
    ]);
    const customers = new Map<string, Customer>();
    for (const contact of contacts) customers.set(contact.id, { name: contact.fullName, gps: contact.gps });
    for (const company of companies) customers.set(company.id, { name: company.name, gps: company.gps });
    const sortedAssignments = [...assignments].sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom));
    const employee = this.employeeId ?? sortedAssignments.find((assignment) => assignment.effectiveTo === undefined || assignment.effectiveTo >= this.today())?.userId;
    const visits = employee ? ((await crm.fieldSales.visitsForDay(employee, this.today())) as Visit[]) : [];
    if (routeId !== this.routeId) return;
    this.data = { route, customers, users, assignments: sortedAssignments };
    this.visits = visits;
  }

  // ---- helpers ---------------------------------------------------------------------------------------------

  private members(): RouteMember[] {
    return [...(this.data?.route.members ?? [])].sort((a, b) => (a.visitOrder ?? 0) - (b.visitOrder ?? 0));
  }

  private nameOf(customerId: string): string {
    return this.data?.customers.get(customerId)?.name ?? customerId;
  }

  private userName(userId: string): string {
    return this.data?.users.find((user) => user.id === userId)?.name ?? userId;
  }

  private formatDistance(metres: number): string {
    const language = this.currentLanguage === 'vi' ? 'vi-VN' : 'en-US';
    if (metres < 1000) return `${new Intl.NumberFormat(language, { maximumFractionDigits: 0 }).format(metres)} m`;
    return `${new Intl.NumberFormat(language, { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(metres / 1000)} km`;
  }

  private formatDate(iso: string): string {
    return new Intl.DateTimeFormat(this.currentLanguage === 'vi' ? 'vi-VN' : 'en-GB', { dateStyle: 'medium', timeStyle: iso.length > 10 ? 'short' : undefined }).format(new Date(iso.length > 10 ? iso : `${iso}T00:00:00`));
  }

  /** The stops in route that have GPS, in visit order, with their positions. */
  private locatedStops(): { member: RouteMember; gps: GeoPoint }[] {
    return this.members()
      .filter((member) => member.participation === 'in_route')
      .map((member) => ({ member, gps: this.data?.customers.get(member.customerId)?.gps }))
      .filter((stop): stop is { member: RouteMember; gps: GeoPoint } => stop.gps !== undefined);
  }

  private announce(text: string): void {
    this.announcement = this.announcement === text ? `${text}\u00a0` : text;
  }

  private fail(error: unknown, action: string): void {
    this.errorMessage = this.t('common.error', { message: describeError(error, this.currentLanguage) });
    this.emit<CrmErrorDetail>('crm-error', { error, action });
  }

  // ---- rendering -------------------------------------------------------------------------------------------

  protected override render(): TemplateResult {
    if (!this.crm) return html`<p class="message" role="alert">${this.t('common.noCrm')}</p>`;
    if (!this.routeId) return html`<p class="message">${this.t('noRoute')}</p>`;
    if (!this.data) {
      return html`${this.errorMessage ? html`<p class="message" role="alert">${this.errorMessage}</p>` : html`<p role="status">${this.t('common.loading')}</p>`}`;
    }
    const route = this.data.route;
    return html`
      <header part="header">
        <h2>${route.name}</h2>
        <p class="meta">${route.status === 'in_use' ? this.t('inUse') : this.t('notInUse')}${route.region ? ` · ${route.region}` : ''}</p>
      </header>
      ${this.errorMessage ? html`<p class="message" role="alert">${this.errorMessage}</p>` : nothing}
      <div class="layout">
        ${this.renderStops()}
        <div>
          ${this.renderPlot()}
        </div>
        ${this.renderAssignments()}
        ${this.renderToday()}
        ${this.renderVisitPlan()}
      </div>
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
    `;
  }

  private renderStops(): TemplateResult {
    const members = this.members();
    const distance = pathMetres(this.locatedStops().map((stop) => stop.gps));
    return html`
      <section aria-labelledby="stops-title">
        <h3 id="stops-title">${this.t('stops')}</h3>
        <p id="stops-help" class="meta">${this.t('stopsHelp')}</p>
        <p class="distance">
          <span class="current-distance">${this.t('distance', { distance: this.formatDistance(distance) })}</span>
          <button type="button" class="primary optimize" ?disabled=${this.busy} @click=${this.onOptimize}>${this.busy ? this.t('optimizing') : this.t('optimize')}</button>
        </p>
        ${this.optimized
          ? html`<p class="optimized" role="status">${this.t('optimized', {
              before: this.formatDistance(this.optimized.before),
              after: this.formatDistance(this.optimized.after),
              saved: this.optimized.before > 0 ? `${Math.round(((this.optimized.before - this.optimized.after) / this.optimized.before) * 100)}%` : '0%',
            })}</p>`
          : nothing}
        <ol class="stops" part="stops" aria-describedby="stops-help" @dragover=${this.onDragOver} @drop=${this.onDrop}>
          ${repeat(members, (member) => member.customerId, (member, index) => this.renderStop(member, index, members.length))}
        </ol>
      </section>
    `;
  }

  private renderStop(member: RouteMember, index: number, total: number): TemplateResult {
    const name = this.nameOf(member.customerId);
    const inRoute = member.participation === 'in_route';
    const hasGps = this.data?.customers.get(member.customerId)?.gps !== undefined;
    const id = member.customerId;
    return html`
      <li
        class="stop ${inRoute ? 'in' : 'out'} ${this.draggingId === id ? 'dragging' : ''}"
        part="stop"
        data-id=${id}
        draggable="true"
        tabindex="0"
        aria-label=${`${index + 1}. ${name} (${inRoute ? this.t('inRoute') : this.t('outOfRoute')})`}
        @dragstart=${(event: DragEvent) => this.onDragStart(event, id)}
        @dragend=${() => (this.draggingId = undefined)}
        @keydown=${(event: KeyboardEvent) => this.onStopKeydown(event, id)}
      >
        <div class="row">
          <span class="order" aria-hidden="true">${index + 1}.</span>
          <span class="name">${name}</span>
          ${hasGps ? nothing : html`<span class="meta">(${this.t('noGps')})</span>`}
          <span class="badge ${inRoute ? 'in' : 'out'}">${inRoute ? this.t('inRoute') : this.t('outOfRoute')}</span>
        </div>
        <div class="row">
          <button type="button" class="move-up" aria-label=${this.t('moveUp', { name })} ?disabled=${index === 0} @click=${() => this.move(id, -1)}>↑</button>
          <button type="button" class="move-down" aria-label=${this.t('moveDown', { name })} ?disabled=${index === total - 1} @click=${() => this.move(id, 1)}>↓</button>
          <input type="text" class="reason" aria-label=${this.t('reason')} placeholder=${this.t('reason')} size="14" />
          <button type="button" class="toggle" aria-label=${inRoute ? this.t('takeOut', { name }) : this.t('putIn', { name })} @click=${(event: Event) => this.onToggle(event, member)}>
            ${inRoute ? this.t('takeOutShort') : this.t('putInShort')}
          </button>
        </div>
        <details class="history">
          <summary>${this.t('history')} (${member.history.length})</summary>
          <ul>
            ${member.history.map(
              (entry) => html`<li>${this.t('historyEntry', { when: this.formatDate(entry.at), participation: entry.participation === 'in_route' ? this.t('inRoute') : this.t('outOfRoute') })}${entry.reason ? ` — ${entry.reason}` : ''}</li>`,
            )}
          </ul>
        </details>
      </li>
    `;
  }

  private renderPlot(): TemplateResult {
    const all = this.members()
      .map((member) => ({ member, gps: this.data?.customers.get(member.customerId)?.gps }))
      .filter((stop): stop is { member: RouteMember; gps: GeoPoint } => stop.gps !== undefined);
    const placed = projectPoints(all.map((stop) => stop.gps));
    const inRoute = all.map((stop, i) => ({ ...stop, at: placed[i]! })).filter((stop) => stop.member.participation === 'in_route');
    const outOfRoute = all.map((stop, i) => ({ ...stop, at: placed[i]! })).filter((stop) => stop.member.participation !== 'in_route');
    const distance = this.formatDistance(pathMetres(inRoute.map((stop) => stop.gps)));
    return html`
      <section class="plot" part="plot">
        <slot name="map">
          <svg viewBox="0 0 ${PLOT_WIDTH} ${PLOT_HEIGHT}" role="img" aria-label=${this.t('map', { count: inRoute.length, distance })}>
            ${inRoute.length > 1 ? svg`<polyline class="path" points=${inRoute.map((stop) => `${stop.at.x},${stop.at.y}`).join(' ')}></polyline>` : nothing}
            ${outOfRoute.map((stop) => svg`<circle class="out-dot" data-id=${stop.member.customerId} cx=${stop.at.x} cy=${stop.at.y} r="6"><title>${this.nameOf(stop.member.customerId)}</title></circle>`)}
            ${inRoute.map(
              (stop, i) =>
                svg`<g class="stop-mark" data-id=${stop.member.customerId}><circle class="stop-dot" cx=${stop.at.x} cy=${stop.at.y} r="9"><title>${i + 1}. ${this.nameOf(stop.member.customerId)}</title></circle><text x=${stop.at.x} y=${stop.at.y}>${i + 1}</text></g>`,
            )}
          </svg>
        </slot>
      </section>
    `;
  }

  private renderAssignments(): TemplateResult {
    const data = this.data!;
    return html`
      <section part="assignments" aria-labelledby="assign-title">
        <h3 id="assign-title">${this.t('assignments')}</h3>
        ${data.assignments.length === 0
          ? html`<p class="meta">${this.t('noAssignments')}</p>`
          : html`<ul class="plain assignment-list">
              ${data.assignments.map(
                (assignment) => html`<li>
                  <strong>${this.userName(assignment.userId)}</strong>:
                  ${this.t('period', { from: this.formatDate(assignment.effectiveFrom), to: assignment.effectiveTo ? this.formatDate(assignment.effectiveTo) : this.t('openEnded') })}${assignment.note ? ` — ${assignment.note}` : ''}
                </li>`,
              )}
            </ul>`}
        <form class="assign" novalidate @submit=${this.onAssign}>
          <label>${this.t('employee')}
            <select name="userId" required aria-invalid=${this.invalidAttr('userId')} aria-describedby="assign-error">
              <option value="">${this.t('chooseEmployee')}</option>
              ${data.users.filter((user) => user.active !== false).map((user) => html`<option value=${user.id}>${user.name}</option>`)}
            </select>
          </label>
          <label>${this.t('from')}<input type="date" name="from" required .value=${this.today()} aria-invalid=${this.invalidAttr('from')} aria-describedby="assign-error" /></label>
          <label>${this.t('to')}<input type="date" name="to" aria-invalid=${this.invalidAttr('to')} aria-describedby="assign-error" /></label>
          <label>${this.t('note')}<input type="text" name="note" aria-invalid=${this.invalidAttr('note')} aria-describedby="assign-error" /></label>
          <p id="assign-error" class="message" role="alert">${this.assignError}</p>
          <button type="submit">${this.t('assign')}</button>
        </form>
      </section>
    `;
  }

  private renderVisitPlan(): TemplateResult {
    const members = this.members().filter((member) => member.participation === 'in_route');
    const byWeekday: TemplateResult[][] = [[], [], [], [], [], [], []];
    const monthly: string[] = [];
    const unplanned: string[] = [];
    for (const member of members) {
      const name = this.nameOf(member.customerId);
      const frequency = member.visitPlan?.frequency;
      if (!frequency) unplanned.push(name);
      else if (frequency.kind === 'weekly') for (const day of frequency.weekdays) byWeekday[day]!.push(html`${name}`);
      else if (frequency.kind === 'every_n_weeks') byWeekday[frequency.weekday]!.push(html`${name} ${this.t('everyNWeeks', { n: frequency.n })}`);
      else monthly.push(this.t('monthlyOn', { name, day: frequency.dayOfMonth }));
    }
    // Monday first, the way Vietnamese calendars (and ISO) start the week
    const order = [1, 2, 3, 4, 5, 6, 0];
    return html`
      <section part="visit-plan" aria-labelledby="plan-title">
        <h3 id="plan-title">${this.t('visitPlan')}</h3>
        <table>
          <thead><tr>${order.map((day) => html`<th scope="col">${this.t(`weekday${day}` as RoutePlannerText)}</th>`)}</tr></thead>
          <tbody><tr>${order.map((day) => html`<td data-weekday=${day}>${byWeekday[day]!.length > 0 ? html`<ul>${byWeekday[day]!.map((entry) => html`<li>${entry}</li>`)}</ul>` : nothing}</td>`)}</tr></tbody>
        </table>
        ${monthly.length > 0 ? html`<p><strong>${this.t('monthly')}:</strong> ${monthly.join('; ')}</p>` : nothing}
        ${unplanned.length > 0 ? html`<p class="meta">${this.t('noPlan')}: ${unplanned.join(', ')}</p>` : nothing}
      </section>
    `;
  }

  private renderToday(): TemplateResult {
    const data = this.data!;
    const today = this.today();
    const assigned = [...new Set(data.assignments.map((assignment) => assignment.userId))];
    const current = this.employeeId ?? data.assignments.find((assignment) => assignment.effectiveTo === undefined || assignment.effectiveTo >= today)?.userId ?? '';
    return html`
      <section part="today" aria-labelledby="today-title">
        <h3 id="today-title">${this.t('todayVisits', { date: this.formatDate(today) })}</h3>
        <label>${this.t('employee')}
          <select class="today-employee" @change=${(event: Event) => (this.employeeId = (event.target as HTMLSelectElement).value || undefined)}>
            <option value="" ?selected=${current === ''}>${this.t('chooseEmployee')}</option>
            ${[...new Set([...assigned, ...data.users.map((user) => user.id)])].map((id) => html`<option value=${id} ?selected=${id === current}>${this.userName(id)}</option>`)}
          </select>
        </label>
        ${this.visits.length === 0
          ? html`<p class="meta">${this.t('noVisits')}</p>`
          : html`<ol class="plain today-list">
              ${this.visits.map((visit) => {
                const customer = visit.customer as (StoredRecord & { fullName?: string; name?: string }) | undefined;
                const route = visit.routeId === data.route.id ? '' : ` (${visit.routeId})`;
                return html`<li data-id=${visit.member.customerId}>${customer?.fullName ?? customer?.name ?? visit.member.customerId}${route}</li>`;
              })}
            </ol>`}
      </section>
    `;
  }

  // ---- actions ---------------------------------------------------------------------------------------------

  private async onToggle(event: Event, member: RouteMember): Promise<void> {
    const crm = this.crm;
    if (!crm || !this.routeId) return;
    const item = (event.currentTarget as HTMLElement).closest('li.stop')!;
    const reason = item.querySelector<HTMLInputElement>('input.reason')?.value.trim() ?? '';
    const participation = member.participation === 'in_route' ? 'out_of_route' : 'in_route';
    const detail: CrmMemberChangeDetail = { routeId: this.routeId, customerId: member.customerId, participation };
    if (!this.emit('crm-member-change-request', detail, { cancelable: true })) return;
    try {
      this.errorMessage = '';
      await crm.fieldSales.setParticipation(this.routeId, member.customerId, participation, reason ? { reason } : {});
      await this.reload();
    } catch (error) {
      this.fail(error, 'setParticipation');
      return;
    }
    this.emit('crm-member-change', detail);
    const name = this.nameOf(member.customerId);
    this.announce(participation === 'in_route' ? this.t('memberIn', { name }) : this.t('memberOut', { name }));
    this.focusAfterRender = `li.stop[data-id="${CSS.escape(member.customerId)}"] button.toggle`;
  }

  private async reload(): Promise<void> {
    await this.live.reload();
    await this.updateComplete;
  }

  /** Saves a new stop order (every member's customer id), after `crm-route-reorder-request`. */
  async reorder(order: readonly string[]): Promise<boolean> {
    const crm = this.crm;
    if (!crm || !this.routeId) return false;
    const detail: CrmRouteReorderDetail = { routeId: this.routeId, order: [...order] };
    if (!this.emit('crm-route-reorder-request', detail, { cancelable: true })) return false;
    try {
      this.errorMessage = '';
      await crm.fieldSales.reorderStops(this.routeId, order);
      this.optimized = undefined;
      await this.reload();
    } catch (error) {
      this.fail(error, 'reorderStops');
      return false;
    }
    this.emit('crm-route-reorder', detail);
    return true;
  }

  private async move(customerId: string, step: number, focus: 'button' | 'item' = 'button'): Promise<void> {
    const order = this.members().map((member) => member.customerId);
    const from = order.indexOf(customerId);
    const to = from + step;
    if (from < 0 || to < 0 || to >= order.length) return;
    order.splice(from, 1);
    order.splice(to, 0, customerId);
    if (await this.reorder(order)) {
      this.announce(this.t('moved', { name: this.nameOf(customerId), position: to + 1, total: order.length }));
      const item = `li.stop[data-id="${CSS.escape(customerId)}"]`;
      const button = step < 0 ? 'button.move-up' : 'button.move-down';
      this.focusAfterRender = focus === 'item' || to === 0 || to === order.length - 1 ? item : `${item} ${button}`;
      this.requestUpdate();
    }
  }

  private onStopKeydown(event: KeyboardEvent, customerId: string): void {
    if (event.target !== event.currentTarget || !event.altKey) return;
    if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
      event.preventDefault();
      void this.move(customerId, event.key === 'ArrowUp' ? -1 : 1, 'item');
    }
  }

  private onDragStart(event: DragEvent, customerId: string): void {
    this.draggingId = customerId;
    event.dataTransfer?.setData('text/plain', customerId);
    if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
  }

  private onDragOver = (event: DragEvent): void => {
    if (!this.draggingId) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'move';
  };

  private onDrop = (event: DragEvent): void => {
    const dragged = this.draggingId ?? event.dataTransfer?.getData('text/plain');
    this.draggingId = undefined;
    if (!dragged) return;
    event.preventDefault();
    const target = event.composedPath().find((node): node is HTMLElement => node instanceof HTMLElement && node.matches('li.stop'));
    const order = this.members().map((member) => member.customerId).filter((id) => id !== dragged);
    let index = order.length;
    if (target) {
      const targetIndex = order.indexOf(target.dataset['id']!);
      const box = target.getBoundingClientRect();
      index = targetIndex + (event.clientY > box.top + box.height / 2 ? 1 : 0);
    }
    order.splice(index, 0, dragged);
    void this.reorder(order);
  };

  private onOptimize = async (): Promise<void> => {
    const crm = this.crm;
    if (!crm || !this.routeId) return;
    this.busy = true;
    try {
      this.errorMessage = '';
      const result = await crm.fieldSales.optimizeRoute(this.routeId);
      this.optimized = { before: result.before, after: result.after };
      await this.reload();
      this.emit<CrmRouteOptimizeDetail>('crm-route-optimize', { routeId: this.routeId, before: result.before, after: result.after, order: result.order });
      this.announce(this.t('optimized', { before: this.formatDistance(result.before), after: this.formatDistance(result.after), saved: '' }).replace(/\s*\([^)]*\)$/, ''));
    } catch (error) {
      this.fail(error, 'optimizeRoute');
    } finally {
      this.busy = false;
    }
  };

  private onAssign = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const crm = this.crm;
    if (!crm || !this.routeId) return;
    const form = event.currentTarget as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement).value.trim();
    const userId = value('userId');
    if (!userId) {
      this.assignError = this.t('employeeRequired');
      this.assignInvalid = ['userId'];
      form.querySelector<HTMLSelectElement>('select')?.focus();
      return;
    }
    this.assignError = '';
    this.assignInvalid = [];
    try {
      const to = value('to');
      const note = value('note');
      const record = await crm.fieldSales.assignRoute(this.routeId, userId, { from: value('from') || this.today(), ...(to ? { to } : {}), ...(note ? { note } : {}) });
      form.reset();
      await this.reload();
      this.emit<CrmSavedDetail>('crm-saved', { entity: 'routeAssignment', record: record as unknown as CrmSavedDetail['record'], warnings: [] });
      this.announce(this.t('assigned', { name: this.userName(userId) }));
    } catch (error) {
      this.refuseAssignment(error, form);
    }
  };

  /** Shows why an assignment was refused: each invalid field marked and named, in the user's language. */
  private refuseAssignment(error: unknown, form: HTMLFormElement): void {
    const language = this.currentLanguage;
    if (!(error instanceof CrmValidationError)) {
      this.assignError = describeError(error, language);
      this.assignInvalid = [];
      this.emit<CrmErrorDetail>('crm-error', { error, action: 'assignRoute' });
      return;
    }
    const messages = Object.entries(fieldErrorsOf(error.issues, language));
    const invalid = [...new Set(messages.map(([field]) => ASSIGN_CONTROL_OF[field]).filter((control): control is AssignControl => control !== undefined))];
    const label = (field: string) => {
      const control = ASSIGN_CONTROL_OF[field];
      // "Đến ngày (không bắt buộc)" names the field as "Đến ngày"
      return control ? this.t(control === 'userId' ? 'employee' : control).replace(/\s*\(.*\)$/, '') : field;
    };
    this.assignError = messages.map(([field, message]) => `${label(field)}: ${message}`).join(' ');
    this.assignInvalid = invalid;
    this.emit<CrmErrorDetail>('crm-error', { error, action: 'assignRoute' });
    form.querySelector<HTMLElement>(`[name="${invalid[0] ?? 'userId'}"]`)?.focus();
  }

  private invalidAttr(control: AssignControl): 'true' | 'false' {
    return this.assignInvalid.includes(control) ? 'true' : 'false';
  }
}
