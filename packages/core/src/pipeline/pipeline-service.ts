import type { CrmContext } from '../crm/context.js';
import { WriteSet } from '../crm/write-set.js';
import { CrmNotFoundError, CrmRuleError } from '../errors.js';
import type { Opportunity } from '../schema/opportunity.js';
import type { Stage } from '../schema/stage.js';
import { failField } from '../schema/validate.js';
import type { StoredRecord } from '../storage/contract.js';
import { DEFAULT_STAGES } from './default-stages.js';
import { refuseWonStage } from './won-stage-guard.js';
import { historyAfterMove, newOpportunityData, openingStage, wonStage, type StageWithId } from './opportunity-rules.js';

/** A stored opportunity. */
export type StoredOpportunity = StoredRecord<Opportunity>;

/**
 * Moving opportunities through the pipeline (`crm.pipeline`): stage moves recorded in the stage history with
 * timestamps, won and lost as explicit outcomes (lost needs a lost reason), reopening, and a company turning
 * "customer" with its first won opportunity — in the same commit.
 */
export class PipelineService {
  constructor(private readonly context: CrmContext) {}

  /** Stores the default stages (Liên hệ, Đánh giá, Đề xuất giải pháp, Đàm phán, Chốt) that are not there yet. */
  async seedDefaultStages(): Promise<void> {
    const existing = await this.context.storage.get('stage', DEFAULT_STAGES.map((stage) => stage.id));
    const writes = new WriteSet(this.context, 'pipeline.seed');
    DEFAULT_STAGES.forEach((stage, i) => {
      if (existing[i]) return;
      const { id, ...data } = stage;
      writes.create('stage', { ...data, labels: { ...data.labels } }, { id });
    });
    if (writes.size > 0) await writes.commit('stage');
  }

  /** Every stage of the pipeline, in order. */
  async stages(): Promise<StageWithId[]> {
    const page = await this.context.storage.query({ entity: 'stage', orderBy: { field: 'sequence' } });
    return page.records as unknown as StageWithId[];
  }

  /**
   * Opens a new opportunity: in `stageId` if given (a validation error at `stageId` if unknown), otherwise in
   * the first stage; its probability is the stage's default unless given, and its history starts there.
   */
  async open(input: Record<string, unknown>): Promise<StoredOpportunity> {
    const writes = new WriteSet(this.context, 'opportunity.open');
    const stage = await this.startingStage(typeof input['stageId'] === 'string' ? input['stageId'] : undefined);
    writes.create('opportunity', newOpportunityData(input, stage, this.context.now().toISOString(), this.context.actor.id));
    const { records } = await writes.commit('opportunity');
    return records[0] as unknown as StoredOpportunity;
  }

  /**
   * The stage a new opportunity starts in: `stageId` when given (refused at `path` when it does not exist),
   * otherwise the first stage of the pipeline (refused at `path` when there is none).
   */
  async startingStage(stageId: string | undefined, path = 'stageId'): Promise<StageWithId> {
    if (stageId !== undefined) {
      const [stage] = (await this.context.storage.get('stage', [stageId])) as unknown as (StageWithId | undefined)[];
      if (!stage) failField(path, `no stage with id "${stageId}"`, 'unknown_reference', 'opportunity');
      // a deal is won through markWon / moveStage, which record how it closed: it cannot start in the won stage
      refuseWonStage(stage, path, 'invalid_value');
      return stage;
    }
    const first = openingStage(await this.stages());
    if (!first) failField(path, 'the pipeline has no stages yet (seed the default stages first)', 'required', 'opportunity');
    return first;
  }

  private async opportunity(id: string, expectedRev?: number): Promise<StoredOpportunity> {
    const [record] = await this.context.storage.get('opportunity', [id]);
    if (!record) throw new CrmNotFoundError('opportunity', id);
    const opportunity = record as unknown as StoredOpportunity;
    return expectedRev === undefined ? opportunity : { ...opportunity, rev: expectedRev };
  }

