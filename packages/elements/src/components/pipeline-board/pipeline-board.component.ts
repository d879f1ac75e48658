import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { CrmValidationError, type Crm, type LiveChangeBatch, type StoredRecord, type User } from '@crmkit/core';
import { CrmElement } from '../../base/crm-element.js';
import { styleProperties } from '../../base/style-properties.js';
import { describeError } from '../../i18n/errors.js';
import { translateIssue } from '../../i18n/validation.js';
import { baseStyles } from '../../styles/theme.js';
import type { CrmErrorDetail, CrmOpenRecordDetail, CrmOutcomeDetail, CrmStageChangeDetail } from '../../events.js';
import { formatTotals, formatMoney } from './format-money.js';
import { pipelineOf } from './pipeline-actions.js';
import { pipelineBoardTranslations, type PipelineBoardText } from './pipeline-board.i18n.js';
import { CARD_SLOT_HEIGHT, pipelineBoardStyles } from './pipeline-board.styles.js';
import { applyBatch, loadPipeline } from './pipeline-loader.js';
import { buildColumns, daysUntil, type BoardOpportunity, type PipelineColumn, type PipelineFilters, type PipelineSnapshot } from './pipeline-model.js';

/** Cards rendered above and below a column's visible window, so fast scrolling shows no gaps. */
const OVERSCAN = 2;
/** The column height assumed until the first measurement (most boards are about this tall). */
const DEFAULT_VIEWPORT = 520;

interface Grab {
  id: string;
  fromStageId: string;
  targetStageId: string;
}

/**
 * The sales pipeline as a kanban board: a column per stage with its count and the sums of expected and
 * weighted revenue, a card per opportunity (name, customer, value, priority, salesperson, next activity and
 * its lateness), filters, and moves between stages by pointer drag or keyboard. It follows the store live:
 * a change made in another tab or by an import shows up without reloading. Columns render only the cards in
 * view, so a pipeline of 10,000 opportunities stays light.
 *
 * Keyboard: arrows move between cards; Space picks a card up, Left/Right choose the stage, Space or Enter
 * drops it there, Escape cancels; Enter on a card asks the host to open it.
 *
 * `updateComplete` also waits for the data the board is loading, so a test or host can await a settled board.
 * The user-timing marks `crm-pipeline-board:load-start` and `crm-pipeline-board:loaded` separate the time spent
 * loading from the time spent rendering.
 *
 * @summary A kanban board of opportunities by stage, with drag and keyboard moves, won/lost and filters.
 *
 * @event {CustomEvent<CrmStageChangeDetail>} crm-stage-change-request - Before a card moves to another stage (cancelable: `preventDefault()` vetoes the move). Detail: `CrmStageChangeDetail`.
 * @event {CustomEvent<CrmStageChangeDetail>} crm-stage-change - After the move was saved. Detail: `CrmStageChangeDetail`.
 * @event {CustomEvent<CrmOutcomeDetail>} crm-won-request - Before an opportunity is marked won (cancelable). Detail: `CrmOutcomeDetail`.
 * @event {CustomEvent<CrmOutcomeDetail>} crm-won - After it was marked won.
 * @event {CustomEvent<CrmOutcomeDetail>} crm-lost-request - Before an opportunity is marked lost with the chosen reason (cancelable).
 * @event {CustomEvent<CrmOutcomeDetail>} crm-lost - After it was marked lost.
 * @event {CustomEvent<CrmOpenRecordDetail>} crm-open-record - The user pressed Enter on a card (or double-clicked it): the host may open the opportunity.
 * @event {CustomEvent<CrmErrorDetail>} crm-error - A service call failed; the board shows the message too. Detail: `CrmErrorDetail`.
 *
 * @csspart toolbar - The filter bar.
 * @csspart column - A stage's column.
 * @csspart column-header - A column's title, count and sums.
 * @csspart column-body - A column's scrolling list of cards.
 * @csspart card - An opportunity's card.
 * @csspart lost-dialog - The dialog asking for the lost reason.
 *
 * @cssproperty --crm-pipeline-board-height - The board's height (default 640px); columns scroll inside it.
 * @cssproperty --crm-pipeline-column-width - A column's width (default 272px).
 * @cssproperty --crm-pipeline-star-color - The colour of priority stars.
 *
 * @slot toolbar-end - Extra controls at the end of the filter bar (a "new opportunity" button, say).
 */
