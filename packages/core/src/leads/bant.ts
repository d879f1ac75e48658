import type { Bant } from '../schema/lead.js';

/** The four BANT criteria, in the order they are asked. */
export const BANT_CRITERIA = ['budget', 'authority', 'need', 'timeline'] as const;
/** One BANT criterion. */
export type BantCriterion = (typeof BANT_CRITERIA)[number];

/** How qualified a lead is by BANT, as shown next to it. */
export interface BantScore {
  /** 0–100: 25 for each confirmed criterion. */
  score: number;
  /** `qualified` when all four are confirmed, `partly` with two or three, `unqualified` otherwise. */
  level: 'unqualified' | 'partly' | 'qualified';
  confirmed: BantCriterion[];
  /** Answered but not yet confirmed: what to check on the next call. */
  unconfirmed: BantCriterion[];
  missing: BantCriterion[];
}

/**
 * A lead's BANT score. Only confirmed answers count: an answer the salesperson has not checked is a lead to
 * follow up, not a qualified one.
 */
export function bantScore(bant: Bant | undefined): BantScore {
  const confirmed: BantCriterion[] = [];
  const unconfirmed: BantCriterion[] = [];
  const missing: BantCriterion[] = [];
  for (const criterion of BANT_CRITERIA) {
    const answer = bant?.[criterion];
    if (answer?.confirmed) confirmed.push(criterion);
    else if (answer?.answer) unconfirmed.push(criterion);
    else missing.push(criterion);
  }
  const level = confirmed.length === 4 ? 'qualified' : confirmed.length >= 2 ? 'partly' : 'unqualified';
  return { score: confirmed.length * 25, level, confirmed, unconfirmed, missing };
}
