import type { Activity } from '../schema/activity.js';
import type { Opportunity } from '../schema/opportunity.js';

/** An opportunity as the reports read it. */
export type ReportOpportunity = Pick<Opportunity, 'stageId' | 'status' | 'expectedRevenue' | 'probability' | 'expectedCloseDate' | 'salespersonId' | 'salesTeamId' | 'lostReasonId' | 'ownerId' | 'teamId'> & { id: string };

/** An activity as the reports read it. */
export type ReportActivity = Pick<Activity, 'status' | 'dueAt' | 'assigneeId'> & { id: string };

/** The share `part / whole`, or null when there is nothing to divide by (a rate of nothing is not 0 %). */
export function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/** An opportunity's expected revenue in minor units (0 when it has none). */
export function expectedOf(opportunity: Pick<Opportunity, 'expectedRevenue'>): number {
  return opportunity.expectedRevenue?.amount ?? 0;
}
