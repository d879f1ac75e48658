import { weightedRevenue } from '../pipeline/default-stages.js';
import { orderStages } from '../pipeline/opportunity-rules.js';
import type { Stage } from '../schema/stage.js';
import { expectedOf, type ReportOpportunity } from './report-inputs.js';

/** One stage's column of the pipeline report. */
export interface StageRow {
  stageId: string;
  name: string;
  count: number;
  /** Expected revenue in minor units. */
  expected: number;
  /** Expected revenue weighted by each opportunity's probability. */
  weighted: number;
}

/**
 * The open pipeline by stage, in pipeline order: how many opportunities, their expected and weighted revenue.
 * Won and lost opportunities are not pipeline any more; an open one in a stage that no longer exists gets a row
 * of its own (named by its id) rather than vanishing.
 */
export function pipelineByStage(opportunities: readonly ReportOpportunity[], stages: readonly (Pick<Stage, 'name' | 'sequence'> & { id: string })[]): StageRow[] {
  const rows = new Map<string, StageRow>(orderStages(stages).map((stage) => [stage.id, { stageId: stage.id, name: stage.name, count: 0, expected: 0, weighted: 0 }]));
  for (const opportunity of opportunities) {
    if (opportunity.status !== 'open') continue;
    let row = rows.get(opportunity.stageId);
    if (!row) rows.set(opportunity.stageId, (row = { stageId: opportunity.stageId, name: opportunity.stageId, count: 0, expected: 0, weighted: 0 }));
    row.count += 1;
    row.expected += expectedOf(opportunity);
    row.weighted += weightedRevenue(opportunity);
  }
  return [...rows.values()];
}
