import type { DuplicateMatch } from './matcher.js';

/** Whether a save must be refused: any match whose action (for the mode checked) is `block`. */
export function hasBlockingMatch(matches: readonly DuplicateMatch[]): boolean {
  return matches.some((match) => match.action === 'block');
}

/**
 * A one-line reason for a refused save, naming each blocking duplicate and its rule, for a `CrmRuleError`
 * (rule `duplicate`) the service throws with the matches attached.
 */
export function duplicateBlockReason(entity: string, matches: readonly DuplicateMatch[]): string {
  const blocking = matches.filter((match) => match.action === 'block');
  const parts = blocking.map((match) => `${match.id} (${match.rules.map((rule) => rule.ruleId).join(', ')})`);
  return `This ${entity} duplicates ${parts.join('; ')}`;
}
