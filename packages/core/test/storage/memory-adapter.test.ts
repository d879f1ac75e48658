import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMemoryAdapter, CrmValidationError, MemoryDatabase, type StorageSchema, crmStorageSchema } from '@crmkit/core';
import { runStorageConformance, entitySamples } from '@crmkit/storage-testing';

const databases = new Map<string, MemoryDatabase>();

runStorageConformance(
  {
    name: 'memory',
    entities: { schema: crmStorageSchema, samples: entitySamples },
    capabilities: { persistent: false, multiTab: false },
    open: async (name: string, schema: StorageSchema) => {
      const database = databases.get(name) ?? new MemoryDatabase();
      databases.set(name, database);
      return createMemoryAdapter({ schema, database });
    },
    destroy: async (name: string) => {
      databases.delete(name);
    },
  },
  { describe, it },
);

// The memory adapter also reopens and shares one MemoryDatabase in-process (like tabs on one IndexedDB
// database): run the persistence, upgrade and second-instance checks against that behaviour too.
runStorageConformance(
  {
    name: 'memory (reopened on one MemoryDatabase)',
    entities: { schema: crmStorageSchema, samples: entitySamples },
    capabilities: { persistent: true, multiTab: true },
    open: async (name: string, schema: StorageSchema) => {
      const database = databases.get(name) ?? new MemoryDatabase();
      databases.set(name, database);
      return createMemoryAdapter({ schema, database });
    },
    destroy: async (name: string) => {
      databases.delete(name);
    },
  },
  { describe, it },
);

describe('memory adapter: entity names and malformed writes', () => {
  const refusedAt = async (run: () => Promise<unknown>): Promise<string[]> => {
    const error = await run().then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(error instanceof CrmValidationError, `expected a CrmValidationError, got ${String(error)}`);
    return error.issues.map((issue) => issue.path);
  };
  // names every JavaScript object answers to: none of them is an entity of the CRM
  const inherited = ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf'];

  it('a write to an entity the schema does not declare, even toString or constructor, is refused naming writes.N.entity, and nothing is stored', async () => {
    const storage = await createMemoryAdapter({ schema: crmStorageSchema });
    for (const entity of inherited) {
      const paths = await refusedAt(() =>
        storage.commit({
          writes: [
            { op: 'put', entity: 'contact', id: 'c-1', data: { fullName: 'Nguyễn Văn An' }, expectedRev: null },
            { op: 'put', entity, id: 'ghost', data: { name: 'ghost' }, expectedRev: null },
          ],
        }),
      );
      assert.deepEqual(paths, ['writes.1.entity'], entity);
    }
    assert.deepEqual((await storage.changesSince(0)).batches, [], 'no commit landed');
    assert.deepEqual(await storage.get('contact', ['c-1']), [undefined]);
  });

  it('a query or a read of toString or constructor is refused naming entity, not a TypeError', async () => {
    const storage = await createMemoryAdapter({ schema: crmStorageSchema });
    for (const entity of inherited) {
      assert.deepEqual(await refusedAt(() => storage.query({ entity, where: [{ field: 'name', op: 'eq', value: 'ghost' }] })), ['entity'], `query ${entity}`);
      assert.deepEqual(await refusedAt(() => storage.count({ entity })), ['entity'], `count ${entity}`);
      assert.deepEqual(await refusedAt(() => storage.get(entity, ['ghost'])), ['entity'], `get ${entity}`);
    }
  });

  it('a write that is not an object is refused naming writes.N, and the valid writes beside it are not stored', async () => {
    const storage = await createMemoryAdapter({ schema: crmStorageSchema });
    const paths = await refusedAt(() =>
      storage.commit({
        writes: [
          { op: 'put', entity: 'contact', id: 'c-1', data: { fullName: 'Trần Thị Bình' }, expectedRev: null },
          null as never,
          'contact/c-2' as never,
          [] as never,
        ],
      }),
    );
    assert.deepEqual(paths, ['writes.1', 'writes.2', 'writes.3']);
    assert.deepEqual(await refusedAt(() => storage.commit(null as never)), ['writes']);
    assert.deepEqual(await storage.get('contact', ['c-1']), [undefined], 'nothing is written');
  });
});
