import {
  CrmConflictError,
  CrmStorageError,
  CrmValidationError,
  type Condition,
  type LiveChangeBatch,
  type Query,
  type StorageAdapter,
  type StorageCapabilities,
  type StorageSchema,
  type StoredRecord,
} from '@crmkit/core';
import { assertDeepEqual, assertEqual, assertRejects, assertTrue, deepEqualJson } from './assert.js';
import { referenceQueryIds } from './reference-query.js';
import { createRandom, generateProbeRecords, randomQuery } from './generate.js';

/** The test functions of the runner the suite registers with (node:test, mocha, vitest, jest all fit). */
export interface TestRegistrar {
  describe(name: string, body: () => void): unknown;
  it(name: string, body: () => Promise<void> | void): unknown;
}

/** What an adapter's test file gives the suite. */
export interface ConformanceOptions {
  /** The adapter's name, used in test titles. */
  name: string;
  /** What the adapter declares; tests of persistence and multi-tab delivery run only where declared. */
  capabilities: StorageCapabilities;
  /**
   * Opens (or reopens) the database called `name` with `schema`. The suite uses a fresh name per test, opens
   * the same name twice for reopen and second-instance tests, and closes what it opens.
   */
  open(name: string, schema: StorageSchema): Promise<StorageAdapter>;
  /** Removes a database after a test (optional). */
  destroy?(name: string): Promise<void>;
  /**
   * Entities with one valid sample record each, for round trips of every entity (crmkit's own entities by
   * default: pass `crmStorageSchema` and `entitySamples` from this package).
   */
  entities?: { schema: StorageSchema; samples: Readonly<Record<string, Record<string, unknown>>> };
}

/** The probe entity's indexes: every kind of index the contract knows. */
export const probeSchema: StorageSchema = {
  version: 1,
  entities: {
    probe: { indexes: ['name', 'score', 'kind', '*tags', 'address.city', 'updatedAt'] },
    other: { indexes: ['name'] },
  },
};

const PROBE_MULTI_ENTRY = new Set(['tags']);

