import type { z } from 'zod';
import { CrmValidationError } from '../errors.js';
import { failField, toValidationIssues } from '../schema/validate.js';

const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor', 'id', 'rev', 'createdAt', 'updatedAt', 'deleted', 'ownerId', 'teamId']);

/** Options of {@link applyProfileUpdates}. */
export interface ProfileUpdateOptions {
  /**
   * The customer's schema (contact or company). When given, the updated record is parsed with it and a bad
   * value is refused naming the field as the caller knows it (`gps.lat`), so a form can point at it before
   * anything is saved; without it the caller validates the result itself.
   */
  schema?: z.ZodType;
  /** The entity named in errors; `contact` by default. */
  entity?: string;
}

/**
 * Applies an interaction's profile update instructions (`{ "address.ward": "Phường 5", "zalo": "0912…" }`) to
 * a customer's data and returns the new data, the input untouched. Metadata and ownership cannot be set this
 * way (refused naming `profileUpdates.<attribute>`), nor can a path go through a value that is not an object.
 */
export function applyProfileUpdates(data: Readonly<Record<string, unknown>>, updates: Readonly<Record<string, unknown>>, options: ProfileUpdateOptions = {}): Record<string, unknown> {
  const result: Record<string, unknown> = structuredClone(data) as Record<string, unknown>;
  for (const [path, value] of Object.entries(updates)) {
    const parts = path.split('.');
    if (parts.some((part) => part === '' || FORBIDDEN.has(part))) failField(`profileUpdates.${path}`, 'cannot be updated from an interaction', 'forbidden_field', 'interaction');
    let target = result;
    for (const part of parts.slice(0, -1)) {
      const next = target[part];
      if (next === undefined || next === null) target[part] = {};
      else if (typeof next !== 'object' || Array.isArray(next)) failField(`profileUpdates.${path}`, `${part} is not an object`, 'invalid_path', 'interaction');
      target = target[part] as Record<string, unknown>;
    }
    target[parts[parts.length - 1]!] = value;
  }
  if (!options.schema) return result;
  const parsed = options.schema.safeParse(result);
  if (!parsed.success) throw new CrmValidationError(toValidationIssues(parsed.error), options.entity ?? 'contact');
  return parsed.data as Record<string, unknown>;
}
