import type { CrmContext } from '../crm/context.js';
import { loadReadable } from '../sales/load.js';
import type { Activity } from '../schema/activity.js';
import type { Lead } from '../schema/lead.js';
import type { LostReason } from '../schema/lost-reason.js';
import type { Opportunity } from '../schema/opportunity.js';
import type { RawContact } from '../schema/raw-contact.js';
import type { Stage } from '../schema/stage.js';
import type { Condition } from '../storage/contract.js';
import { activitiesByUser, type ActivityRow } from './activity-report.js';
import { forecastByMonth, type ForecastRow } from './forecast.js';
import { funnel, type Funnel } from './funnel.js';
import { lostReasonsBreakdown, type LostReasonRow } from './lost-reasons.js';
import { pipelineByStage, type StageRow } from './pipeline-by-stage.js';
import { winRatesBy, type WinRateRow } from './win-rates.js';

/** Which opportunities a report covers: one salesperson's or one team's (all the actor may read otherwise). */
export interface ReportScope {
  salespersonId?: string;
  salesTeamId?: string;
}

function where(scope: ReportScope): Condition[] {
  const conditions: Condition[] = [];
  if (scope.salespersonId) conditions.push({ field: 'salespersonId', op: 'eq', value: scope.salespersonId });
  if (scope.salesTeamId) conditions.push({ field: 'salesTeamId', op: 'eq', value: scope.salesTeamId });
  return conditions;
}

/**
 * The sales reports over the store (`crm.reports`): each loads the records the acting user may read and calls
 * the pure report function of the same name, so a manager sees everyone's numbers and a salesperson their own.
 */
export class ReportsService {
  constructor(private readonly context: CrmContext) {}

  private opportunities(scope: ReportScope = {}) {
    return loadReadable<Opportunity & { id: string }>(this.context, 'opportunity', where(scope));
  }

  /** The open pipeline by stage: count, expected and weighted revenue. */
  async pipelineByStage(scope: ReportScope = {}): Promise<StageRow[]> {
    return pipelineByStage(await this.opportunities(scope), await loadReadable<Stage & { id: string }>(this.context, 'stage'));
  }

  /** Raw contacts → leads → opportunities → won, with rates. */
  async funnel(): Promise<Funnel> {
    return funnel({
      rawContacts: await loadReadable<RawContact>(this.context, 'rawContact'),
      leads: await loadReadable<Lead>(this.context, 'lead'),
      opportunities: await this.opportunities(),
    });
  }

  /** Win rate and revenue by salesperson or by team. */
  async winRates(by: 'salesperson' | 'team', scope: ReportScope = {}): Promise<WinRateRow[]> {
    return winRatesBy(await this.opportunities(scope), by);
  }

  /** Lost opportunities by lost reason. */
  async lostReasons(scope: ReportScope = {}): Promise<LostReasonRow[]> {
    return lostReasonsBreakdown(await this.opportunities(scope), await loadReadable<LostReason & { id: string }>(this.context, 'lostReason'));
  }

  /** The open pipeline by expected-close month. */
  async forecast(scope: ReportScope = {}): Promise<ForecastRow[]> {
    return forecastByMonth(await this.opportunities(scope));
  }

  /** Activities done vs overdue per user, now. */
  async activities(): Promise<ActivityRow[]> {
    return activitiesByUser(await loadReadable<Activity & { id: string }>(this.context, 'activity'), this.context.now().toISOString());
  }
}
