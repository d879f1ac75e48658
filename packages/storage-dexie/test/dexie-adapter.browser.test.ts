// The Dexie adapter in real Chromium: the conformance suite, then what the suite cannot express — other
// connections upgrading underneath, versions, failed upgrades, large groups of equal values, error mapping.
import Dexie from 'dexie';
import { CrmConflictError, CrmStorageError, type LiveChangeBatch, type StorageSchema, crmStorageSchema } from '@crmkit/core';
import { assertDeepEqual, assertEqual, assertRejects, assertTrue, runStorageConformance, entitySamples } from '@crmkit/storage-testing';
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
const settle = (ms = 100) => new Promise((resolve) => setTimeout(resolve, ms));

async function storageError(promise: Promise<unknown>, what: string): Promise<CrmStorageError> {
  const error = await assertRejects(promise, what);
  assertTrue(error instanceof CrmStorageError, `${what}: a CrmStorageError, got ${String(error)}`);
  return error as CrmStorageError;
}

describe('Dexie adapter in Chromium', () => {
  it('a second instance on the database hears commits as remote, and the committing one hears each once as local', async () => {
    const name = fresh('tabs');
    const one = await createDexieAdapter({ name, schema });
    const two = await createDexieAdapter({ name, schema });
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

  it('a large batch of creates is refused whole when one id exists, even as a tombstone', async () => {
    const name = fresh('batch-create');
    const adapter = await createDexieAdapter({ name, schema });
    try {
      await adapter.commit({ writes: [{ op: 'put', entity: 'contact', id: 'c050', data: { fullName: 'Lê Văn Cường' }, expectedRev: null }] });
      await adapter.commit({ writes: [{ op: 'delete', entity: 'contact', id: 'c050', expectedRev: 1 }] });
      const batch = Array.from({ length: 100 }, (_, i) => ({ op: 'put' as const, entity: 'contact', id: `c${String(i).padStart(3, '0')}`, data: { fullName: `KH ${i}` }, expectedRev: null }));
      const error = await assertRejects(adapter.commit({ writes: batch }), 'a batch re-creating a deleted id');
      assertTrue(error instanceof CrmConflictError, `a CrmConflictError, got ${String(error)}`);
      assertEqual((error as CrmConflictError).id, 'c050', 'the conflict names the existing id');
      assertEqual((error as CrmConflictError).current?.['deleted'], true, 'and carries the tombstone');
      assertEqual(await adapter.count({ entity: 'contact' }), 0, 'nothing of the batch landed');
      const spread = Array.from({ length: 40 }, (_, i) => ({ op: 'put' as const, entity: 'contact', id: `c${String(i * 25 + 1).padStart(3, '0')}`, data: {}, expectedRev: null }));
      await adapter.commit({ writes: spread });
      assertEqual(await adapter.count({ entity: 'contact' }), 40, 'a batch around existing ids lands when none of them is taken');
    } finally {
      await adapter.close();
      await remove(name);
    }
  });

  it('pages through one large group of equal values without gaps or repeats, in both directions', async () => {
    const name = fresh('ties');
    const adapter = await createDexieAdapter({ name, schema });
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
    const old = await createDexieAdapter({ name, schema });
    const newer = await createDexieAdapter({ name, schema: { ...schema, version: 2 } });
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
    const newer = await createDexieAdapter({ name, schema: { ...schema, version: 3 } });
    await newer.close();
    try {
      const error = await storageError(createDexieAdapter({ name, schema }), 'opening with an older schema');
      assertEqual(error.reason, 'VersionError', 'reason');
    } finally {
      await remove(name);
    }
  });

  it('an upgrade step that throws leaves the database at its old version with its data', async () => {
    const name = fresh('failed-upgrade');
    const v1 = await createDexieAdapter({ name, schema });
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
    await assertRejects(createDexieAdapter({ name, schema: broken }), 'the failing upgrade');
    const again = await createDexieAdapter({ name, schema });
    try {
      assertEqual(again.version, 1, 'still at version 1');
      const [record] = await again.get('contact', ['c1']);
      assertDeepEqual([record?.['fullName'], record?.['email']], ['Trần Thị Bình', undefined], 'the data as it was');
    } finally {
      await again.close();
      await remove(name);
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
