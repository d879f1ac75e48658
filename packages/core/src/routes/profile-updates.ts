import { failField } from '../schema/validate.js';

const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor', 'id', 'rev', 'createdAt', 'updatedAt', 'deleted', 'ownerId', 'teamId']);

/**
 * Applies an interaction's profile update instructions (`{ "address.ward": "Phường 5", "zalo": "0912…" }`) to
 * a customer's data and returns the new data; the service then validates it with the customer's schema, so a
 * bad value is refused naming the field. Metadata and ownership cannot be set this way.
 */
export function applyProfileUpdates(data: Readonly<Record<string, unknown>>, updates: Readonly<Record<string, unknown>>): Record<string, unknown> {
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
  return result;
}
