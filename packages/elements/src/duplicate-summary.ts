/** A duplicate match as the elements show it: which record, which rule, which fields, how sure. */
export interface DuplicateMatchSummary {
  entity: string;
  id: string;
  /** A display name of the matching record. */
  label: string;
  rule: string;
  fields: readonly string[];
  score: number;
  action: 'warn' | 'block';
}

/** One match of `crm.duplicates.check`: the other record, the rule that matched and on which fields. */
export interface DuplicateCheckMatch {
  entity: string;
  id: string;
  rule: string;
  fields: readonly string[];
  /** Similarity from 0 to 1. */
  score: number;
  action: 'warn' | 'block';
  /** The matching record as stored, for its display name. */
  record?: Readonly<Record<string, unknown>>;
}

/** What `crm.duplicates.check` answers. */
export interface DuplicateCheckResult {
  matches: readonly DuplicateCheckMatch[];
  /** True when a match blocks the save. */
  blocked: boolean;
}

/**
 * The duplicate check the elements call as the user types (`crm.duplicates`). Elements look for it at run time
 * and skip the check when a crm does not have it.
 */
export interface DuplicateCheckService {
  check(
    entity: string,
    input: Readonly<Record<string, unknown>>,
    options: { mode: 'create' | 'edit'; excludeId?: string },
  ): Promise<DuplicateCheckResult>;
}

const LABEL_FIELDS = ['title', 'name', 'fullName', 'contactName', 'companyName', 'email'] as const;

/** A match reduced to what the elements show and put in event details; the label falls back to the id. */
export function summarizeMatch(match: DuplicateCheckMatch): DuplicateMatchSummary {
  const record = match.record ?? {};
  const names = LABEL_FIELDS.map((field) => record[field]).filter((value): value is string => typeof value === 'string' && value.trim() !== '');
  const label = names.length > 0 ? [...new Set(names.slice(0, 2))].join(' — ') : match.id;
  return { entity: match.entity, id: match.id, label, rule: match.rule, fields: [...match.fields], score: match.score, action: match.action };
}
