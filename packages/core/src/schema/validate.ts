import type { z } from 'zod';
import { CrmValidationError, type CrmValidationIssue } from '../errors.js';

/** Turns zod's issues into crmkit's: a dotted field path, a message and a code. */
export function toValidationIssues(error: z.ZodError, prefix = ''): CrmValidationIssue[] {
  return error.issues.map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter((part) => part !== '').join('.');
    const missing = issue.code === 'invalid_type' && /received undefined/.test(issue.message);
    return {
      path,
      message: missing ? 'is required' : issue.message,
      code: missing ? 'required' : issue.code,
    };
  });
}

/**
 * Parses `input` with `schema` and returns the parsed value, or throws a {@link CrmValidationError} naming
 * every bad field. Every input from outside goes through here before anything is written.
 */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown, entity?: string): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new CrmValidationError(toValidationIssues(result.error), entity);
  return result.data;
}

/**
 * Returns `value` when it is a whole number of 1 or more, else throws a {@link CrmValidationError} at `path`
 * (code `invalid_value`): the check every count-like option needs (a chunk size, a cap, a row number), since
 * NaN compares false and a fraction cuts slices in odd places. `what` names the value in the message.
 */
export function requirePositiveWhole(value: number, path: string, entity: string, what = 'a whole number'): number {
  if (!Number.isInteger(value) || value < 1) failField(path, `must be ${what} of 1 or more, not ${String(value)}`, 'invalid_value', entity);
  return value;
}

/**
 * Refuses an input that is not a plain object (null, a string, a list) with a validation error at `path`
 * instead of the TypeError reading its fields would throw.
 */
export function requireObject(value: unknown, path: string, entity: string): asserts value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) failField(path, `must be an object of fields, not ${value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value}`, 'invalid_type', entity);
}

/** Throws a {@link CrmValidationError} for one field. */
export function failField(path: string, message: string, code = 'custom', entity?: string): never {
  throw new CrmValidationError([{ path, message, code }], entity);
}
