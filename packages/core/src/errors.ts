/**
 * crmkit's errors. Each has a stable `code` so hosts can branch on it without parsing messages, and each is
 * meant for `instanceof`.
 */

/** The stable codes of crmkit's errors. */
export type CrmErrorCode = 'validation' | 'conflict' | 'not_found' | 'storage' | 'permission' | 'rule';

/** The base class of every error crmkit throws on purpose. */
export class CrmError extends Error {
  /** A stable machine-readable code. */
  readonly code: CrmErrorCode;
  constructor(code: CrmErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** One problem with an input: the field path (dotted, e.g. `phones.mobile` or `lines.2.quantity`) and why. */
export interface CrmValidationIssue {
  /** Dotted path of the field, relative to the input; empty for the input as a whole. */
  path: string;
  /** Why the value is refused, in plain English. */
  message: string;
  /** A short machine-readable reason such as `too_small`, `invalid_type`, `required` or `unknown_reference`. */
  code: string;
}

/** An input was refused: `issues` names each field and the reason. Nothing was written. */
export class CrmValidationError extends CrmError {
  /** Every problem found, each with the field path and the reason. */
  readonly issues: readonly CrmValidationIssue[];
  /** The entity the input was for, when known (e.g. `lead`). */
  readonly entity: string | undefined;
  constructor(issues: readonly CrmValidationIssue[], entity?: string) {
    const head = entity ? `Invalid ${entity}` : 'Invalid input';
    const detail = issues.map((issue) => `${issue.path || '(input)'}: ${issue.message}`).join('; ');
    super('validation', `${head}: ${detail}`);
    this.issues = issues;
    this.entity = entity;
  }
}

/**
 * A write named a revision that is no longer current (someone else changed or deleted the record first),
 * or created a record that already exists. `current` is the record as it is now (null if it does not exist),
 * so the caller can merge and retry instead of overwriting silently.
 */
export class CrmConflictError extends CrmError {
  readonly entity: string;
  readonly id: string;
  /** The revision the write expected; null for a create. */
  readonly expectedRev: number | null;
  /** The stored record now, tombstones included; null when there is none. Only its id, revision and dates when the actor may not read it. */
  readonly current: Readonly<Record<string, unknown>> | null;
  constructor(entity: string, id: string, expectedRev: number | null, current: Readonly<Record<string, unknown>> | null) {
    const now = current ? `revision ${String(current['rev'])}${current['deleted'] ? ' (deleted)' : ''}` : 'no record';
    super('conflict', `Conflict on ${entity} ${id}: expected ${expectedRev === null ? 'no record' : `revision ${expectedRev}`}, found ${now}`);
    this.entity = entity;
    this.id = id;
    this.expectedRev = expectedRev;
    this.current = current;
  }
}

/** A record asked for does not exist (or is deleted). */
export class CrmNotFoundError extends CrmError {
  readonly entity: string;
  readonly id: string;
  constructor(entity: string, id: string) {
    super('not_found', `${entity} ${id} not found`);
    this.entity = entity;
    this.id = id;
  }
}

/** The storage failed underneath (quota exceeded, database closed or blocked, ...). Nothing was written. */
export class CrmStorageError extends CrmError {
  /** The storage's own reason, e.g. `QuotaExceededError`. */
  readonly reason: string;
  constructor(reason: string, message: string, options?: { cause?: unknown }) {
    super('storage', message, options);
    this.reason = reason;
  }
}

/** The actor may not do this (read or change a record outside their scope, or an action of their role). */
export class CrmPermissionError extends CrmError {
  readonly action: string;
  readonly entity: string;
  constructor(action: string, entity: string, message?: string) {
    super('permission', message ?? `Not allowed to ${action} ${entity}`);
    this.action = action;
    this.entity = entity;
  }
}

/**
 * A business rule refused the change (a lead converted twice, a quote accepted after it expired, ...).
 * `rule` names the rule so hosts can show their own text.
 */
export class CrmRuleError extends CrmError {
  readonly rule: string;
  constructor(rule: string, message: string) {
    super('rule', message);
    this.rule = rule;
  }
}
