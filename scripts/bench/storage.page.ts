// Runs in Chromium (see storage.bench.ts): 100k contacts committed in batches of 1,000 and an indexed range
// query returning 1k records, through crmkit (facade with validation, audit and access checks, on each
// adapter) and through raw Dexie bulkPut / where().between() on the same data and indexes.
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

async function rawDexie(data: ReturnType<typeof contacts>, range: [string, string]) {
  const name = `bench-raw-${Date.now()}`;
  const db = new Dexie(name);
  const indexes = crmStorageSchema.entities['contact']!.indexes.join(', ');
  db.version(1).stores({ contact: `id, ${indexes}` });
  await db.open();
  const table = db.table('contact');
  const now = new Date().toISOString();
  const started = performance.now();
  for (let i = 0; i < data.length; i += BATCH) {
    await table.bulkPut(data.slice(i, i + BATCH).map((row) => ({ ...row.data, id: row.id, rev: 1, createdAt: now, updatedAt: now })));
  }
  const writeMs = performance.now() - started;
  const queryMs: number[] = [];
  let found = 0;
  for (let round = 0; round < 20; round++) {
    const t = performance.now();
    found = (await table.where('fullName').between(range[0], range[1], true, true).limit(1000).toArray()).length;
    queryMs.push(performance.now() - t);
  }
  db.close();
  await Dexie.delete(name);
  return { writeMs, queryMs: median(queryMs), found };
}

async function ours(label: string, storage: StorageAdapter, data: ReturnType<typeof contacts>, range: [string, string], cleanup: () => Promise<void>) {
  const crm = createCrm({ storage, actor: { id: 'u-bench', role: 'admin' } });
  const started = performance.now();
  for (let i = 0; i < data.length; i += BATCH) {
    await crm.contacts.createMany(data.slice(i, i + BATCH).map((row) => ({ ...row.data, id: row.id }) as never));
  }
  const writeMs = performance.now() - started;
  const queryMs: number[] = [];
  let found = 0;
  for (let round = 0; round < 20; round++) {
    const t = performance.now();
    const page = await crm.contacts.list({ where: [{ field: 'fullName', op: 'range', gte: range[0], lte: range[1] }], limit: 1000 });
    found = page.records.length;
    queryMs.push(performance.now() - t);
  }
  await storage.close();
  await cleanup();
  return { label, writeMs, queryMs: median(queryMs), found };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Runs every variant; raw Dexie runs before and after ours and the better figure counts (fair to the peer). */
export async function run() {
  const data = contacts();
  const range = rangeFor(data);
  const raw1 = await rawDexie(data, range);
  const dexieName = `bench-dexie-${Date.now()}`;
  const dexie = await ours('dexie', await createDexieAdapter({ name: dexieName, schema: crmStorageSchema }), data, range, () => Dexie.delete(dexieName));
  const idbName = `bench-idb-${Date.now()}`;
  const idb = await ours('idb', await createIdbAdapter({ name: idbName, schema: crmStorageSchema }), data, range, () => Dexie.delete(idbName));
  const memory = await ours('memory', await createMemoryAdapter({ schema: crmStorageSchema }), data, range, async () => {});
  const raw2 = await rawDexie(data, range);
  const raw = { writeMs: Math.min(raw1.writeMs, raw2.writeMs), queryMs: Math.min(raw1.queryMs, raw2.queryMs), found: raw1.found };
  return { total: TOTAL, batch: BATCH, raw, adapters: [dexie, idb, memory], userAgent: navigator.userAgent };
}
