// Runs in Chromium (see storage.bench.ts): 100k contacts committed in batches of 1,000 and an indexed range
// query returning 1k records, through crmkit (facade with validation, audit and access checks, on each
// adapter) and through raw Dexie bulkPut / where().between() on the same data and indexes, interleaved.
import Dexie from 'dexie';
import { createCrm, createMemoryAdapter, crmStorageSchema, type StorageAdapter } from '@crmkit/core';
import { createDexieAdapter } from '@crmkit/storage-dexie';
import { createIdbAdapter } from '@crmkit/storage-idb';

const TOTAL = 100_000;
const BATCH = 1_000;
const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Minh', 'Ngọc', 'Thu', 'Quang', 'Hữu', 'Thanh', 'Kim'];
const GIVEN = ['An', 'Bình', 'Chi', 'Dũng', 'Giang', 'Hà', 'Hải', 'Hương', 'Khoa', 'Lan', 'Linh', 'Long', 'Mai', 'Minh', 'Nam', 'Ngọc', 'Phúc', 'Quân', 'Sơn', 'Tâm', 'Thảo', 'Trang', 'Tuấn', 'Vy'];
const PROVINCES = ['Hà Nội', 'TP. Hồ Chí Minh', 'Đà Nẵng', 'Hải Phòng', 'Cần Thơ', 'Bình Dương', 'Đồng Nai', 'Khánh Hòa'];

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function contacts(): { id: string; data: Record<string, unknown> }[] {
  const next = random(42);
  const pick = <T,>(values: T[]) => values[Math.floor(next() * values.length)]!;
  return Array.from({ length: TOTAL }, (_, i) => ({
    id: `c${String(i).padStart(6, '0')}`,
    data: {
      kind: 'individual',
      fullName: `${pick(SURNAMES)} ${pick(MIDDLE)} ${pick(GIVEN)}`,
      phones: [{ number: `09${String(Math.floor(next() * 1e8)).padStart(8, '0')}`, kind: 'mobile' }],
      emails: [`kh${i}@example.vn`],
      address: { province: pick(PROVINCES), district: 'Quận 1', ward: 'Phường Bến Nghé', street: 'Lê Lợi', houseNumber: String(1 + Math.floor(next() * 300)) },
      ownerId: 'u-bench',
    },
  }));
}

/** The name bounds that select about 1,000 records, from the sorted names. */
function rangeFor(data: { data: Record<string, unknown> }[]): [string, string] {
  const names = data.map((row) => row.data['fullName'] as string).sort();
  const start = Math.floor(names.length / 3);
  return [names[start]!, names[start + 999]!];
}

/** Raw Dexie on the same data and indexes: the peer. */
async function openRaw() {
  const name = `bench-raw-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const db = new Dexie(name);
  const indexes = crmStorageSchema.entities['contact']!.indexes.join(', ');
  db.version(1).stores({ contact: `id, ${indexes}` });
  await db.open();
  const table = db.table('contact');
  const now = new Date().toISOString();
  return {
    write: (rows: ReturnType<typeof contacts>) => table.bulkPut(rows.map((row) => ({ ...row.data, id: row.id, rev: 1, createdAt: now, updatedAt: now }))),
    query: async (range: [string, string]) => (await table.where('fullName').between(range[0], range[1], true, true).limit(1000).toArray()).length,
    close: async () => {
      db.close();
      await Dexie.delete(name);
    },
  };
}

/**
 * One adapter against raw Dexie, interleaved so the machine's noise falls on both alike: batch by batch (the
 * order alternating), then query round by query round. Returns total write time and median query time of each.
 */
async function pair(label: string, storage: StorageAdapter, data: ReturnType<typeof contacts>, range: [string, string], cleanup: () => Promise<void>) {
  // Storage with validation, access and audit, as issue 2 asks; the duplicate check on save is issue 4's work
  // and is measured by dedup.bench.ts (the generated data shares phones on purpose, which it would block).
  const crm = createCrm({ storage, actor: { id: 'u-bench', role: 'admin' }, duplicates: { guard: [] } });
  const raw = await openRaw();
  const ours = {
    write: (rows: ReturnType<typeof contacts>) => crm.contacts.createMany(rows.map((row) => ({ ...row.data, id: row.id }) as never)),
    query: async (r: [string, string]) => (await crm.contacts.list({ where: [{ field: 'fullName', op: 'range', gte: r[0], lte: r[1] }], limit: 1000 })).records.length,
  };
  let ourWrite = 0;
  let rawWrite = 0;
  for (let i = 0, k = 0; i < data.length; i += BATCH, k++) {
    const batch = data.slice(i, i + BATCH);
    const timed = async (run: () => Promise<unknown>) => {
      const t = performance.now();
      await run();
      return performance.now() - t;
    };
    if (k % 2 === 0) {
      ourWrite += await timed(() => ours.write(batch));
      rawWrite += await timed(() => raw.write(batch));
    } else {
      rawWrite += await timed(() => raw.write(batch));
      ourWrite += await timed(() => ours.write(batch));
    }
  }
  const ourQuery: number[] = [];
  const rawQuery: number[] = [];
  let found = 0;
  let rawFound = 0;
  for (let round = 0; round < 30; round++) {
    const a = performance.now();
    found = await ours.query(range);
    const b = performance.now();
    rawFound = await raw.query(range);
    const c = performance.now();
    ourQuery.push(b - a);
    rawQuery.push(c - b);
  }
  await raw.close();
  await storage.close();
  await cleanup();
  return { label, writeMs: ourWrite, queryMs: median(ourQuery), found, raw: { writeMs: rawWrite, queryMs: median(rawQuery), found: rawFound } };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Runs each adapter paired with raw Dexie. */
export async function run() {
  const data = contacts();
  const range = rangeFor(data);
  const dexieName = `bench-dexie-${Date.now()}`;
  const dexie = await pair('dexie', await createDexieAdapter({ name: dexieName, schema: crmStorageSchema }), data, range, () => Dexie.delete(dexieName));
  const idbName = `bench-idb-${Date.now()}`;
  const idb = await pair('idb', await createIdbAdapter({ name: idbName, schema: crmStorageSchema }), data, range, () => Dexie.delete(idbName));
  const memory = await pair('memory', await createMemoryAdapter({ schema: crmStorageSchema }), data, range, async () => {});
  return { total: TOTAL, batch: BATCH, adapters: [dexie, idb, memory], userAgent: navigator.userAgent };
}
