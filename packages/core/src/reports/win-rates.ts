import { expectedOf, rate, type ReportOpportunity } from './report-inputs.js';

/** One salesperson's or team's results. */
export interface WinRateRow {
  /** The salesperson's or team's id; `""` for opportunities nobody was given. */
  key: string;
  open: number;
  won: number;
  lost: number;
  /** Won per closed (won + lost); null before anything closed. */
  winRate: number | null;
  /** Revenue won, in minor units (expected revenue of the won opportunities). */
  revenue: number;
}

/**
 * Win rate and revenue by salesperson (`salespersonId`, else the owner) or by team (`salesTeamId`, else the
 * owning team), sorted by revenue then key.
 */
export function winRatesBy(opportunities: readonly ReportOpportunity[], by: 'salesperson' | 'team'): WinRateRow[] {
  const rows = new Map<string, WinRateRow>();
  for (const opportunity of opportunities) {
    const key = (by === 'salesperson' ? (opportunity.salespersonId ?? opportunity.ownerId) : (opportunity.salesTeamId ?? opportunity.teamId)) ?? '';
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { key, open: 0, won: 0, lost: 0, winRate: null, revenue: 0 }));
    row[opportunity.status] += 1;
    if (opportunity.status === 'won') row.revenue += expectedOf(opportunity);
  }
  for (const row of rows.values()) row.winRate = rate(row.won, row.won + row.lost);
  return [...rows.values()].sort((a, b) => b.revenue - a.revenue || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
