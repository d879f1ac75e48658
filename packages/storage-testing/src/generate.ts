import type { Condition, IndexValue, Query } from '@crmkit/core';

/** A seeded pseudo-random source (mulberry32), so a failing query can be replayed. */
export type Random = () => number;

/** Creates a seeded random source returning numbers in [0, 1). */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = ['An', 'Bình', 'Chi', 'Dũng', 'Đạt', 'Giang', 'Hà', 'Hương', 'Khoa', 'Lan', 'Minh', 'Ngọc', 'Phúc', 'Quân', 'Thảo', 'Vy', 'anh', 'Zed', 'Ánh', 'Ân'];
const KINDS: IndexValue[] = ['shop', 'household', 'individual', 1, 2, 10];
const TAGS = ['vip', 'sỉ', 'lẻ', 'mới', 'tele', 'f2f'];
const CITIES = ['Hà Nội', 'Hồ Chí Minh', 'Đà Nẵng', 'Cần Thơ', 'Huế'];

function pick<T>(random: Random, values: readonly T[]): T {
  return values[Math.floor(random() * values.length)]!;
}

/** Generates probe records with missing fields, mixed number/string keys, arrays and nested paths. */
export function generateProbeRecords(random: Random, count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => {
    const record: Record<string, unknown> = { id: `r${String(Math.floor(random() * 1e6)).padStart(6, '0')}-${i}` };
    if (random() < 0.9) record['name'] = pick(random, NAMES);
    if (random() < 0.85) record['score'] = random() < 0.1 ? Math.round(random() * 1000) / 10 : Math.floor(random() * 40) - 5;
    if (random() < 0.8) record['kind'] = pick(random, KINDS);
    if (random() < 0.05) record['kind'] = true; // not indexable: left out of the index
    if (random() < 0.8) record['tags'] = Array.from({ length: Math.floor(random() * 4) }, () => pick(random, TAGS));
    if (random() < 0.7) record['address'] = { city: pick(random, CITIES), line: `${i} Lê Lợi` };
    return record;
  });
}

function randomValue(random: Random, field: string): IndexValue {
  switch (field) {
    case 'name':
      return pick(random, NAMES);
    case 'score':
      return Math.floor(random() * 40) - 5;
    case 'kind':
      return pick(random, KINDS);
    case 'tags':
      return pick(random, TAGS);
    case 'address.city':
      return pick(random, CITIES);
    default:
      return `r${String(Math.floor(random() * 1e6)).padStart(6, '0')}`;
  }
}

function randomCondition(random: Random, field: string): Condition {
  const roll = random();
  if (roll < 0.4) return { field, op: 'eq', value: randomValue(random, field) };
  if (roll < 0.65) return { field, op: 'in', values: [randomValue(random, field), randomValue(random, field), randomValue(random, field)] };
  const a = randomValue(random, field);
  const b = randomValue(random, field);
  const [low, high] = (typeof a === typeof b ? a < b : typeof a === 'number') ? [a, b] : [b, a];
  const condition: Condition = { field, op: 'range' };
  if (random() < 0.8) Object.assign(condition, random() < 0.5 ? { gte: low } : { gt: low });
  if (random() < 0.8) Object.assign(condition, random() < 0.5 ? { lte: high } : { lt: high });
  return condition;
}

/** A random query over the probe entity: 0–2 conditions, sometimes an order, a direction and a page size. */
export function randomQuery(random: Random): Query {
  const fields = ['name', 'score', 'kind', 'tags', 'address.city', 'id'];
  const where: Condition[] = [];
  const conditions = Math.floor(random() * 3);
  for (let i = 0; i < conditions; i++) where.push(randomCondition(random, pick(random, fields)));
  const query: Query = { entity: 'probe', where, limit: 1 + Math.floor(random() * 60) };
  if (random() < 0.5) {
    query.orderBy = { field: pick(random, ['name', 'score', 'kind', 'address.city', 'id']), direction: random() < 0.5 ? 'asc' : 'desc' };
  }
  return query;
}
