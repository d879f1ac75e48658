import type { CrmContext } from '../crm/context.js';
import { WriteSet } from '../crm/write-set.js';
import { CrmNotFoundError, CrmRuleError } from '../errors.js';
import type { Case } from '../schema/case.js';
import { failField } from '../schema/validate.js';
import type { StoredRecord } from '../storage/contract.js';
import { canMoveCase, type CaseStatus } from './case-states.js';

/** A stored case. */
export type StoredCase = StoredRecord<Case>;

/**
 * After-sales support (`crm.support`): cases move New → In progress → Resolved → Closed along the allowed
 * transitions; resolving needs the resolution text, reopening clears it.
 */
export class SupportService {
  constructor(private readonly context: CrmContext) {}

  /** Opens a new case (title required; links to contact, company, product and order). */
  async open(input: Record<string, unknown>): Promise<StoredCase> {
    const writes = new WriteSet(this.context, 'case.open');
    writes.create('case', { ...input, status: 'new' });
    const { records } = await writes.commit('case');
    return records[0] as unknown as StoredCase;
  }

  /**
   * Moves a case to another status. A move not allowed is refused (`CrmRuleError`, rule `case_transition`);
   * resolving without a resolution text is refused at `resolution`.
   */
  async move(caseId: string, to: CaseStatus, input: { resolution?: string; expectedRev?: number } = {}): Promise<StoredCase> {
    const [record] = (await this.context.storage.get('case', [caseId])) as (StoredCase | undefined)[];
    if (!record) throw new CrmNotFoundError('case', caseId);
    const current = input.expectedRev === undefined ? record : { ...record, rev: input.expectedRev };
    if (!canMoveCase(current.status, to)) throw new CrmRuleError('case_transition', `A ${current.status.replace('_', ' ')} case cannot become ${to.replace('_', ' ')}`);
    const patch: Record<string, unknown> = { status: to };
    if (to === 'resolved') {
      const resolution = input.resolution?.trim() || current.resolution;
      if (!resolution) failField('resolution', 'say how the case was resolved', 'required', 'case');
      Object.assign(patch, { resolution, resolvedAt: this.context.now().toISOString() });
    }
    if (to === 'in_progress' && current.status === 'resolved') Object.assign(patch, { resolvedAt: undefined });
    const writes = new WriteSet(this.context, `case.${to}`);
    writes.update('case', current, patch);
    const { records } = await writes.commit('case');
    return records[0] as unknown as StoredCase;
  }

  /** Starts work on a new case. */
  start(caseId: string, options: { expectedRev?: number } = {}): Promise<StoredCase> {
    return this.move(caseId, 'in_progress', options);
  }

  /** Resolves a case with its resolution text. */
  resolve(caseId: string, resolution: string, options: { expectedRev?: number } = {}): Promise<StoredCase> {
    return this.move(caseId, 'resolved', { ...options, resolution });
  }

  /** Closes a resolved case. */
  close(caseId: string, options: { expectedRev?: number } = {}): Promise<StoredCase> {
    return this.move(caseId, 'closed', options);
  }

  /** Reopens a resolved case that is not closed yet. */
  reopen(caseId: string, options: { expectedRev?: number } = {}): Promise<StoredCase> {
    return this.move(caseId, 'in_progress', options);
  }
}