let counter = 0;
function uniqueName(label: string): string {
  counter += 1;
  return `crmkit-conformance-${label}-${Date.now().toString(36)}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Polls `done` every 20 ms for up to 3 s: what another instance hears arrives through the browser's channels. */
async function waitUntil(done: () => boolean): Promise<void> {
  for (let waited = 0; !done() && waited < 3000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
}

function stripMeta(record: StoredRecord | undefined): Record<string, unknown> | undefined {
  if (!record) return undefined;
  const { id: _id, rev: _rev, createdAt: _c, updatedAt: _u, deleted: _d, ...data } = record;
  return data;
}

async function allPages(adapter: StorageAdapter, query: Query, pageSize: number): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await adapter.query({ ...query, limit: pageSize, ...(cursor === undefined ? {} : { cursor }) });
    pages += 1;
    assertTrue(page.records.length <= pageSize, `a page holds at most its limit (${pageSize}), got ${page.records.length}`);
    ids.push(...page.records.map((record) => record.id));
    cursor = page.cursor;
    if (pages > 10_000) throw new Error('paging does not end');
  } while (cursor !== undefined);
  return { ids, pages };
}

/**
 * Registers the storage conformance suite for one adapter. Every crmkit adapter runs it, and so should an
 * integrator's own adapter: it checks round trips, atomic commits, revisions and conflicts, tombstones, index
 * queries against a reference matcher, paging (also through one large group of equal values), the change feed,
 * history, Unicode, refusal after close, and — where declared — persistence, all-or-nothing upgrades, refusal
 * of a newer database, delivery to a second instance (local and remote), and an outdated instance refusing
 * calls after another upgraded the database.
 */
export function runStorageConformance(options: ConformanceOptions, registrar: TestRegistrar): void {
  const { describe, it } = registrar;

  async function withAdapter(label: string, schema: StorageSchema, body: (adapter: StorageAdapter, name: string) => Promise<void>): Promise<void> {
    const name = uniqueName(label);
    const adapter = await options.open(name, schema);
    try {
      await body(adapter, name);
    } finally {
      await adapter.close();
      await options.destroy?.(name);
    }
  }

  describe(`storage conformance: ${options.name}`, () => {
    if (options.entities) {
      const { schema, samples } = options.entities;
      it('stores and reads back every entity exactly', async () => {
        await withAdapter('entities', schema, async (adapter) => {
          const entities = Object.keys(schema.entities);
          assertTrue(entities.length > 0, 'the entity schema declares entities');
          for (const entity of entities) assertTrue(samples[entity] !== undefined, `a sample exists for ${entity}`);
          const writes = entities.map((entity) => ({ op: 'put' as const, entity, id: `sample-${entity}`, data: samples[entity]!, expectedRev: null }));
          const result = await adapter.commit({ writes, origin: 'conformance', at: '2026-01-02T03:04:05.000Z' });
          assertEqual(result.records.length, entities.length, 'one record per write comes back');
          for (const entity of entities) {
            const [record] = await adapter.get(entity, [`sample-${entity}`]);
            assertDeepEqual(stripMeta(record), samples[entity], `${entity} round trip`);
            assertEqual(record?.rev, 1, `${entity} starts at revision 1`);
            assertEqual(record?.createdAt, '2026-01-02T03:04:05.000Z', `${entity} createdAt is the commit time`);
          }
        });
      });
    }

    it('a create gets revision 1 and timestamps; an update naming the current revision gets the next one', async () => {
      await withAdapter('revisions', probeSchema, async (adapter) => {
        const created = await adapter.commit({ writes: [{ op: 'put', entity: 'probe', id: 'a', data: { name: 'An', score: 1 }, expectedRev: null }], at: '2026-03-01T00:00:00.000Z' });
        assertEqual(created.records[0]?.rev, 1, 'create revision');
        const updated = await adapter.commit({ writes: [{ op: 'put', entity: 'probe', id: 'a', data: { name: 'Anh', score: 2 }, expectedRev: 1 }], at: '2026-03-02T00:00:00.000Z' });
        const record = updated.records[0]!;
        assertEqual(record.rev, 2, 'update revision');
        assertEqual(record.createdAt, '2026-03-01T00:00:00.000Z', 'createdAt is kept');
        assertEqual(record.updatedAt, '2026-03-02T00:00:00.000Z', 'updatedAt moves');
        assertDeepEqual(stripMeta((await adapter.get('probe', ['a']))[0]), { name: 'Anh', score: 2 }, 'data replaced');
      });
    });

    it('a stale revision fails the whole commit with a conflict that carries the current record', async () => {
      await withAdapter('conflict', probeSchema, async (adapter) => {
        await adapter.commit({ writes: [{ op: 'put', entity: 'probe', id: 'a', data: { name: 'An' }, expectedRev: null }] });
        await adapter.commit({ writes: [{ op: 'put', entity: 'probe', id: 'a', data: { name: 'An 2' }, expectedRev: 1 }] });
        const error = await assertRejects(
          adapter.commit({
            writes: [
              { op: 'put', entity: 'probe', id: 'b', data: { name: 'Bình' }, expectedRev: null },
              { op: 'put', entity: 'probe', id: 'a', data: { name: 'stale' }, expectedRev: 1 },
            ],
          }),
          'stale write',
        );
        assertTrue(error instanceof CrmConflictError, `a CrmConflictError, got ${String(error)}`);
        const conflict = error as CrmConflictError;
        assertEqual(conflict.code, 'conflict', 'stable code');
        assertEqual(conflict.id, 'a', 'conflict names the record');
        assertEqual(conflict.current?.['rev'], 2, 'conflict carries the current revision');
        assertEqual(conflict.current?.['name'], 'An 2', 'conflict carries the current data');
        assertEqual((await adapter.get('probe', ['b']))[0], undefined, 'the other write of the failed commit did not land');
        assertEqual((await adapter.get('probe', ['a']))[0]?.['name'], 'An 2', 'the record is unchanged');
      });
    });

    it('creating a record that exists is a conflict, and nothing of the commit lands', async () => {
      await withAdapter('create-exists', probeSchema, async (adapter) => {
        await adapter.commit({ writes: [{ op: 'put', entity: 'probe', id: 'a', data: { name: 'An' }, expectedRev: null }] });
        const error = await assertRejects(
          adapter.commit({
            writes: [
              { op: 'put', entity: 'other', id: 'x', data: { name: 'X' }, expectedRev: null },
              { op: 'put', entity: 'probe', id: 'a', data: { name: 'again' }, expectedRev: null },
            ],
          }),
          'duplicate create',
        );
        assertTrue(error instanceof CrmConflictError, 'a CrmConflictError');
        assertEqual((await adapter.get('other', ['x']))[0], undefined, 'the first write rolled back');
        assertEqual(await adapter.count({ entity: 'other' }), 0, 'nothing counted');
      });
    });

    it('a commit with one malformed write is refused whole with a field-named error', async () => {
      await withAdapter('malformed', probeSchema, async (adapter) => {
        const error = await assertRejects(
          adapter.commit({
            writes: [
              { op: 'put', entity: 'probe', id: 'ok', data: { name: 'fine' }, expectedRev: null },
              { op: 'put', entity: 'nope', id: 'bad', data: {}, expectedRev: null },
            ],
          }),
          'unknown entity',
        );
        assertTrue(error instanceof CrmValidationError, 'a CrmValidationError');
        assertEqual((error as CrmValidationError).issues[0]?.path, 'writes.1.entity', 'the issue names the write and field');
        assertEqual((await adapter.get('probe', ['ok']))[0], undefined, 'nothing written');
        const page = await adapter.changesSince(0);
        assertEqual(page.batches.length, 0, 'no change batch for a refused commit');
      });
    });

    it('concurrent commits on one record: exactly one wins', async () => {
      await withAdapter('concurrent', probeSchema, async (adapter) => {
        await adapter.commit({ writes: [{ op: 'put', entity: 'probe', id: 'a', data: { score: 0 }, expectedRev: null }] });
        const attempts = await Promise.allSettled(
          Array.from({ length: 5 }, (_, i) => adapter.commit({ writes: [{ op: 'put', entity: 'probe', id: 'a', data: { score: i + 1 }, expectedRev: 1 }] })),
        );
        const won = attempts.filter((attempt) => attempt.status === 'fulfilled');
        const lost = attempts.filter((attempt) => attempt.status === 'rejected');
        assertEqual(won.length, 1, 'one commit wins');
        assertTrue(lost.every((attempt) => (attempt as PromiseRejectedResult).reason instanceof CrmConflictError), 'the others are conflicts');
        const [record] = await adapter.get('probe', ['a']);
        assertEqual(record?.rev, 2, 'one update applied');
      });
    });

    it('a delete leaves a tombstone: hidden from reads and queries, visible on request and in the feed', async () => {
      await withAdapter('tombstone', probeSchema, async (adapter) => {
        await adapter.commit({ writes: [{ op: 'put', entity: 'probe', id: 'a', data: { name: 'An', kind: 'k' }, expectedRev: null }] });
        const deleted = await adapter.commit({ writes: [{ op: 'delete', entity: 'probe', id: 'a', expectedRev: 1 }] });
        assertEqual(deleted.records[0]?.deleted, true, 'the tombstone is marked');
        assertEqual((await adapter.get('probe', ['a']))[0], undefined, 'hidden from get');
        const tombstone = (await adapter.get('probe', ['a'], { includeDeleted: true }))[0];
        assertEqual(tombstone?.deleted, true, 'visible with includeDeleted');
        assertEqual(tombstone?.['name'], 'An', 'the tombstone keeps its data');
        assertEqual(tombstone?.rev, 2, 'a delete is a revision');
        assertEqual((await adapter.query({ entity: 'probe', where: [{ field: 'kind', op: 'eq', value: 'k' }] })).records.length, 0, 'hidden from queries');
        assertEqual(await adapter.count({ entity: 'probe' }), 0, 'not counted');
        await assertRejects(adapter.commit({ writes: [{ op: 'delete', entity: 'probe', id: 'a', expectedRev: 2 }] }), 'deleting a tombstone');
        const recreate = await assertRejects(adapter.commit({ writes: [{ op: 'put', entity: 'probe', id: 'a', data: { name: 'x' }, expectedRev: null }] }), 'blind re-create');
        assertTrue(recreate instanceof CrmConflictError, 're-creating over a tombstone without its revision is a conflict');
        const restored = await adapter.commit({ writes: [{ op: 'put', entity: 'probe', id: 'a', data: { name: 'An', kind: 'k' }, expectedRev: 2 }] });
        assertEqual(restored.records[0]?.rev, 3, 'a tombstone put back with its revision lives again');
        assertEqual((await adapter.get('probe', ['a']))[0]?.['name'], 'An', 'readable again');
        const ops = (await adapter.changesSince(0)).batches.map((batch) => batch.changes[0]?.op);
        assertDeepEqual(ops, ['create', 'delete', 'create'], 'the feed reports create, delete, create');
      });
    });

    it('reads by ids keep the order asked and leave holes for missing ids', async () => {
      await withAdapter('get-order', probeSchema, async (adapter) => {
        await adapter.commit({
          writes: ['c', 'a', 'b'].map((id) => ({ op: 'put' as const, entity: 'probe', id, data: { name: id }, expectedRev: null })),
        });
        const records = await adapter.get('probe', ['b', 'zz', 'a']);
        assertDeepEqual(records.map((record) => record?.id), ['b', undefined, 'a'], 'order and holes');
      });
    });

    it('index queries agree with the reference matcher on generated data', async () => {
      await withAdapter('queries', probeSchema, async (adapter) => {
        const random = createRandom(20261123);
        const records = generateProbeRecords(random, 400);
        await adapter.commit({ writes: records.map((record) => ({ op: 'put' as const, entity: 'probe', id: record['id'] as string, data: record, expectedRev: null })) });
        // delete some so tombstones are in the indexes too
        const doomed = records.filter((_, i) => i % 17 === 0);
        await adapter.commit({ writes: doomed.map((record) => ({ op: 'delete' as const, entity: 'probe', id: record['id'] as string, expectedRev: 1 })) });
        const live = records.filter((_, i) => i % 17 !== 0).map((record) => ({ ...record }));
        for (let round = 0; round < 120; round++) {
          const query = randomQuery(random);
          const expected = referenceQueryIds(live, query, PROBE_MULTI_ENTRY);
          const { ids } = await allPages(adapter, query, query.limit ?? 50);
          if (!deepEqualJson(ids, expected)) {
            assertDeepEqual(ids, expected, `query ${JSON.stringify(query)}`);
          }
          const counted = await adapter.count({ entity: 'probe', where: query.where ?? [] });
          const unordered = referenceQueryIds(live, { entity: 'probe', where: query.where ?? [], orderBy: { field: 'id' } }, PROBE_MULTI_ENTRY);
          assertEqual(counted, unordered.length, `count of ${JSON.stringify(query.where)}`);
        }
      });
    });

    it('pages have no gaps and no repeats, in both directions, including after writes between pages', async () => {
      await withAdapter('paging', probeSchema, async (adapter) => {
        const writes = Array.from({ length: 103 }, (_, i) => ({
          op: 'put' as const,
          entity: 'probe',
          id: `p${String(i).padStart(3, '0')}`,
          data: { score: i % 10, name: `n${i}` },
          expectedRev: null,
        }));
        await adapter.commit({ writes });
        for (const direction of ['asc', 'desc'] as const) {
          const { ids, pages } = await allPages(adapter, { entity: 'probe', orderBy: { field: 'score', direction } }, 10);
          assertEqual(ids.length, 103, `every record once (${direction})`);
          assertEqual(new Set(ids).size, 103, `no repeats (${direction})`);
          assertEqual(pages, 11, `ceil(103 / 10) pages (${direction})`);
        }
        // a record inserted behind the cursor is not seen, one ahead is, and nothing repeats
        const first = await adapter.query({ entity: 'probe', orderBy: { field: 'id' }, limit: 50 });
        await adapter.commit({
          writes: [
            { op: 'put', entity: 'probe', id: 'p000a', data: { score: 1 }, expectedRev: null },
            { op: 'put', entity: 'probe', id: 'p999', data: { score: 1 }, expectedRev: null },
          ],
        });
        const rest = await allPages(adapter, { entity: 'probe', orderBy: { field: 'id' }, cursor: first.cursor! }, 25);
        const seen = [...first.records.map((record) => record.id), ...rest.ids];
        assertEqual(new Set(seen).size, seen.length, 'no repeats across writes');
        assertTrue(seen.includes('p999') && !seen.includes('p000a'), 'records ahead of the cursor are seen, behind are not');
      });
    });

    it('a query on an undeclared field or with a bad cursor is refused naming the part of the query', async () => {
      await withAdapter('bad-query', probeSchema, async (adapter) => {
        const error = await assertRejects(adapter.query({ entity: 'probe', where: [{ field: 'secret', op: 'eq', value: 1 }] }), 'undeclared field');
        assertTrue(error instanceof CrmValidationError, 'a CrmValidationError');
        assertEqual((error as CrmValidationError).issues[0]?.path, 'where.0.field', 'names where.0.field');
        const cursorError = await assertRejects(adapter.query({ entity: 'probe', cursor: 'not a cursor' }), 'bad cursor');
        assertEqual((cursorError as CrmValidationError).issues?.[0]?.path, 'cursor', 'names cursor');
        const entityError = await assertRejects(adapter.query({ entity: 'nope' }), 'unknown entity');
        assertEqual((entityError as CrmValidationError).issues?.[0]?.path, 'entity', 'names entity');
      });
    });

    it('every commit produces exactly one change batch, with its origin, for subscribers and the feed', async () => {
      await withAdapter('feed', probeSchema, async (adapter) => {
        const received: LiveChangeBatch[] = [];
        const unsubscribe = adapter.subscribe((batch) => received.push(batch));
        await adapter.commit({ writes: [{ op: 'put', entity: 'probe', id: 'a', data: { name: 'A' }, expectedRev: null }], origin: 'user:1' });
        await adapter.commit({
          writes: [
            { op: 'put', entity: 'probe', id: 'a', data: { name: 'A2' }, expectedRev: 1, meta: { fields: ['name'] } },
            { op: 'put', entity: 'other', id: 'o', data: { name: 'O' }, expectedRev: null },
          ],
          origin: 'import',
        });
        await assertRejects(adapter.commit({ writes: [{ op: 'put', entity: 'probe', id: 'a', data: {}, expectedRev: 1 }] }), 'stale');
        await new Promise((resolve) => setTimeout(resolve, 50));
        unsubscribe();
        await adapter.commit({ writes: [{ op: 'delete', entity: 'other', id: 'o', expectedRev: 1 }], origin: 'user:2' });
        await new Promise((resolve) => setTimeout(resolve, 50));
        assertEqual(received.length, 2, 'two successful commits while subscribed: two batches');
        assertDeepEqual(received.map((batch) => batch.origin), ['user:1', 'import'], 'origins');
        assertDeepEqual(received[1]!.changes.map((change) => `${change.entity}/${change.id}@${change.rev}:${change.op}`), ['probe/a@2:update', 'other/o@1:create'], 'changes of the batch');
        assertDeepEqual(received[1]!.changes[0]!.meta, { fields: ['name'] }, 'meta travels with the change');
        assertEqual(received[1]!.records[0]?.['name'], 'A2', 'live batches carry the records');
        assertEqual(received[0]!.remote, false, 'a local commit is not remote');
        assertTrue(received[1]!.seq > received[0]!.seq, 'seq increases');
      });
    });

    it('changes since a cursor page through the feed without gaps', async () => {
      await withAdapter('since', probeSchema, async (adapter) => {
        for (let i = 0; i < 12; i++) {
          await adapter.commit({ writes: [{ op: 'put', entity: 'probe', id: `c${i}`, data: { score: i }, expectedRev: null }], origin: `o${i}` });
        }
        const origins: string[] = [];
        let cursor = 0;
        for (;;) {
          const page = await adapter.changesSince(cursor, 5);
          if (page.batches.length === 0) {
            assertEqual(page.cursor, cursor, 'an empty page keeps the cursor');
            break;
          }
          assertTrue(page.batches.length <= 5, 'at most the limit');
          origins.push(...page.batches.map((batch) => batch.origin));
          cursor = page.cursor;
        }
        assertDeepEqual(origins, Array.from({ length: 12 }, (_, i) => `o${i}`), 'all batches, oldest first');
        const tail = await adapter.changesSince(cursor);
        assertEqual(tail.batches.length, 0, 'nothing after the last cursor');
      });
    });

    it('history lists every change of one record with its commit origin and time', async () => {
      await withAdapter('history', probeSchema, async (adapter) => {
        await adapter.commit({ writes: [{ op: 'put', entity: 'probe', id: 'a', data: { name: 'A' }, expectedRev: null }], origin: 'u1', at: '2026-01-01T00:00:00.000Z' });
        await adapter.commit({ writes: [{ op: 'put', entity: 'probe', id: 'b', data: { name: 'B' }, expectedRev: null }], origin: 'u2' });
        await adapter.commit({ writes: [{ op: 'put', entity: 'probe', id: 'a', data: { name: 'A2' }, expectedRev: 1, meta: { name: ['A', 'A2'] } }], origin: 'u3', at: '2026-01-02T00:00:00.000Z' });
        const history = await adapter.history('probe', 'a');
        assertDeepEqual(
          history.map((entry) => [entry.origin, entry.at, entry.change.op, entry.change.rev, entry.change.meta ?? null]),
          [
            ['u1', '2026-01-01T00:00:00.000Z', 'create', 1, null],
            ['u3', '2026-01-02T00:00:00.000Z', 'update', 2, { name: ['A', 'A2'] }],
          ],
          'history of probe/a',
        );
        assertEqual((await adapter.history('probe', 'zz')).length, 0, 'no history for an unknown record');
      });
    });

    it('a large batch of creates is refused whole when one id exists, even as a tombstone', async () => {
      await withAdapter('batch-create', probeSchema, async (adapter) => {
        await adapter.commit({ writes: [{ op: 'put', entity: 'probe', id: 'c050', data: { name: 'Lê Văn Cường' }, expectedRev: null }] });
        await adapter.commit({ writes: [{ op: 'delete', entity: 'probe', id: 'c050', expectedRev: 1 }] });
        const batch = Array.from({ length: 100 }, (_, i) => ({ op: 'put' as const, entity: 'probe', id: `c${String(i).padStart(3, '0')}`, data: { name: `KH ${i}` }, expectedRev: null }));
        const error = await assertRejects(adapter.commit({ writes: batch }), 'a batch re-creating a deleted id');
        assertTrue(error instanceof CrmConflictError, `a CrmConflictError, got ${String(error)}`);
        assertEqual((error as CrmConflictError).id, 'c050', 'the conflict names the existing id');
        assertEqual((error as CrmConflictError).current?.['deleted'], true, 'and carries the tombstone');
        assertEqual(await adapter.count({ entity: 'probe' }), 0, 'nothing of the batch landed');
        const spread = Array.from({ length: 40 }, (_, i) => ({ op: 'put' as const, entity: 'probe', id: `c${String(i * 25 + 1).padStart(3, '0')}`, data: {}, expectedRev: null }));
        await adapter.commit({ writes: spread });
        assertEqual(await adapter.count({ entity: 'probe' }), 40, 'a batch around existing ids lands when none of them is taken');
      });
    });

    it('pages through one large group of equal values without gaps or repeats, in both directions', async () => {
      await withAdapter('ties', probeSchema, async (adapter) => {
        const ids = Array.from({ length: 300 }, (_, i) => `c${String((i * 7919) % 1000).padStart(3, '0')}`);
        await adapter.commit({ writes: ids.map((id, i) => ({ op: 'put' as const, entity: 'probe', id, data: { kind: i % 10 === 0 ? 'shop' : 'individual', tags: ['vip'] }, expectedRev: null })) });
        const deleted = ids.slice(0, 40);
        await adapter.commit({ writes: deleted.map((id) => ({ op: 'delete' as const, entity: 'probe', id, expectedRev: 1 })) });
        const live = ids.filter((id, i) => !deleted.includes(id) && i % 10 !== 0).sort();
        for (const [direction, expected] of [['asc', live], ['desc', [...live].reverse()]] as const) {
          for (const where of [[{ field: 'kind', op: 'eq' as const, value: 'individual' }], [{ field: 'tags', op: 'eq' as const, value: 'vip' }, { field: 'kind', op: 'eq' as const, value: 'individual' }]]) {
            const { ids: seen } = await allPages(adapter, { entity: 'probe', where, orderBy: { field: where[0]!.field === 'kind' ? 'kind' : 'id', direction } }, 17);
            assertDeepEqual(seen, expected, `every live record once, ${direction}, where ${JSON.stringify(where)}`);
          }
        }
        assertEqual(await adapter.count({ entity: 'probe', where: [{ field: 'kind', op: 'eq', value: 'individual' }] }), live.length, 'a count leaves tombstones out');
        assertEqual(await adapter.count({ entity: 'probe' }), 260, 'a count of everything leaves tombstones out');
      });
    });

    it('a closed adapter refuses every call with a CrmStorageError whose reason is closed', async () => {
      const name = uniqueName('closed');
      const adapter = await options.open(name, probeSchema);
      await adapter.close();
      try {
        for (const [what, call] of [
          ['commit', () => adapter.commit({ writes: [] })],
          ['get', () => adapter.get('probe', ['x'])],
          ['query', () => adapter.query({ entity: 'probe' })],
          ['count', () => adapter.count({ entity: 'probe' })],
          ['changesSince', () => adapter.changesSince(0)],
          ['history', () => adapter.history('probe', 'x')],
        ] as const) {
          const error = await assertRejects(call(), what);
          assertTrue(error instanceof CrmStorageError, `${what}: a CrmStorageError, got ${String(error)}`);
          assertEqual((error as CrmStorageError).reason, 'closed', `${what} reason`);
        }
      } finally {
        await options.destroy?.(name);
      }
    });

    it('strings with any Unicode come back exactly', async () => {
      await withAdapter('unicode', probeSchema, async (adapter) => {
        const names = [
          'Nguyễn Thị Ánh Tuyết',
          'Nguye\u0302\u0303n Thi\u0323 A\u0301nh', // decomposed (NFD) Vietnamese
          'Đặng Đức Đạt',
          '👩🏽‍💼 Trần 🇻🇳',
          'עברית العربية',
          'zero\u200Bwidth\u00A0nbsp',
          'tab\tnewline\nnull\u0000end',
          '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
        ];
        await adapter.commit({ writes: names.map((name, i) => ({ op: 'put' as const, entity: 'probe', id: `u${i}-${name}`, data: { name, tags: [name] }, expectedRev: null })) });
        const records = await adapter.get('probe', names.map((name, i) => `u${i}-${name}`));
        assertDeepEqual(records.map((record) => record?.['name']), names, 'names round trip without normalisation');
        for (const name of names) {
          const page = await adapter.query({ entity: 'probe', where: [{ field: 'name', op: 'eq', value: name }] });
          assertEqual(page.records.length, 1, `exact match for ${JSON.stringify(name)}`);
        }
        const decomposed = await adapter.query({ entity: 'probe', where: [{ field: 'name', op: 'eq', value: names[1]!.normalize('NFC') }] });
        assertEqual(decomposed.records.length, 0, 'storage does not normalise: NFC does not equal NFD');
      });
    });

    if (options.capabilities.persistent) {
      it('data survives closing and reopening the database', async () => {
        const name = uniqueName('reopen');
        const first = await options.open(name, probeSchema);
        await first.commit({ writes: [{ op: 'put', entity: 'probe', id: 'a', data: { name: 'Lâm' }, expectedRev: null }], origin: 'before' });
        await first.close();
        const second = await options.open(name, probeSchema);
        try {
          assertEqual((await second.get('probe', ['a']))[0]?.['name'], 'Lâm', 'the record is still there');
          assertEqual((await second.changesSince(0)).batches.length, 1, 'the feed is still there');
          const next = await second.commit({ writes: [{ op: 'put', entity: 'probe', id: 'b', data: {}, expectedRev: null }] });
          assertTrue(next.seq > 1, 'seq continues after reopening');
        } finally {
          await second.close();
          await options.destroy?.(name);
        }
      });

      it('an upgrade from schema version 1 to 2 keeps the data and fills the new index', async () => {
        const name = uniqueName('upgrade');
        const v1: StorageSchema = { version: 1, entities: { probe: { indexes: ['name'] } } };
        const v2: StorageSchema = {
          version: 2,
          entities: { probe: { indexes: ['name', 'nameKey'] }, extra: { indexes: ['name'] } },
          upgrades: {
            2: async (context) => {
              await context.modify('probe', (record) => ({ ...record, nameKey: String(record['name']).toLowerCase() }));
            },
          },
        };
        const first = await options.open(name, v1);
        assertEqual(first.version, 1, 'opened at version 1');
        await first.commit({
          writes: [
            { op: 'put', entity: 'probe', id: 'a', data: { name: 'HÀ' }, expectedRev: null },
            { op: 'put', entity: 'probe', id: 'b', data: { name: 'Huế' }, expectedRev: null },
          ],
        });
        await first.close();
        const second = await options.open(name, v2);
        try {
          assertEqual(second.version, 2, 'upgraded to version 2');
          const [a] = await second.get('probe', ['a']);
          assertEqual(a?.['name'], 'HÀ', 'data kept');
          assertEqual(a?.rev, 1, 'an upgrade is not a revision');
          const found = await second.query({ entity: 'probe', where: [{ field: 'nameKey', op: 'eq', value: 'hà' }] });
          assertDeepEqual(found.records.map((record) => record.id), ['a'], 'the new index is filled');
          await second.commit({ writes: [{ op: 'put', entity: 'extra', id: 'e', data: { name: 'new store' }, expectedRev: null }] });
          assertEqual((await second.get('extra', ['e']))[0]?.['name'], 'new store', 'a new entity works after the upgrade');
        } finally {
          await second.close();
          await options.destroy?.(name);
        }
      });
    }

    if (options.capabilities.persistent) {
      it('a database newer than the schema is refused with a storage error, and left as it was', async () => {
        const name = uniqueName('newer');
        const newer = await options.open(name, { ...probeSchema, version: 3 });
        await newer.commit({ writes: [{ op: 'put', entity: 'probe', id: 'a', data: { name: 'v3' }, expectedRev: null }] });
        await newer.close();
        try {
          const error = await assertRejects(options.open(name, probeSchema), 'opening with an older schema');
          assertTrue(error instanceof CrmStorageError, `a CrmStorageError, got ${String(error)}`);
          assertTrue((error as CrmStorageError).reason.length > 0, 'with the storage’s reason');
          const again = await options.open(name, { ...probeSchema, version: 3 });
          assertEqual((await again.get('probe', ['a']))[0]?.['name'], 'v3', 'the newer database is untouched');
          await again.close();
        } finally {
          await options.destroy?.(name);
        }
      });

      it('an upgrade step that throws leaves the database at its old version with its data', async () => {
        const name = uniqueName('failed-upgrade');
        const v1: StorageSchema = { version: 1, entities: { probe: { indexes: ['name'] } } };
        const v1Adapter = await options.open(name, v1);
        await v1Adapter.commit({ writes: [{ op: 'put', entity: 'probe', id: 'c1', data: { name: 'Trần Thị Bình' }, expectedRev: null }] });
        await v1Adapter.close();
        const broken: StorageSchema = {
          version: 2,
          entities: { probe: { indexes: ['name', 'email'] } },
          upgrades: {
            2: async (context) => {
              await context.modify('probe', (record) => ({ ...record, email: 'x@example.vn' }));
              throw new Error('the step found bad data');
            },
          },
        };
        await assertRejects(options.open(name, broken), 'the failing upgrade');
        const again = await options.open(name, v1);
        try {
          assertEqual(again.version, 1, 'still at version 1');
          const [record] = await again.get('probe', ['c1']);
          assertDeepEqual([record?.['name'], record?.['email']], ['Trần Thị Bình', undefined], 'the data as it was');
        } finally {
          await again.close();
          await options.destroy?.(name);
        }
      });
    }

    if (options.capabilities.multiTab) {
      it('a second instance on the same database sees the first one’s commits', async () => {
        const name = uniqueName('second');
        const one = await options.open(name, probeSchema);
        const two = await options.open(name, probeSchema);
        try {
          const received: LiveChangeBatch[] = [];
          two.subscribe((batch) => received.push(batch));
          await one.commit({ writes: [{ op: 'put', entity: 'probe', id: 'a', data: { name: 'từ tab một' }, expectedRev: null }], origin: 'tab-1' });
          await waitUntil(() => received.length > 0);
          assertEqual(received.length, 1, 'one batch arrives at the second instance');
          assertEqual(received[0]!.origin, 'tab-1', 'with its origin');
          assertEqual(received[0]!.remote, true, 'marked remote');
          assertEqual((await two.get('probe', ['a']))[0]?.['name'], 'từ tab một', 'the second instance reads the record');
        } finally {
          await one.close();
          await two.close();
          await options.destroy?.(name);
        }
      });

      it('each instance hears its own commits once as local and the other’s as remote, with the records', async () => {
        const name = uniqueName('tabs');
        const one = await options.open(name, probeSchema);
        const two = await options.open(name, probeSchema);
        try {
          const heardByOne: LiveChangeBatch[] = [];
          const heardByTwo: LiveChangeBatch[] = [];
          one.subscribe((batch) => heardByOne.push(batch));
          two.subscribe((batch) => heardByTwo.push(batch));
          await one.commit({ writes: [{ op: 'put', entity: 'probe', id: 'c1', data: { name: 'Nguyễn Văn An' }, expectedRev: null }], origin: 'tab-1' });
          await two.commit({ writes: [{ op: 'put', entity: 'probe', id: 'c1', data: { name: 'Nguyễn Văn Ân' }, expectedRev: 1 }], origin: 'tab-2' });
          await waitUntil(() => heardByOne.length >= 2 && heardByTwo.length >= 2);
          await new Promise((resolve) => setTimeout(resolve, 100)); // and nothing more arrives
          assertDeepEqual(heardByOne.map((batch) => [batch.origin, batch.remote]), [['tab-1', false], ['tab-2', true]], 'what the first instance heard');
          assertDeepEqual(heardByTwo.map((batch) => [batch.origin, batch.remote]), [['tab-1', true], ['tab-2', false]], 'what the second instance heard');
          assertEqual(heardByOne[1]!.records[0]?.['name'], 'Nguyễn Văn Ân', 'a remote batch carries the records');
        } finally {
          await one.close();
          await two.close();
          await options.destroy?.(name);
        }
      });

      if (options.capabilities.persistent) {
        it('when another instance upgrades the database, this one lets it and later calls fail with a storage error', async () => {
          const name = uniqueName('upgraded-elsewhere');
          const old = await options.open(name, probeSchema);
          const newer = await options.open(name, { ...probeSchema, version: 2 });
          try {
            assertEqual(newer.version, 2, 'the other instance upgraded');
            const error = await assertRejects(old.commit({ writes: [{ op: 'put', entity: 'probe', id: 'x', data: {}, expectedRev: null }] }), 'commit on the outdated instance');
            assertTrue(error instanceof CrmStorageError, `a CrmStorageError, got ${String(error)}`);
          } finally {
            await old.close();
            await newer.close();
            await options.destroy?.(name);
          }
        });
      }
    }
  });
}


