// The idb adapter in real Chromium: the conformance suite (atomic batches, paging, upgrades, versions, a
// second tab), then what only this adapter can say — IndexedDB's own error reasons.
import { deleteDB } from 'idb';
import { CrmStorageError, type StorageSchema, crmStorageSchema } from '@crmkit/core';
import { assertEqual, assertRejects, assertTrue, runStorageConformance, entitySamples } from '@crmkit/storage-testing';
import { createIdbAdapter } from '@crmkit/storage-idb';

declare const describe: (name: string, body: () => void) => void;
declare const it: (name: string, body: () => Promise<void> | void) => void;

/** Deletes a database; a read transaction may still be finishing after close, so let it first (no "blocked"). */
async function remove(name: string): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  await deleteDB(name);
}

runStorageConformance(
  {
    name: 'idb (Chromium IndexedDB)',
    entities: { schema: crmStorageSchema, samples: entitySamples },
    capabilities: { persistent: true, multiTab: true },
    open: (name: string, schema: StorageSchema) => createIdbAdapter({ name, schema }),
    destroy: remove,
  },
  { describe, it },
);

const schema: StorageSchema = { version: 1, entities: { contact: { indexes: ['kind', 'fullName', '*tagIds'] } } };
let counter = 0;
const fresh = (label: string) => `crmkit-idb-${label}-${Date.now().toString(36)}-${++counter}`;

async function storageError(promise: Promise<unknown>, what: string): Promise<CrmStorageError> {
  const error = await assertRejects(promise, what);
  assertTrue(error instanceof CrmStorageError, `${what}: a CrmStorageError, got ${String(error)}`);
  return error as CrmStorageError;
}

describe('idb adapter in Chromium', () => {
  it('names IndexedDB’s own reasons: VersionError for a newer database, DatabaseClosedError after another tab upgraded', async () => {
    const name = fresh('reasons');
    const newer = await createIdbAdapter({ name, schema: { ...schema, version: 3 } });
    await newer.close();
    const refused = await storageError(createIdbAdapter({ name, schema }), 'opening with an older schema');
    assertEqual(refused.reason, 'VersionError', 'reason for a newer database');
    await remove(name);
    const other = fresh('upgraded-elsewhere');
    const old = await createIdbAdapter({ name: other, schema });
    const upgraded = await createIdbAdapter({ name: other, schema: { ...schema, version: 2 } });
    try {
      const closed = await storageError(old.commit({ writes: [{ op: 'put', entity: 'contact', id: 'x', data: {}, expectedRev: null }] }), 'commit on the outdated instance');
      assertEqual(closed.reason, 'DatabaseClosedError', 'reason after another tab upgraded');
    } finally {
      await old.close();
      await upgraded.close();
      await remove(other);
    }
  });
});
