import { weightedRevenue } from '../pipeline/default-stages.js';
import { expectedOf, type ReportOpportunity } from './report-inputs.js';

/** One month of the forecast. */
export interface ForecastRow {
  /** `YYYY-MM`, or `none` for open opportunities without an expected close date. */
  month: string;
  count: number;
  expected: number;
  weighted: number;
}

/** The open pipeline by expected-close month, in month order (undated ones last). */
export function forecastByMonth(opportunities: readonly ReportOpportunity[]): ForecastRow[] {
  const rows = new Map<string, ForecastRow>();
  for (const opportunity of opportunities) {
    if (opportunity.status !== 'open') continue;
    const month = opportunity.expectedCloseDate?.slice(0, 7) ?? 'none';
    let row = rows.get(month);
    if (!row) rows.set(month, (row = { month, count: 0, expected: 0, weighted: 0 }));
    row.count += 1;
    row.expected += expectedOf(opportunity);
    row.weighted += weightedRevenue(opportunity);
  }
  return [...rows.values()].sort((a, b) => (a.month === 'none' ? 1 : b.month === 'none' ? -1 : a.month < b.month ? -1 : 1));
}
