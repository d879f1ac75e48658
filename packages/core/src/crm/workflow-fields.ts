import type { CrmValidationIssue } from '../errors.js';

/**
 * A field a domain workflow owns: a lead's conversion, a deal's stage and outcome, a quote's state, number and
 * totals, a case's status. The workflow changes it together with what must go with it (the contact and deal a
 * conversion creates, the stage history, the company that becomes a customer, the number taken from a
 * sequence); a plain `crm.<entity>.create` / `update` that set it alone would skip all of that, so they refuse to.
 */
export interface WorkflowField {
  field: string;
  /** The calls that change it, named in the refusal. */
  through: string;
  /**
   * Whether a plain create (`from` undefined) or update may make this change anyway. Absent: a create may
   * leave the field to its default only, and an update may not change it.
   */
  free?: (from: unknown, to: unknown) => boolean;
  /** The default a plain create may state explicitly (the schema's own). */
  initial?: unknown;
}

const setOnCreateOnly = (from: unknown): boolean => from === undefined;

/** The workflow fields of each entity (by storage name). */
export const WORKFLOW_FIELDS: Readonly<Record<string, readonly WorkflowField[]>> = {
  lead: [
    // open ↔ lost is a plain edit (a lost lead needs its lost reason, which the schema checks); converted is not
    { field: 'status', through: 'crm.prospecting.convert', free: (from, to) => from !== 'converted' && to !== 'converted' },
    { field: 'convertedContactId', through: 'crm.prospecting.convert' },
    { field: 'convertedCompanyId', through: 'crm.prospecting.convert' },
    { field: 'convertedOpportunityId', through: 'crm.prospecting.convert' },
    { field: 'convertedAt', through: 'crm.prospecting.convert' },
  ],
  opportunity: [
    { field: 'status', through: 'crm.pipeline.markWon, markLost or reopen', initial: 'open' },
    { field: 'stageId', through: 'crm.pipeline.moveStage', free: setOnCreateOnly },
    { field: 'stageHistory', through: 'crm.pipeline.moveStage' },
    { field: 'closedAt', through: 'crm.pipeline.markWon or markLost' },
  ],
  quote: [
    { field: 'state', through: 'crm.documents.moveQuote', initial: 'draft' },
    { field: 'number', through: 'crm.documents.createQuote', free: setOnCreateOnly },
    { field: 'totals', through: 'crm.documents.createQuote or updateQuoteLines' },
  ],
  order: [
    { field: 'number', through: 'crm.documents.orderFromQuote or crm.pricing', free: setOnCreateOnly },
    { field: 'quoteId', through: 'crm.documents.orderFromQuote' },
    { field: 'totals', through: 'crm.documents.orderFromQuote or crm.pricing' },
  ],
  case: [{ field: 'status', through: 'crm.support.move', initial: 'new' }],
  activity: [{ field: 'status', through: 'crm.activityPlanner.complete or cancel', initial: 'planned' }],
};

/**
 * The workflow fields a plain create (`before` undefined) or update of `entity` would change on its own, as
 * validation issues naming each field and the calls that change it; empty when there is none.
 */
export function workflowFieldIssues(entity: string, before: Readonly<Record<string, unknown>> | undefined, after: Readonly<Record<string, unknown>>, pathPrefix = ''): CrmValidationIssue[] {
  const issues: CrmValidationIssue[] = [];
  for (const rule of WORKFLOW_FIELDS[entity] ?? []) {
    const from = before?.[rule.field];
    const to = after[rule.field];
    if (sameValue(from, to)) continue;
    if (before === undefined && (to === undefined || sameValue(to, rule.initial))) continue;
    if (rule.free?.(from, to)) continue;
    issues.push({
      path: pathPrefix ? `${pathPrefix}.${rule.field}` : rule.field,
      message: `is changed through ${rule.through}, which does what goes with it; a plain ${before === undefined ? 'create' : 'update'} may not set it`,
      code: 'workflow_field',
    });
  }
  return issues;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
