import type { Activity, LostReason, Opportunity, SalesTeam, Stage, StoredRecord, Tag, User } from '@crmkit/core';

/** An opportunity as the board keeps it. */
export type BoardOpportunity = StoredRecord<Opportunity>;

/** Everything the board shows, loaded once and then kept in step with the store's commits. */
export interface PipelineSnapshot {
  stages: StoredRecord<Stage>[];
  opportunities: Map<string, BoardOpportunity>;
  users: Map<string, StoredRecord<User>>;
  teams: StoredRecord<SalesTeam>[];
  tags: StoredRecord<Tag>[];
  lostReasons: StoredRecord<LostReason>[];
  /** Display names of the customers (contacts and companies) by id. */
  customerNames: Map<string, string>;
  /** The earliest planned activity of each opportunity. */
  nextActivity: Map<string, StoredRecord<Activity>>;
}

/** The board's filters; empty strings mean "all". */
export interface PipelineFilters {
  teamId: string;
  salespersonId: string;
  tagId: string;
  text: string;
}

/** Sums of money per currency, in minor units. */
export type MoneyTotals = Map<string, number>;

/** One column: its stage, the visible cards (in board order) and their totals. */
export interface PipelineColumn {
  stage: StoredRecord<Stage>;
  cards: BoardOpportunity[];
  expected: MoneyTotals;
  weighted: MoneyTotals;
}

/**
 * Folds text for search the way Vietnamese users type it: without diacritics, any case, đ as d — so "nguyen"
 * finds "Nguyễn" and "DUONG" finds "Đường".
 */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
}

/** The probability that weights an opportunity's value: its own, else its stage's default. */
export function probabilityOf(opportunity: BoardOpportunity, stage: Stage | undefined): number {
  return opportunity.probability ?? stage?.defaultProbability ?? 0;
}

function add(totals: MoneyTotals, currency: string, amount: number): void {
  totals.set(currency, (totals.get(currency) ?? 0) + amount);
}

/** The text a card is searched by: name, customer, salesperson, folded once per record revision. */
function searchTextOf(snapshot: PipelineSnapshot, opportunity: BoardOpportunity, cache: Map<string, { rev: number; text: string }>): string {
  const cached = cache.get(opportunity.id);
  if (cached && cached.rev === opportunity.rev) return cached.text;
  const parts = [opportunity.name];
  const customerId = opportunity.companyId ?? opportunity.contactId;
  if (opportunity.contactId) parts.push(snapshot.customerNames.get(opportunity.contactId) ?? '');
  if (opportunity.companyId && opportunity.companyId !== customerId) parts.push(snapshot.customerNames.get(opportunity.companyId) ?? '');
  if (customerId) parts.push(snapshot.customerNames.get(customerId) ?? '');
  if (opportunity.salespersonId) parts.push(snapshot.users.get(opportunity.salespersonId)?.name ?? '');
  const text = foldText(parts.join(' '));
  cache.set(opportunity.id, { rev: opportunity.rev, text });
  return text;
}

/**
 * Splits the opportunities into one column per stage (by sequence), keeping those the filters let through:
 * open and won ones (a lost opportunity leaves the board), sorted by priority then expected close date.
 */
export function buildColumns(snapshot: PipelineSnapshot, filters: PipelineFilters, searchCache: Map<string, { rev: number; text: string }>): PipelineColumn[] {
  const stages = [...snapshot.stages].sort((a, b) => a.sequence - b.sequence || a.name.localeCompare(b.name));
  const columns = new Map<string, PipelineColumn>(stages.map((stage) => [stage.id, { stage, cards: [], expected: new Map(), weighted: new Map() }]));
  const words = foldText(filters.text).split(/\s+/).filter(Boolean);
  for (const opportunity of snapshot.opportunities.values()) {
    if (opportunity.status === 'lost') continue;
    const column = columns.get(opportunity.stageId);
    if (!column) continue;
    if (filters.teamId && opportunity.salesTeamId !== filters.teamId) continue;
    if (filters.salespersonId && opportunity.salespersonId !== filters.salespersonId) continue;
    if (filters.tagId && !opportunity.tagIds?.includes(filters.tagId)) continue;
    if (words.length > 0) {
      const text = searchTextOf(snapshot, opportunity, searchCache);
      if (!words.every((word) => text.includes(word))) continue;
    }
    column.cards.push(opportunity);
    const revenue = opportunity.expectedRevenue;
    if (revenue) {
      add(column.expected, revenue.currency, revenue.amount);
      add(column.weighted, revenue.currency, Math.round((revenue.amount * probabilityOf(opportunity, column.stage)) / 100));
    }
  }
  for (const column of columns.values()) {
    column.cards.sort(
      (a, b) => (b.priority ?? 0) - (a.priority ?? 0) || (a.expectedCloseDate ?? '9999').localeCompare(b.expectedCloseDate ?? '9999') || a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
    );
  }
  return [...columns.values()];
}

/** Whole days from `now` to `dueAt` (negative: late), counted on calendar days in local time. */
export function daysUntil(dueAt: string, now: Date): number {
  const due = new Date(dueAt);
  const startOfDay = (date: Date) => new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
  return Math.round((startOfDay(due) - startOfDay(now)) / 86_400_000);
}
