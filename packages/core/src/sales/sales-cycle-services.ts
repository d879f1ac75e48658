import { ActivityPlanner, type ActivityPlannerOptions } from '../activities/activity-planner.js';
import { SupportService } from '../cases/support-service.js';
import type { CrmContext } from '../crm/context.js';
import { DocumentsService, type DocumentsOptions } from '../documents/documents-service.js';
import { GreetingsService, type GreetingsOptions } from '../greetings/greetings-service.js';
import { ProspectingService, type CandidateFinder, type ProspectingOptions } from '../leads/prospecting-service.js';
import { ReportsService } from '../reports/reports-service.js';
import { TeamsService } from '../teams/teams-service.js';

/** Options of the sales-cycle services (each part optional). */
export interface SalesCycleOptions {
  /** The lead step on or off. */
  prospecting?: ProspectingOptions;
  /** Quote validity, document sequences, the day's UTC offset. */
  documents?: DocumentsOptions;
  /** The agenda's UTC offset. */
  activities?: ActivityPlannerOptions;
  /** The host's greeting sender and templates. */
  greetings?: GreetingsOptions;
}

/** The sales cycle's domain services on the facade (the pipeline is `crm.pipeline`, wired on its own). */
export interface SalesCycleServices {
  /** Raw-contact screening, lead capture with tracking, BANT, assignment, conversion. */
  prospecting: ProspectingService;
  /** Quotes (numbered, with validity and states), orders from accepted quotes, contracts after won deals. */
  documents: DocumentsService;
  /** Scheduling, completing (with the next activity), rescheduling and cancelling activities; reminders; agendas. */
  activityPlanner: ActivityPlanner;
  /** Sales teams: members, leader, capacities, kept in step with the users' teams. */
  teams: TeamsService;
  /** Cases: New → In progress → Resolved → Closed with a resolution. */
  support: SupportService;
  /** The daily birthday and founding-anniversary greetings. */
  greetings: GreetingsService;
  /** Pipeline, funnel, win rates, lost reasons, forecast and activity reports. */
  reports: ReportsService;
}

/**
 * Builds the sales cycle's services on one context; `finder` (the duplicate engine) proposes conversion
 * candidates by the duplicate rules.
 */
export function salesCycleServices(context: CrmContext, options: SalesCycleOptions = {}, finder?: CandidateFinder): SalesCycleServices {
  return {
    prospecting: new ProspectingService(context, options.prospecting, finder),
    documents: new DocumentsService(context, options.documents),
    activityPlanner: new ActivityPlanner(context, options.activities),
    teams: new TeamsService(context),
    support: new SupportService(context),
    greetings: new GreetingsService(context, options.greetings),
    reports: new ReportsService(context),
  };
}
