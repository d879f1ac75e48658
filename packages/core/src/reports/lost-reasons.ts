import { expectedOf, rate, type ReportOpportunity } from './report-inputs.js';

/** How often one lost reason was given. */
export interface LostReasonRow {
  lostReasonId: string;
  name: string;
  count: number;
  /** Share of all lost opportunities. */
  share: number | null;
  /** Expected revenue lost for this reason, in minor units. */
  expectedLost: number;
}

/** Lost opportunities broken down by lost reason, most frequent first. */
export function lostReasonsBreakdown(opportunities: readonly ReportOpportunity[], reasons: readonly { id: string; name: string }[]): LostReasonRow[] {
  const names = new Map(reasons.map((reason) => [reason.id, reason.name]));
  const rows = new Map<string, LostReasonRow>();
  const lost = opportunities.filter((opportunity) => opportunity.status === 'lost');
  for (const opportunity of lost) {
    const id = opportunity.lostReasonId ?? '';
    let row = rows.get(id);
    if (!row) rows.set(id, (row = { lostReasonId: id, name: names.get(id) ?? id, count: 0, share: null, expectedLost: 0 }));
    row.count += 1;
    row.expectedLost += expectedOf(opportunity);
  }
  for (const row of rows.values()) row.share = rate(row.count, lost.length);
  return [...rows.values()].sort((a, b) => b.count - a.count || b.expectedLost - a.expectedLost || (a.name < b.name ? -1 : 1));
}
