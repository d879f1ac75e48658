// The idb adapter in real Chromium: the conformance suite, then what the suite cannot express — other
// connections upgrading underneath, versions, failed upgrades, large groups of equal values.
import { deleteDB } from 'idb';
import { CrmStorageError, type LiveChangeBatch, type StorageSchema, crmStorageSchema } from '@crmkit/core';
import { assertDeepEqual, assertEqual, assertRejects, assertTrue, runStorageConformance, entitySamples } from '@crmkit/storage-testing';
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
const settle = (ms = 100) => new Promise((resolve) => setTimeout(resolve, ms));

async function storageError(promise: Promise<unknown>, what: string): Promise<CrmStorageError> {
  const error = await assertRejects(promise, what);
  assertTrue(error instanceof CrmStorageError, `${what}: a CrmStorageError, got ${String(error)}`);
  return error as CrmStorageError;
}

describe('idb adapter in Chromium', () => {
  it('a second instance on the database hears commits as remote, and the committing one hears each once as local', async () => {
    const name = fresh('tabs');
    const one = await createIdbAdapter({ name, schema });
    const two = await createIdbAdapter({ name, schema });
    try {
      const heardByOne: LiveChangeBatch[] = [];
      const heardByTwo: LiveChangeBatch[] = [];
      one.subscribe((batch) => heardByOne.push(batch));
      two.subscribe((batch) => heardByTwo.push(batch));
      await one.commit({ writes: [{ op: 'put', entity: 'contact', id: 'c1', data: { fullName: 'Nguyễn Văn An', kind: 'individual' }, expectedRev: null }], origin: 'tab-1' });
      await two.commit({ writes: [{ op: 'put', entity: 'contact', id: 'c1', data: { fullName: 'Nguyễn Văn Ân', kind: 'individual' }, expectedRev: 1 }], origin: 'tab-2' });
      await settle(300);
      assertDeepEqual(heardByOne.map((batch) => [batch.origin, batch.remote]), [['tab-1', false], ['tab-2', true]], 'what the first instance heard');
      assertDeepEqual(heardByTwo.map((batch) => [batch.origin, batch.remote]), [['tab-1', true], ['tab-2', false]], 'what the second instance heard');
      assertEqual(heardByOne[1]!.records[0]?.['fullName'], 'Nguyễn Văn Ân', 'a remote batch carries the records');
    } finally {
      await one.close();
      await two.close();
      await remove(name);
    }
  });

  it('pages through one large group of equal values without gaps or repeats, in both directions', async () => {
    const name = fresh('ties');
    const adapter = await createIdbAdapter({ name, schema });
    try {
      const ids = Array.from({ length: 300 }, (_, i) => `c${String((i * 7919) % 1000).padStart(3, '0')}`);
      await adapter.commit({ writes: ids.map((id, i) => ({ op: 'put' as const, entity: 'contact', id, data: { kind: i % 10 === 0 ? 'shop' : 'individual', tagIds: ['vip'] }, expectedRev: null })) });
      const deleted = ids.slice(0, 40);
      await adapter.commit({ writes: deleted.map((id) => ({ op: 'delete' as const, entity: 'contact', id, expectedRev: 1 })) });
      const live = ids.filter((id, i) => !deleted.includes(id) && i % 10 !== 0).sort();
      for (const [direction, expected] of [['asc', live], ['desc', [...live].reverse()]] as const) {
        for (const where of [[{ field: 'kind', op: 'eq' as const, value: 'individual' }], [{ field: 'tagIds', op: 'eq' as const, value: 'vip' }, { field: 'kind', op: 'eq' as const, value: 'individual' }]]) {
          const seen: string[] = [];
          let cursor: string | undefined;
          do {
            const page = await adapter.query({ entity: 'contact', where, orderBy: { field: where[0]!.field === 'kind' ? 'kind' : 'id', direction }, limit: 17, ...(cursor ? { cursor } : {}) });
            seen.push(...page.records.map((record) => record.id));
            cursor = page.cursor;
          } while (cursor);
          assertDeepEqual(seen, expected, `every live record once, ${direction}, where ${JSON.stringify(where)}`);
        }
      }
      assertEqual(await adapter.count({ entity: 'contact', where: [{ field: 'kind', op: 'eq', value: 'individual' }] }), live.length, 'a native count leaves tombstones out');
      assertEqual(await adapter.count({ entity: 'contact' }), 260, 'a count of everything leaves tombstones out');
    } finally {
      await adapter.close();
      await remove(name);
    }
  });

  it('when another tab upgrades the database, this instance lets it and later calls fail with a storage error', async () => {
    const name = fresh('upgraded-elsewhere');
    const old = await createIdbAdapter({ name, schema });
    const newer = await createIdbAdapter({ name, schema: { ...schema, version: 2 } });
    try {
      assertEqual(newer.version, 2, 'the other tab upgraded');
      const error = await storageError(old.commit({ writes: [{ op: 'put', entity: 'contact', id: 'x', data: {}, expectedRev: null }] }), 'commit on the outdated instance');
      assertEqual(error.reason, 'DatabaseClosedError', 'the reason names the closed database');
    } finally {
      await old.close();
      await newer.close();
      await remove(name);
    }
  });

  it('a database newer than the schema is refused with reason VersionError', async () => {
    const name = fresh('newer');
    const newer = await createIdbAdapter({ name, schema: { ...schema, version: 3 } });
    await newer.close();
    try {
      const error = await storageError(createIdbAdapter({ name, schema }), 'opening with an older schema');
      assertEqual(error.reason, 'VersionError', 'reason');
    } finally {
      await remove(name);
    }
  });

  it('an upgrade step that throws leaves the database at its old version with its data', async () => {
    const name = fresh('failed-upgrade');
    const v1 = await createIdbAdapter({ name, schema });
    await v1.commit({ writes: [{ op: 'put', entity: 'contact', id: 'c1', data: { fullName: 'Trần Thị Bình' }, expectedRev: null }] });
    await v1.close();
    const broken: StorageSchema = {
      version: 2,
      entities: { contact: { indexes: ['kind', 'fullName', '*tagIds', 'email'] } },
      upgrades: {
        2: async (context) => {
          await context.modify('contact', (record) => ({ ...record, email: 'x@example.vn' }));
          throw new Error('the step found bad data');
        },
      },
    };
    await assertRejects(createIdbAdapter({ name, schema: broken }), 'the failing upgrade');
    const again = await createIdbAdapter({ name, schema });
    try {
      assertEqual(again.version, 1, 'still at version 1');
      const [record] = await again.get('contact', ['c1']);
      assertDeepEqual([record?.['fullName'], record?.['email']], ['Trần Thị Bình', undefined], 'the data as it was');
    } finally {
      await again.close();
      await remove(name);
    }
  });

  it('a closed adapter refuses every call with a CrmStorageError whose reason is closed', async () => {
    const name = fresh('closed');
    const adapter = await createIdbAdapter({ name, schema });
    await adapter.close();
    try {
      for (const [what, call] of [
        ['commit', () => adapter.commit({ writes: [] })],
        ['get', () => adapter.get('contact', ['x'])],
        ['query', () => adapter.query({ entity: 'contact' })],
        ['count', () => adapter.count({ entity: 'contact' })],
        ['changesSince', () => adapter.changesSince(0)],
        ['history', () => adapter.history('contact', 'x')],
      ] as const) {
        const error = await storageError(call(), what);
        assertEqual(error.reason, 'closed', `${what} reason`);
      }
    } finally {
      await remove(name);
    }
  });
});
