import { CrmError, CrmStorageError } from '@crmkit/core';

/**
 * Turns whatever IndexedDB threw into crmkit's error: conflicts and validation errors pass through unchanged,
 * storage failures (quota, closed database, version, aborted transaction, ...) become a `CrmStorageError`
 * whose `reason` is the DOMException's name (e.g. `QuotaExceededError`), so hosts branch on it without
 * knowing IndexedDB.
 */
export function toCrmError(error: unknown, action: string): Error {
  if (error instanceof CrmError) return error;
  const named = error as { name?: unknown } | null;
  const reason = named && typeof named.name === 'string' && named.name !== 'Error' ? named.name : 'UnknownError';
  const detail = error instanceof Error ? error.message : String(error);
  return new CrmStorageError(reason, `IndexedDB failed to ${action}: ${reason}${detail ? ` — ${detail}` : ''}`, { cause: error });
}
