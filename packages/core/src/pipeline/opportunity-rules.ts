import type { Opportunity, StageVisit } from '../schema/opportunity.js';
import type { Stage } from '../schema/stage.js';

/** A stage with its id, as the rules read it. */
export type StageWithId = Stage & { id: string };

/** The stages in pipeline order (by sequence, then id so the order is stable). */
export function orderStages<T extends { sequence: number; id: string }>(stages: readonly T[]): T[] {
  return [...stages].sort((a, b) => a.sequence - b.sequence || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Where a new opportunity starts: the first stage that is not the won stage, or undefined without stages. */
export function openingStage<T extends { sequence: number; id: string; isWon?: boolean | undefined }>(stages: readonly T[]): T | undefined {
  return orderStages(stages).find((stage) => !stage.isWon);
}

/** The won stage (the last one flagged won), if the pipeline has one. */
export function wonStage<T extends { sequence: number; id: string; isWon?: boolean | undefined }>(stages: readonly T[]): T | undefined {
  return orderStages(stages).filter((stage) => stage.isWon).at(-1);
}

/**
 * The stage history after a move at `at`: the current stay is closed and a new one opens. An opportunity
 * created without history gets its first stay back-filled from its creation, so the time spent in its first
 * stage is not lost.
 */
export function historyAfterMove(
  opportunity: Pick<Opportunity, 'stageId' | 'stageHistory'> & { createdAt?: string | undefined },
  toStageId: string,
  at: string,
  byUserId: string,
): StageVisit[] {
  const history = [...(opportunity.stageHistory ?? [])];
  const last = history.at(-1);
  if (last && !last.leftAt) history[history.length - 1] = { ...last, leftAt: at };
  else if (!last && opportunity.createdAt) history.push({ stageId: opportunity.stageId, enteredAt: opportunity.createdAt, leftAt: at });
  history.push({ stageId: toStageId, enteredAt: at, byUserId });
  return history;
}

/**
 * A new opportunity's stored fields: it starts in `stage` with that stage's default probability (unless given)
 * and a first stay in the stage history.
 */
export function newOpportunityData(input: Record<string, unknown>, stage: Pick<StageWithId, 'id' | 'defaultProbability'>, at: string, byUserId: string): Record<string, unknown> {
  return {
    ...input,
    stageId: stage.id,
    probability: input['probability'] ?? stage.defaultProbability,
    status: 'open',
    stageHistory: [{ stageId: stage.id, enteredAt: at, byUserId }],
  };
}

/** How long (in milliseconds) an opportunity spent in each stage, from its history; the open stay counts up to `now`. */
export function timeInStages(history: readonly StageVisit[], now: string): Record<string, number> {
  const spent: Record<string, number> = {};
  for (const visit of history) {
    const ms = Date.parse(visit.leftAt ?? now) - Date.parse(visit.enteredAt);
    spent[visit.stageId] = (spent[visit.stageId] ?? 0) + Math.max(0, ms);
  }
  return spent;
}
