import type { Crm } from '@crmkit/core';

/** The sales-cycle actions the board calls (`crm.pipeline`, the core's pipeline service). */
export interface PipelineActions {
  moveStage(opportunityId: string, stageId: string, options?: { expectedRev?: number }): Promise<unknown>;
  markWon(opportunityId: string): Promise<unknown>;
  markLost(opportunityId: string, options: { lostReasonId: string; note?: string }): Promise<unknown>;
}

/** Thrown when the crm client has no pipeline service: the board does not move records behind its back. */
export class MissingPipelineServiceError extends Error {
  constructor() {
    super('crm.pipeline is missing: the pipeline board needs the core pipeline service (moveStage, markWon, markLost)');
    this.name = 'MissingPipelineServiceError';
  }
}

/** The crm's pipeline service, or a clear error when this crm has none. */
export function pipelineOf(crm: Crm): PipelineActions {
  const pipeline = (crm as Crm & { pipeline?: PipelineActions }).pipeline;
  if (!pipeline || typeof pipeline.moveStage !== 'function') throw new MissingPipelineServiceError();
  return pipeline;
}
