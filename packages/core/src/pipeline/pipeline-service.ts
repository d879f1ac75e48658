import type { CrmContext } from '../crm/context.js';
import { WriteSet } from '../crm/write-set.js';
import { CrmNotFoundError, CrmRuleError } from '../errors.js';
import type { Opportunity } from '../schema/opportunity.js';
import type { Stage } from '../schema/stage.js';
import { failField } from '../schema/validate.js';
import type { StoredRecord } from '../storage/contract.js';
import { DEFAULT_STAGES } from './default-stages.js';

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

  private async opportunity(id: string, expectedRev?: number): Promise<StoredOpportunity> {
    const [record] = await this.context.storage.get('opportunity', [id]);
    if (!record) throw new CrmNotFoundError('opportunity', id);
    const opportunity = record as unknown as StoredOpportunity;
    return expectedRev === undefined ? opportunity : { ...opportunity, rev: expectedRev };
  }

  private closeStage(opportunity: Opportunity, at: string): Opportunity['stageHistory'] {
    const history = [...(opportunity.stageHistory ?? [])];
    const last = history[history.length - 1];
    if (last && !last.leftAt) history[history.length - 1] = { ...last, leftAt: at };
    return history;
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
    if (opportunity.status !== 'open') throw new CrmRuleError('closed', 'A won or lost opportunity must be reopened before it moves');
    if (opportunity.stageId === stageId) return opportunity;
    const at = this.context.now().toISOString();
    const history = [...(this.closeStage(opportunity, at) ?? []), { stageId, enteredAt: at, byUserId: this.context.actor.id }];
    const patch: Record<string, unknown> = { stageId, stageHistory: history, probability: stage.defaultProbability };
    if (stage.isWon) Object.assign(patch, { status: 'won', closedAt: at });
    return this.commit(opportunity, patch, stage.isWon ? 'opportunity.won' : 'opportunity.move');
  }

  /** Marks an opportunity won; its company becomes a customer in the same commit. */
  async markWon(opportunityId: string, options: { expectedRev?: number } = {}): Promise<StoredOpportunity> {
    const opportunity = await this.opportunity(opportunityId, options.expectedRev);
    if (opportunity.status === 'won') return opportunity;
    const at = this.context.now().toISOString();
    return this.commit(opportunity, { status: 'won', closedAt: at, probability: 100, lostReasonId: undefined, lostNote: undefined }, 'opportunity.won');
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

  /** Reopens a won or lost opportunity (the company stays a customer: that goes back only by hand). */
  async reopen(opportunityId: string, options: { expectedRev?: number } = {}): Promise<StoredOpportunity> {
    const opportunity = await this.opportunity(opportunityId, options.expectedRev);
    if (opportunity.status === 'open') return opportunity;
    return this.commit(opportunity, { status: 'open', closedAt: undefined, lostReasonId: undefined, lostNote: undefined }, 'opportunity.reopen');
  }

  private async commit(opportunity: StoredOpportunity, patch: Record<string, unknown>, action: string): Promise<StoredOpportunity> {
    const writes = new WriteSet(this.context, action);
    writes.update('opportunity', opportunity, patch);
    if (patch['status'] === 'won' && opportunity.companyId) {
      const [company] = await this.context.storage.get('company', [opportunity.companyId]);
      if (company && company['status'] !== 'customer') writes.update('company', company, { status: 'customer' });
    }
    const { records } = await writes.commit('opportunity');
    return records[0] as unknown as StoredOpportunity;
  }
}