export class CrmPipelineBoard extends CrmElement<PipelineBoardText> {
  static override styles = [baseStyles, pipelineBoardStyles];

  static override properties = {
    ...CrmElement.properties,
    snapshot: { state: true, attribute: false },
    filters: { state: true, attribute: false },
    grab: { state: true, attribute: false },
    focusedId: { state: true, attribute: false },
    announcement: { state: true, attribute: false },
    errorMessage: { state: true, attribute: false },
    lostTarget: { state: true, attribute: false },
    lostError: { state: true, attribute: false },
    dropStageId: { state: true, attribute: false },
    version: { state: true, attribute: false },
  };

  protected readonly translations = pipelineBoardTranslations;

  private snapshot: PipelineSnapshot | undefined;
  private filters: PipelineFilters = { teamId: '', salespersonId: '', tagId: '', text: '' };
  private grab: Grab | undefined;
  private focusedId: string | undefined;
  private announcement = '';
  private errorMessage = '';
  private lostTarget: BoardOpportunity | undefined;
  private lostError = '';
  private dropStageId: string | undefined;
  /** Bumped whenever the snapshot changes in place, so the columns are rebuilt. */
  private version = 0;

  private columns: PipelineColumn[] = [];
  private readonly searchCache = new Map<string, { rev: number; text: string }>();
  private readonly scrollTops = new Map<string, number>();
  private viewport = DEFAULT_VIEWPORT;
  private resizeObserver: ResizeObserver | undefined;
  private unsubscribe: (() => void) | undefined;
  private subscribedTo: Crm | undefined;
  /** Loading and live updates run one after another on this chain. */
  private work: Promise<void> = Promise.resolve();
  private pendingWork = 0;
  private dragId: string | undefined;
  private loadGeneration = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.crm) this.connectCrm(this.crm);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.subscribedTo = undefined;
    this.resizeObserver?.disconnect();
    this.resizeObserver = undefined;
  }

  protected override async getUpdateComplete(): Promise<boolean> {
    let result = await super.getUpdateComplete();
    while (this.pendingWork > 0) {
      await this.work;
      result = await super.getUpdateComplete();
    }
    return result;
  }

  private enqueue(task: () => Promise<void>): void {
    this.pendingWork++;
    this.work = this.work
      .then(task)
      .catch((error: unknown) => this.fail(error, 'load'))
      .finally(() => {
        this.pendingWork--;
      });
  }

  private connectCrm(crm: Crm): void {
    if (this.subscribedTo === crm) return;
    this.unsubscribe?.();
    this.subscribedTo = crm;
    const generation = ++this.loadGeneration;
    this.unsubscribe = crm.subscribe((batch: LiveChangeBatch) => {
      this.enqueue(async () => {
        if (!this.snapshot || generation !== this.loadGeneration) return;
        if (await applyBatch(crm, this.snapshot, batch)) this.version++;
      });
    });
    this.enqueue(async () => {
      performance.mark('crm-pipeline-board:load-start');
      const snapshot = await loadPipeline(crm);
      if (generation !== this.loadGeneration) return;
      // user-timing marks let hosts and the benchmark tell loading time from rendering time
      performance.mark('crm-pipeline-board:loaded');
      this.snapshot = snapshot;
      this.version++;
    });
  }

  /** Reloads everything from the store (the board also follows every commit on its own). */
  async refresh(): Promise<void> {
    if (!this.crm) return;
    this.subscribedTo = undefined;
    this.connectCrm(this.crm);
    await this.updateComplete;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('crm') && this.crm && this.isConnected) this.connectCrm(this.crm);
    if (this.snapshot && this.filters.salespersonId && !this.salespeople(this.snapshot).some((user) => user.id === this.filters.salespersonId)) {
      // a salesperson the dropdown no longer offers (another team chosen, moved, removed) must not keep filtering
      this.filters = { ...this.filters, salespersonId: '' };
    }
    if (this.snapshot && (changed.has('snapshot') || changed.has('version') || changed.has('filters'))) {
      this.columns = buildColumns(this.snapshot, this.filters, this.searchCache);
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (!this.resizeObserver) {
      const body = this.renderRoot.querySelector<HTMLElement>('.body');
      if (body && typeof ResizeObserver !== 'undefined') {
        this.resizeObserver = new ResizeObserver(() => {
          const height = body.clientHeight;
          if (height > 0 && Math.abs(height - this.viewport) > 1) {
            this.viewport = height;
            this.requestUpdate();
          }
        });
        this.resizeObserver.observe(body);
      }
    }
    if (changed.has('lostTarget')) {
      const dialog = this.renderRoot.querySelector<HTMLDialogElement>('dialog');
      if (this.lostTarget && dialog && !dialog.open) {
        dialog.showModal();
        dialog.querySelector<HTMLSelectElement>('select')?.focus();
      } else if (!this.lostTarget && dialog?.open) {
        dialog.close();
      }
    }
  }

  // ---- rendering -------------------------------------------------------------------------------------------

  protected override render(): TemplateResult {
    if (!this.crm) return html`<p class="message" role="alert">${this.t('common.noCrm')}</p>`;
    if (!this.snapshot) return html`<p role="status">${this.t('common.loading')}</p>`;
    return html`
      ${this.renderToolbar(this.snapshot)}
      ${this.errorMessage ? html`<p class="message" role="alert">${this.errorMessage}</p>` : nothing}
      <div
        class="columns"
        role="group"
        aria-label=${this.t('boardLabel')}
        @keydown=${this.onKeydown}
        @focusin=${this.onFocusin}
        @click=${this.onClick}
        @dblclick=${this.onDoubleClick}
        @dragstart=${this.onDragStart}
        @dragend=${this.onDragEnd}
        @dragover=${this.onDragOver}
        @drop=${this.onDrop}
      >
        ${this.renderColumns()}
      </div>
      <p id="card-help" class="visually-hidden">${this.t('cardHelp')}</p>
      <p id="closed-card-help" class="visually-hidden">${this.t('closedCardHelp')}</p>
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
      ${this.renderLostDialog()}
    `;
  }

  /** The salespeople the filter offers: everyone, or the members of the chosen team. */
  private salespeople(snapshot: PipelineSnapshot): StoredRecord<User>[] {
    return [...snapshot.users.values()].filter((user) => !this.filters.teamId || user.teamIds?.includes(this.filters.teamId));
  }

  private renderToolbar(snapshot: PipelineSnapshot): TemplateResult {
    const salespeople = this.salespeople(snapshot);
    const option = (value: string, label: string, selected: string) => html`<option value=${value} ?selected=${value === selected}>${label}</option>`;
    return html`
      <div class="toolbar" part="toolbar" role="search" aria-label=${this.t('filters')}>
        <label>${this.t('team')}
          <select data-filter="teamId" .value=${live(this.filters.teamId)} @change=${this.onFilter}>
            ${option('', this.t('common.all'), this.filters.teamId)}
            ${snapshot.teams.map((team) => option(team.id, team.name, this.filters.teamId))}
          </select>
        </label>
        <label>${this.t('salesperson')}
          <select data-filter="salespersonId" .value=${live(this.filters.salespersonId)} @change=${this.onFilter}>
            ${option('', this.t('common.all'), this.filters.salespersonId)}
            ${salespeople.map((user) => option(user.id, user.name, this.filters.salespersonId))}
          </select>
        </label>
        <label>${this.t('tag')}
          <select data-filter="tagId" .value=${live(this.filters.tagId)} @change=${this.onFilter}>
            ${option('', this.t('common.all'), this.filters.tagId)}
            ${snapshot.tags.map((tag) => option(tag.id, tag.name, this.filters.tagId))}
          </select>
        </label>
        <label>${this.t('common.search')}
          <input type="search" data-filter="text" .value=${this.filters.text} placeholder=${this.t('searchPlaceholder')} @input=${this.onFilter} />
        </label>
        <slot name="toolbar-end"></slot>
      </div>
    `;
  }

  private stageLabel(stageId: string): string {
    const stage = this.snapshot?.stages.find((candidate) => candidate.id === stageId);
    return stage ? (stage.labels?.[this.currentLanguage] ?? stage.name) : stageId;
  }

  /** The cards a column renders: the window in view plus the focused or grabbed card, wherever it is. */
  private visibleIndexes(column: PipelineColumn): number[] {
    const count = column.cards.length;
    const top = this.scrollTops.get(column.stage.id) ?? 0;
    const start = Math.max(0, Math.floor(top / CARD_SLOT_HEIGHT) - OVERSCAN);
    const end = Math.min(count, Math.ceil((top + this.viewport) / CARD_SLOT_HEIGHT) + OVERSCAN);
    const indexes: number[] = [];
    for (let i = start; i < end; i++) indexes.push(i);
    const keep = this.grab?.id ?? this.focusedId;
    if (keep) {
      const index = column.cards.findIndex((card) => card.id === keep);
      if (index >= 0 && (index < start || index >= end)) indexes.push(index);
    }
    return indexes;
  }

  private renderColumns(): TemplateResult[] {
    const windows = this.columns.map((column) => this.visibleIndexes(column));
    const tabbableId = this.tabbableCardId(windows);
    return this.columns.map((column, index) => this.renderColumn(column, index, windows[index]!, tabbableId));
  }

  private renderColumn(column: PipelineColumn, index: number, window: number[], tabbableId: string | undefined): TemplateResult {
    const language = this.currentLanguage;
    const label = column.stage.labels?.[language] ?? column.stage.name;
    const count = column.cards.length;
    const isTarget = this.grab?.targetStageId === column.stage.id || this.dropStageId === column.stage.id;
    return html`
      <section class="column ${isTarget ? 'drop-target' : ''}" part="column" data-stage=${column.stage.id} aria-labelledby="stage-${index}">
        <header class="column-header" part="column-header">
          <h3 id="stage-${index}"><span>${label}</span><span class="count">${this.t('count', { count })}</span></h3>
          <dl>
            <dt>${this.t('expected')}</dt><dd class="expected">${formatTotals(column.expected, language)}</dd>
            <dt>${this.t('weighted')}</dt><dd class="weighted">${formatTotals(column.weighted, language)}</dd>
          </dl>
        </header>
        <div class="body" part="column-body" data-stage=${column.stage.id} @scroll=${this.onScroll}>
          ${count === 0
            ? html`<p class="empty">${this.t('empty')}</p>`
            : html`<div class="window" role="list" aria-label=${this.t('cardsOf', { stage: label })} ${styleProperties({ height: `${count * CARD_SLOT_HEIGHT}px` })}>
                ${repeat(
                  window,
                  (i) => column.cards[i]!.id,
                  (i) => this.renderCard(column.cards[i]!, i, count, tabbableId),
                )}
              </div>`}
        </div>
      </section>
    `;
  }

  /**
   * Roving focus: one rendered card of the board is in the tab order — the focused one while the filters still
   * show it, else the first card rendered (a search, a lost mark or another tab may have taken the focused
   * one off the board).
   */
  private tabbableCardId(windows: readonly number[][]): string | undefined {
    if (this.focusedId && this.locate(this.focusedId)) return this.focusedId;
    for (let column = 0; column < this.columns.length; column++) {
      const shown = windows[column]!;
      if (shown.length > 0) return this.columns[column]!.cards[Math.min(...shown)]!.id;
    }
    return undefined;
  }

  private renderCard(opportunity: BoardOpportunity, index: number, count: number, tabbableId: string | undefined): TemplateResult {
    const snapshot = this.snapshot!;
    const language = this.currentLanguage;
    const customerId = opportunity.companyId ?? opportunity.contactId;
    const customer = customerId ? snapshot.customerNames.get(customerId) : undefined;
    const salesperson = opportunity.salespersonId ? snapshot.users.get(opportunity.salespersonId)?.name : undefined;
    const stars = opportunity.priority ?? 0;
    const activity = snapshot.nextActivity.get(opportunity.id);
    let due: TemplateResult | typeof nothing = nothing;
    if (activity) {
      const days = daysUntil(activity.dueAt, this.crm!.context.now());
      const when = days < 0 ? this.t('lateBy', { days: -days }) : days === 0 ? this.t('dueToday') : this.t('dueIn', { days });
      due = html`<span class="muted ${days < 0 ? 'late' : ''}" title=${this.t('nextActivity')}>${activity.summary} · ${when}</span>`;
    }
    const grabbed = this.grab?.id === opportunity.id;
    const open = opportunity.status === 'open';
    return html`
      <div
        class="card ${grabbed ? 'grabbed' : ''}"
        part="card"
        role="listitem"
        tabindex=${opportunity.id === tabbableId ? 0 : -1}
        draggable=${open ? 'true' : 'false'}
        data-id=${opportunity.id}
        aria-posinset=${index + 1}
        aria-setsize=${count}
        aria-describedby=${open ? 'card-help' : 'closed-card-help'}
        ${styleProperties({ top: `${index * CARD_SLOT_HEIGHT + 4}px` })}
      >
        <span class="name">${opportunity.name}</span>
        <span class="line"><span class="muted customer">${customer ?? this.t('noCustomer')}</span></span>
        <span class="line">
          <span class="value">${opportunity.expectedRevenue ? formatMoney(opportunity.expectedRevenue.amount, opportunity.expectedRevenue.currency, language) : '—'}</span>
          <span class="stars" role="img" aria-label=${this.t('priority', { stars })}>${'★'.repeat(stars)}${'☆'.repeat(3 - stars)}</span>
        </span>
        <span class="line"><span class="muted salesperson">${salesperson ?? this.t('noSalesperson')}</span>${due}</span>
        ${open
          ? html`<span class="actions">
              <button type="button" data-action="won" aria-label=${this.t('markWon', { name: opportunity.name })}>${this.t('won')}</button>
              <button type="button" data-action="lost" aria-label=${this.t('markLost', { name: opportunity.name })}>${this.t('lost')}</button>
            </span>`
          : html`<span class="won-badge">${this.t('wonBadge')}</span>`}
      </div>
    `;
  }

  private renderLostDialog(): TemplateResult {
    const target = this.lostTarget;
    const reasons = (this.snapshot?.lostReasons ?? []).filter((reason) => reason.active !== false);
    return html`
      <dialog part="lost-dialog" aria-labelledby="lost-title" @cancel=${this.onLostCancel}>
        ${target
          ? html`<form novalidate @submit=${this.onLostSubmit}>
              <h2 id="lost-title">${this.t('lostTitle')}</h2>
              <p>${this.t('lostFor', { name: target.name })}</p>
              <label>${this.t('lostReason')} (${this.t('common.required')})
                <select name="reason" required aria-invalid=${this.lostError ? 'true' : 'false'} aria-describedby="lost-error" @change=${() => (this.lostError = '')}>
                  <option value="">${this.t('chooseReason')}</option>
                  ${reasons.map((reason) => html`<option value=${reason.id}>${reason.labels?.[this.currentLanguage] ?? reason.name}</option>`)}
                </select>
              </label>
              <p id="lost-error" class="error" role="alert">${this.lostError}</p>
              <label>${this.t('lostNote')}<textarea name="note" rows="3"></textarea></label>
              <div class="buttons">
                <button type="button" @click=${this.onLostCancel}>${this.t('common.cancel')}</button>
                <button type="submit" class="primary">${this.t('markLostConfirm')}</button>
              </div>
            </form>`
          : nothing}
      </dialog>
    `;
  }

  // ---- filters and scrolling ------------------------------------------------------------------------------

  private onFilter = (event: Event): void => {
    const control = event.target as HTMLInputElement | HTMLSelectElement;
    const key = control.dataset['filter'] as keyof PipelineFilters;
    this.filters = { ...this.filters, [key]: control.value };
  };

  private onScroll = (event: Event): void => {
    const body = event.currentTarget as HTMLElement;
    const stageId = body.dataset['stage']!;
    const before = Math.floor((this.scrollTops.get(stageId) ?? 0) / CARD_SLOT_HEIGHT);
    this.scrollTops.set(stageId, body.scrollTop);
    if (Math.floor(body.scrollTop / CARD_SLOT_HEIGHT) !== before) this.requestUpdate();
  };

  // ---- keyboard ---------------------------------------------------------------------------------------------

  private cardOf(event: Event): HTMLElement | undefined {
    const target = event.target as HTMLElement;
    return target.classList?.contains('card') ? target : undefined;
  }

  private locate(id: string): { column: number; index: number } | undefined {
    for (let column = 0; column < this.columns.length; column++) {
      const index = this.columns[column]!.cards.findIndex((card) => card.id === id);
      if (index >= 0) return { column, index };
    }
    return undefined;
  }

  private onFocusin = (event: FocusEvent): void => {
    const card = this.cardOf(event);
    if (card) this.focusedId = card.dataset['id'];
  };

  private onKeydown = (event: KeyboardEvent): void => {
    const card = this.cardOf(event);
    if (!card) return;
    const id = card.dataset['id']!;
    if (this.grab) {
      const handled = this.onGrabKey(event.key);
      if (handled) event.preventDefault();
      return;
    }
    const where = this.locate(id);
    if (!where) return;
    switch (event.key) {
      case ' ':
      case 'Spacebar':
        event.preventDefault();
        this.pickUp(id);
        return;
      case 'Enter':
        event.preventDefault();
        this.emit<CrmOpenRecordDetail>('crm-open-record', { entity: 'opportunity', id });
        return;
      case 'ArrowDown':
      case 'ArrowUp': {
        event.preventDefault();
        const cards = this.columns[where.column]!.cards;
        const next = cards[Math.max(0, Math.min(cards.length - 1, where.index + (event.key === 'ArrowDown' ? 1 : -1)))];
        if (next) void this.focusCard(next.id);
        return;
      }
      case 'Home':
      case 'End': {
        event.preventDefault();
        const cards = this.columns[where.column]!.cards;
        const next = event.key === 'Home' ? cards[0] : cards[cards.length - 1];
        if (next) void this.focusCard(next.id);
        return;
      }
      case 'ArrowLeft':
      case 'ArrowRight': {
        event.preventDefault();
        const step = event.key === 'ArrowRight' ? 1 : -1;
        for (let column = where.column + step; column >= 0 && column < this.columns.length; column += step) {
          const cards = this.columns[column]!.cards;
          if (cards.length > 0) {
            void this.focusCard(cards[Math.min(where.index, cards.length - 1)]!.id);
            return;
          }
        }
        return;
      }
    }
  };

  private onGrabKey(key: string): boolean {
    const grab = this.grab!;
    switch (key) {
      case 'ArrowLeft':
      case 'ArrowRight': {
        const position = this.columns.findIndex((column) => column.stage.id === grab.targetStageId);
        const next = Math.max(0, Math.min(this.columns.length - 1, position + (key === 'ArrowRight' ? 1 : -1)));
        const stage = this.columns[next]!.stage;
        this.grab = { ...grab, targetStageId: stage.id };
        this.announce(this.t('over', { stage: this.stageLabel(stage.id), position: next + 1, total: this.columns.length }));
        return true;
      }
      case ' ':
      case 'Spacebar':
      case 'Enter':
        void this.drop();
        return true;
      case 'Escape':
        this.cancelGrab();
        return true;
      case 'Tab':
        this.cancelGrab();
        return false;
      default:
        return key === 'ArrowUp' || key === 'ArrowDown';
    }
  }

  private pickUp(id: string): void {
    const opportunity = this.snapshot?.opportunities.get(id);
    if (!opportunity) return;
    if (opportunity.status !== 'open') {
      // a won deal keeps its stage until it is reopened: say so instead of a move the pipeline refuses
      this.announce(this.t('closedCard', { name: opportunity.name }));
      return;
    }
    this.grab = { id, fromStageId: opportunity.stageId, targetStageId: opportunity.stageId };
    this.announce(this.t('grabbed', { name: opportunity.name, stage: this.stageLabel(opportunity.stageId) }));
  }

  private cancelGrab(): void {
    const grab = this.grab;
    if (!grab) return;
    this.grab = undefined;
    const name = this.snapshot?.opportunities.get(grab.id)?.name ?? grab.id;
    this.announce(this.t('cancelled', { name }));
  }

  private async drop(): Promise<void> {
    const grab = this.grab;
    if (!grab) return;
    this.grab = undefined;
    if (grab.targetStageId === grab.fromStageId) {
      this.announce(this.t('cancelled', { name: this.snapshot?.opportunities.get(grab.id)?.name ?? grab.id }));
      return;
    }
    await this.moveCard(grab.id, grab.targetStageId);
    await this.focusCard(grab.id);
  }

  private announce(text: string): void {
    // a repeated identical message is cleared first so screen readers speak it again
    this.announcement = this.announcement === text ? `${text}\u00a0` : text;
  }

  /** Focuses a card, scrolling its column so that the card is rendered and in view. */
  async focusCard(id: string): Promise<void> {
    await this.updateComplete;
    const where = this.locate(id);
    if (!where) return;
    this.focusedId = id;
    const stageId = this.columns[where.column]!.stage.id;
    const body = this.renderRoot.querySelector<HTMLElement>(`.body[data-stage="${CSS.escape(stageId)}"]`);
    if (body) {
      const top = where.index * CARD_SLOT_HEIGHT;
      if (top < body.scrollTop || top + CARD_SLOT_HEIGHT > body.scrollTop + body.clientHeight) {
        body.scrollTop = Math.max(0, top - CARD_SLOT_HEIGHT);
        this.scrollTops.set(stageId, body.scrollTop);
      }
    }
    this.requestUpdate();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`.card[data-id="${CSS.escape(id)}"]`)?.focus();
  }

  // ---- pointer ----------------------------------------------------------------------------------------------

  private onDragStart = (event: DragEvent): void => {
    const card = this.cardOf(event);
    if (!card) return;
    if (this.snapshot?.opportunities.get(card.dataset['id']!)?.status !== 'open') {
      event.preventDefault();
      return;
    }
    this.dragId = card.dataset['id'];
    event.dataTransfer?.setData('text/plain', this.dragId ?? '');
    if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
  };

  private onDragEnd = (): void => {
    this.dragId = undefined;
    this.dropStageId = undefined;
  };

  private columnOf(event: Event): string | undefined {
    for (const node of event.composedPath()) {
      if (node instanceof HTMLElement && node.classList.contains('column')) return node.dataset['stage'];
    }
    return undefined;
  }

  private onDragOver = (event: DragEvent): void => {
    if (!this.dragId) return;
    const stageId = this.columnOf(event);
    if (!stageId) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'move';
    if (this.dropStageId !== stageId) this.dropStageId = stageId;
  };

  private onDrop = (event: DragEvent): void => {
    const id = this.dragId ?? event.dataTransfer?.getData('text/plain');
    const stageId = this.columnOf(event);
    this.dragId = undefined;
    this.dropStageId = undefined;
    if (!id || !stageId) return;
    event.preventDefault();
    const opportunity = this.snapshot?.opportunities.get(id);
    if (opportunity && opportunity.status === 'open' && opportunity.stageId !== stageId) void this.moveCard(id, stageId);
  };

  private onClick = (event: MouseEvent): void => {
    const button = (event.target as HTMLElement).closest?.('button[data-action]') as HTMLButtonElement | null;
    const card = button?.closest('.card') as HTMLElement | null;
    if (!button || !card) return;
    const opportunity = this.snapshot?.opportunities.get(card.dataset['id']!);
    if (!opportunity) return;
    if (button.dataset['action'] === 'won') void this.markWon(opportunity);
    else this.openLostDialog(opportunity);
  };

  private onDoubleClick = (event: MouseEvent): void => {
    const card = (event.target as HTMLElement).closest?.('.card') as HTMLElement | null;
    if (card && !(event.target as HTMLElement).closest('button')) this.emit<CrmOpenRecordDetail>('crm-open-record', { entity: 'opportunity', id: card.dataset['id']! });
  };

  // ---- actions ----------------------------------------------------------------------------------------------

  /**
   * Moves an opportunity to a stage as the user would: `crm-stage-change-request` first (a host may veto
   * it), then the pipeline service, then `crm-stage-change`. Resolves to whether the move happened.
   */
  async moveCard(opportunityId: string, toStageId: string): Promise<boolean> {
    const opportunity = this.snapshot?.opportunities.get(opportunityId);
    if (!opportunity || !this.crm) return false;
    const detail: CrmStageChangeDetail = { opportunityId, fromStageId: opportunity.stageId, toStageId };
    const name = opportunity.name;
    if (!this.emit('crm-stage-change-request', detail, { cancelable: true })) {
      this.announce(this.t('vetoed', { name, stage: this.stageLabel(toStageId) }));
      return false;
    }
    try {
      this.errorMessage = '';
      await pipelineOf(this.crm).moveStage(opportunityId, toStageId, { expectedRev: opportunity.rev });
    } catch (error) {
      this.fail(error, 'moveStage');
      return false;
    }
    await this.updateComplete;
    this.emit('crm-stage-change', detail);
    this.announce(this.t('dropped', { name, stage: this.stageLabel(toStageId) }));
    return true;
  }

  private async markWon(opportunity: BoardOpportunity): Promise<void> {
    if (!this.crm) return;
    const detail: CrmOutcomeDetail = { opportunityId: opportunity.id };
    if (!this.emit('crm-won-request', detail, { cancelable: true })) return;
    try {
      this.errorMessage = '';
      await pipelineOf(this.crm).markWon(opportunity.id);
    } catch (error) {
      this.fail(error, 'markWon');
      return;
    }
    await this.updateComplete;
    this.emit('crm-won', detail);
    this.announce(this.t('markedWon', { name: opportunity.name }));
    // the Won and Lost buttons made way for the badge: focus stays on the card instead of falling to the page
    await this.focusCard(opportunity.id);
  }

  private openLostDialog(opportunity: BoardOpportunity): void {
    this.lostError = '';
    this.lostTarget = opportunity;
  }

  private onLostCancel = (event: Event): void => {
    event.preventDefault();
    const target = this.lostTarget;
    this.lostTarget = undefined;
    if (target) void this.focusCard(target.id);
  };

  private onLostSubmit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const target = this.lostTarget;
    if (!target || !this.crm) return;
    const form = event.currentTarget as HTMLFormElement;
    const lostReasonId = (form.elements.namedItem('reason') as HTMLSelectElement).value;
    const note = (form.elements.namedItem('note') as HTMLTextAreaElement).value.trim();
    if (!lostReasonId) {
      this.lostError = this.t('reasonRequired');
      form.querySelector<HTMLSelectElement>('select')?.focus();
      return;
    }
    const detail: CrmOutcomeDetail = { opportunityId: target.id, lostReasonId };
    if (!this.emit('crm-lost-request', detail, { cancelable: true })) return;
    const place = this.locate(target.id);
    try {
      await pipelineOf(this.crm).markLost(target.id, note ? { lostReasonId, note } : { lostReasonId });
    } catch (error) {
      if (error instanceof CrmValidationError) {
        this.lostError = error.issues.map((issue) => translateIssue(issue, this.currentLanguage)).join(' ');
        return;
      }
      this.lostTarget = undefined;
      this.fail(error, 'markLost');
      return;
    }
    this.lostTarget = undefined;
    await this.updateComplete;
    this.emit('crm-lost', detail);
    this.announce(this.t('markedLost', { name: target.name }));
    // a lost card leaves the board: focus goes to the card that took its place (or the one before it)
    await this.focusNear(place);
  };

  /** Focuses the card now at `place` in its column, else the one before it, else the first card of the board. */
  private async focusNear(place: { column: number; index: number } | undefined): Promise<void> {
    await this.updateComplete;
    const cards = place ? (this.columns[place.column]?.cards ?? []) : [];
    const next = place ? (cards[place.index] ?? cards[place.index - 1]) : undefined;
    const fallback = this.columns.find((column) => column.cards.length > 0)?.cards[0];
    const id = next?.id ?? fallback?.id;
    if (id) await this.focusCard(id);
    else this.renderRoot.querySelector<HTMLElement>('[data-filter="text"]')?.focus();
  }

  private fail(error: unknown, action: string): void {
    this.errorMessage = this.t('common.error', { message: describeError(error, this.currentLanguage) });
    this.emit<CrmErrorDetail>('crm-error', { error, action });
  }
}
