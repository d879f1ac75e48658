import { CrmError, CrmStorageError } from '@crmkit/core';

/**
 * Turns whatever IndexedDB or Dexie threw into crmkit's error: conflicts and validation errors pass through
 * unchanged, storage failures (quota, closed database, version, aborted transaction, ...) become a
 * `CrmStorageError` whose `reason` is the underlying error's name, so hosts branch on it without Dexie.
 */
export function toCrmError(error: unknown, action: string): Error {
  if (error instanceof CrmError) return error;
  const reason = storageReason(error);
  const detail = error instanceof Error ? error.message : String(error);
  return new CrmStorageError(reason, `IndexedDB (Dexie) failed to ${action}: ${reason}${detail ? ` — ${detail}` : ''}`, { cause: error });
}

interface DexieLikeError {
  name?: unknown;
  inner?: unknown;
  failures?: unknown;
}

/**
 * Dexie wraps the cause of an aborted transaction in `inner` and the causes of a failed bulk operation in
 * `failures`: the innermost name (e.g. `QuotaExceededError` under `AbortError`) is the useful reason.
 */
function storageReason(error: unknown): string {
  let current = error as DexieLikeError | null | undefined;
  let reason = 'UnknownError';
  for (let depth = 0; current && typeof current === 'object' && depth < 6; depth++) {
    if (typeof current.name === 'string' && current.name !== 'Error') reason = current.name;
    const next = current.inner ?? (Array.isArray(current.failures) ? current.failures.find(Boolean) : undefined);
    if (!next || next === current) break;
    current = next as DexieLikeError;
  }
  return reason;
}
