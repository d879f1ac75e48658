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