  /**
   * Moves an opportunity to another stage: the stage must exist (else a validation error at `stageId`), the
   * history records leaving the old stage and entering the new one, and the probability follows the stage's
   * default. Moving to the won stage wins it. Pass `expectedRev` to refuse a move over someone else's change.
   */
  async moveStage(opportunityId: string, stageId: string, options: { expectedRev?: number } = {}): Promise<StoredOpportunity> {
    const opportunity = await this.opportunity(opportunityId, options.expectedRev);
    const [stage] = (await this.context.storage.get('stage', [stageId])) as unknown as (StoredRecord<Stage> | undefined)[];
    if (!stage) failField('stageId', `no stage with id "${stageId}"`, 'unknown_reference', 'opportunity');
    if (opportunity.status !== 'open') throw new CrmRuleError('opportunity_closed', 'A won or lost opportunity must be reopened before it moves');
    if (opportunity.stageId === stageId) return opportunity;
    const at = this.context.now().toISOString();
    const patch: Record<string, unknown> = { stageId, stageHistory: historyAfterMove(opportunity, stageId, at, this.context.actor.id), probability: stage.defaultProbability };
    if (stage.isWon) Object.assign(patch, { status: 'won', closedAt: at });
    return this.commit(opportunity, patch, stage.isWon ? 'opportunity.won' : 'opportunity.move');
  }

  /**
   * Marks an opportunity won (it moves to the won stage when the pipeline has one); its company becomes a
   * customer in the same commit.
   */
  async markWon(opportunityId: string, options: { expectedRev?: number } = {}): Promise<StoredOpportunity> {
    const opportunity = await this.opportunity(opportunityId, options.expectedRev);
    if (opportunity.status === 'won') return opportunity;
    const at = this.context.now().toISOString();
    const patch: Record<string, unknown> = { status: 'won', closedAt: at, probability: 100, lostReasonId: undefined, lostNote: undefined };
    const won = wonStage(await this.stages());
    if (won && won.id !== opportunity.stageId) Object.assign(patch, { stageId: won.id, stageHistory: historyAfterMove(opportunity, won.id, at, this.context.actor.id) });
    return this.commit(opportunity, patch, 'opportunity.won');
  }

  /** Marks an opportunity lost; a lost reason is required (a validation error at `lostReasonId` otherwise). */
  async markLost(opportunityId: string, input: { lostReasonId?: string; note?: string }, options: { expectedRev?: number } = {}): Promise<StoredOpportunity> {
    if (!input.lostReasonId) failField('lostReasonId', 'a lost opportunity needs a lost reason', 'required', 'opportunity');
    const [reason] = await this.context.storage.get('lostReason', [input.lostReasonId]);
    if (!reason) failField('lostReasonId', `no lost reason with id "${input.lostReasonId}"`, 'unknown_reference', 'opportunity');
    const opportunity = await this.opportunity(opportunityId, options.expectedRev);
    const at = this.context.now().toISOString();
    return this.commit(opportunity, { status: 'lost', closedAt: at, probability: 0, lostReasonId: input.lostReasonId, lostNote: input.note }, 'opportunity.lost');
  }

  /**
   * Reopens a won or lost opportunity (the company stays a customer: that goes back only by hand). One reopened
   * from the won stage goes back to the stage it was in before, with that stage's probability.
   */
  async reopen(opportunityId: string, options: { expectedRev?: number } = {}): Promise<StoredOpportunity> {
    const opportunity = await this.opportunity(opportunityId, options.expectedRev);
    if (opportunity.status === 'open') return opportunity;
    const stages = await this.stages();
    const patch: Record<string, unknown> = { status: 'open', closedAt: undefined, lostReasonId: undefined, lostNote: undefined };
    const current = stages.find((stage) => stage.id === opportunity.stageId);
    let back = current && !current.isWon ? current : undefined;
    if (!back) {
      const visited = [...(opportunity.stageHistory ?? [])].reverse().map((visit) => stages.find((stage) => stage.id === visit.stageId));
      back = visited.find((stage) => stage !== undefined && !stage.isWon) ?? openingStage(stages);
      if (back) Object.assign(patch, { stageId: back.id, stageHistory: historyAfterMove(opportunity, back.id, this.context.now().toISOString(), this.context.actor.id) });
    }
    if (back) patch['probability'] = back.defaultProbability;
    return this.commit(opportunity, patch, 'opportunity.reopen');
  }

  private async commit(opportunity: StoredOpportunity, patch: Record<string, unknown>, action: string): Promise<StoredOpportunity> {
    const writes = new WriteSet(this.context, action);
    writes.update('opportunity', opportunity, patch);
    if (patch['status'] === 'won' && opportunity.companyId) {
      const [company] = await this.context.storage.get('company', [opportunity.companyId]);
      // a side effect of a win the actor may make: a deal on a company in the shared pool still makes it a customer
      if (company && company['status'] !== 'customer') writes.update('company', company, { status: 'customer' }, { bookkeeping: true });
    }
    const { records } = await writes.commit('opportunity');
    return records[0] as unknown as StoredOpportunity;
  }
}
