import type { CrmContext, SaveGuard } from '../crm/context.js';
import type { Stage } from '../schema/stage.js';
import { failField } from '../schema/validate.js';

/**
 * A save guard that refuses a plain `crm.opportunities.create` in the won stage: a deal is won through
 * `crm.pipeline` (`markWon`, or `moveStage` into the won stage), which records how it closed. The workflow-field
 * check cannot see this (it is a pure rule; which stage is the won one is in the store). A `system` actor writes
 * records as they are.
 */
export function wonStageGuard(context: CrmContext): SaveGuard {
  return async (event) => {
    if (event.entity !== 'opportunity' || event.mode !== 'create' || context.actor.role === 'system') return [];
    const stageId = event.data['stageId'];
    if (typeof stageId !== 'string') return [];
    const [stage] = await context.storage.get('stage', [stageId]);
    if (stage) refuseWonStage(stage as unknown as Pick<Stage, 'name' | 'isWon'>, 'stageId', 'workflow_field');
    return [];
  };
}

/**
 * Refuses `stage` at `path` when it is the won stage, the one place a new opportunity may not start: `crm.pipeline.open`
 * and this guard both ask it.
 */
export function refuseWonStage(stage: Pick<Stage, 'name' | 'isWon'>, path: string, code: string): void {
  if (stage.isWon) failField(path, `"${stage.name}" is the won stage; an opportunity starts open and is won through crm.pipeline.markWon`, code, 'opportunity');
}
