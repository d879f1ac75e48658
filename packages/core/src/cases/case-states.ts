import type { Case } from '../schema/case.js';

/** A case's status. */
export type CaseStatus = Case['status'];

/**
 * Where a case may go from each status: New → In progress → Resolved → Closed; a new case may be resolved at
 * once (answered on the phone), and a resolved one reopened (back to in progress) until it is closed.
 */
export const CASE_TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  new: ['in_progress', 'resolved'],
  in_progress: ['resolved'],
  resolved: ['in_progress', 'closed'],
  closed: [],
};

/** Whether a case may go from `from` to `to`. */
export function canMoveCase(from: CaseStatus, to: CaseStatus): boolean {
  return CASE_TRANSITIONS[from].includes(to);
}
