// The Dexie adapter in real Chromium: the conformance suite (atomic batches, paging, upgrades, versions, a
// second tab), then what only this adapter can say — IndexedDB's and Dexie's own error reasons.
import Dexie from 'dexie';
import { CrmStorageError, type StorageSchema, crmStorageSchema } from '@crmkit/core';
import { assertEqual, assertRejects, assertTrue, runStorageConformance, entitySamples } from '@crmkit/storage-testing';
import { createDexieAdapter } from '@crmkit/storage-dexie';
import { toCrmError } from '../src/errors.js';

declare const describe: (name: string, body: () => void) => void;
declare const it: (name: string, body: () => Promise<void> | void) => void;

/** Deletes a database; a read transaction may still be finishing after close, so let it first (no "blocked"). */
async function remove(name: string): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  await Dexie.delete(name);
}

runStorageConformance(
  {
    name: 'dexie (Chromium IndexedDB)',
    entities: { schema: crmStorageSchema, samples: entitySamples },
    capabilities: { persistent: true, multiTab: true },
    open: (name: string, schema: StorageSchema) => createDexieAdapter({ name, schema }),
    destroy: remove,
  },
  { describe, it },
);

const schema: StorageSchema = { version: 1, entities: { contact: { indexes: ['kind', 'fullName', '*tagIds'] } } };
let counter = 0;
const fresh = (label: string) => `crmkit-dexie-${label}-${Date.now().toString(36)}-${++counter}`;

async function storageError(promise: Promise<unknown>, what: string): Promise<CrmStorageError> {
  const error = await assertRejects(promise, what);
  assertTrue(error instanceof CrmStorageError, `${what}: a CrmStorageError, got ${String(error)}`);
  return error as CrmStorageError;
}

describe('Dexie adapter in Chromium', () => {
  it('names IndexedDB’s own reasons: VersionError for a newer database, DatabaseClosedError after another tab upgraded', async () => {
    const name = fresh('reasons');
    const newer = await createDexieAdapter({ name, schema: { ...schema, version: 3 } });
    await newer.close();
    const refused = await storageError(createDexieAdapter({ name, schema }), 'opening with an older schema');
    assertEqual(refused.reason, 'VersionError', 'reason for a newer database');
    await remove(name);
    const other = fresh('upgraded-elsewhere');
    const old = await createDexieAdapter({ name: other, schema });
    const upgraded = await createDexieAdapter({ name: other, schema: { ...schema, version: 2 } });
    try {
      const closed = await storageError(old.commit({ writes: [{ op: 'put', entity: 'contact', id: 'x', data: {}, expectedRev: null }] }), 'commit on the outdated instance');
      assertEqual(closed.reason, 'DatabaseClosedError', 'reason after another tab upgraded');
    } finally {
      await old.close();
      await upgraded.close();
      await remove(other);
    }
  });

  it('a database closed underneath gives a CrmStorageError naming the reason; a closed adapter says closed', async () => {
    const name = fresh('closed');
    const adapter = await createDexieAdapter({ name, schema });
    try {
      adapter.dexie.close();
      const underneath = await storageError(adapter.query({ entity: 'contact' }), 'query on a closed Dexie');
      assertEqual(underneath.reason, 'DatabaseClosedError', 'reason from Dexie');
      await adapter.close();
      const closed = await storageError(adapter.get('contact', ['x']), 'read after close');
      assertEqual(closed.reason, 'closed', 'reason after close');
    } finally {
      await remove(name);
    }
  });

  it('a transaction aborted by a full disk reports QuotaExceededError as the reason', () => {
    const aborted = new Dexie.AbortError('Transaction aborted', new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    const error = toCrmError(aborted, 'commit');
    assertTrue(error instanceof CrmStorageError, 'a CrmStorageError');
    assertEqual((error as CrmStorageError).reason, 'QuotaExceededError', 'reason');
    assertEqual((error as CrmStorageError).code, 'storage', 'stable code');
  });
});
