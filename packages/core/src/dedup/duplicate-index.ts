import type { DedupRecord } from './dedup-record.js';
import { DedupMatcher, EXACT_KEY_BIT, type DuplicateMatch } from './matcher.js';
import { prepareRecord, PreparedValueCache, type PreparedRecord } from './prepare.js';
import type { DedupSettings } from './rules.js';

const KEY_MASK = EXACT_KEY_BIT - 1;

/** Options for a {@link DuplicateIndex}. */
export interface DuplicateIndexOptions {
  /**
   * A blocking key from a fuzzy field (a name, a company) shared by more records than this is skipped when
   * looking for candidates: it says too little ("Nguyễn Anh" born in 1990 is many people) and would make
   * a check cost grow with the store. Default 200.
   */
  maxFuzzyBucket?: number;
  /**
   * Candidates taken from one exact key (the same phone, the same e-mail) at most; every one of them is a
   * true match of that rule, so a cap only shortens the list. Default 1000.
   */
  maxExactBucket?: number;
}

/** Options for {@link DuplicateIndex.findMatches}. */
export interface FindMatchesOptions {
  /** Which action to report: a new record (`create`, default) or an edited one (`edit`). */
  mode?: 'create' | 'edit';
  /** Ids never reported (the record itself when it is already indexed, merged records, …). */
  exclude?: Iterable<string>;
  /** At most this many matches, best first. */
  limit?: number;
}

/**
 * An in-memory blocking index over one entity's records for duplicate detection. Each record is
 * normalised once and filed under its rules' blocking keys (inverted lists); a check gathers candidates
 * from the record's own keys and compares only those — never all pairs. Very common keys are capped, so a
 * store where 38% of people are called Nguyễn stays fast.
 *
 * The index holds no storage: the service fills it from the store, keeps it in step with the change feed
 * (`add`, `update`, `remove`), and asks it before a save.
 */
export class DuplicateIndex {
  /** The compiled settings. */
  readonly matcher: DedupMatcher;
  private readonly maxFuzzyBucket: number;
  private readonly maxExactBucket: number;
  private readonly slots: (PreparedRecord | undefined)[] = [];
  private readonly slotKeys: (number[] | undefined)[] = [];
  private readonly slotById = new Map<string, number>();
  private readonly freeSlots: number[] = [];
  // a key shared by one record holds its slot directly; an array only once a second record shares it
  private readonly buckets = new Map<number, number | number[]>();
  private readonly cache = new PreparedValueCache();
  private stamp = new Uint32Array(1024);
  private generation = 0;

  constructor(settings: DedupSettings, options: DuplicateIndexOptions = {}) {
    this.matcher = new DedupMatcher(settings);
    this.maxFuzzyBucket = options.maxFuzzyBucket ?? 200;
    this.maxExactBucket = options.maxExactBucket ?? 1000;
  }

  /** How many records are indexed. */
  get size(): number {
    return this.slotById.size;
  }

  /** Whether a record with this id is indexed. */
  has(id: string): boolean {
    return this.slotById.has(id);
  }

  /** The normalised form of an indexed record. */
  get(id: string): PreparedRecord | undefined {
    const slot = this.slotById.get(id);
    return slot === undefined ? undefined : this.slots[slot];
  }

  /** Normalises a record with this index's settings (to check it several times, or to add it later). */
  prepare(record: DedupRecord): PreparedRecord {
    return prepareRecord(record, this.matcher.usedSettings, this.cache);
  }

  /** Adds a record; a record with the same id is replaced. */
  add(record: DedupRecord | PreparedRecord): void {
    const prepared = 'values' in record ? this.prepare(record) : record;
    if (this.slotById.has(prepared.id)) this.remove(prepared.id);
    const slot = this.freeSlots.pop() ?? this.slots.length;
    const keys = this.keysOf(prepared);
    this.slots[slot] = prepared;
    this.slotKeys[slot] = keys;
    this.slotById.set(prepared.id, slot);
    for (const packed of keys) {
      const key = packed & KEY_MASK;
      const bucket = this.buckets.get(key);
      if (bucket === undefined) this.buckets.set(key, slot);
      else if (typeof bucket === 'number') this.buckets.set(key, [bucket, slot]);
      else bucket.push(slot);
    }
  }

  /** Replaces an indexed record after an edit (adds it when absent). */
  update(record: DedupRecord | PreparedRecord): void {
    this.add(record);
  }

  /** Removes a record; returns false when it was not indexed. */
  remove(id: string): boolean {
    const slot = this.slotById.get(id);
    if (slot === undefined) return false;
    for (const packed of this.slotKeys[slot] ?? []) {
      const key = packed & KEY_MASK;
      const bucket = this.buckets.get(key);
      if (bucket === undefined) continue;
      if (typeof bucket === 'number') {
        if (bucket === slot) this.buckets.delete(key);
        continue;
      }
      const at = bucket.indexOf(slot);
      if (at >= 0) {
        bucket[at] = bucket[bucket.length - 1]!;
        bucket.pop();
      }
      if (bucket.length === 1) this.buckets.set(key, bucket[0]!);
      else if (bucket.length === 0) this.buckets.delete(key);
    }
    this.slots[slot] = undefined;
    this.slotKeys[slot] = undefined;
    this.slotById.delete(id);
    this.freeSlots.push(slot);
    return true;
  }

  /** Empties the index. */
  clear(): void {
    this.slots.length = 0;
    this.slotKeys.length = 0;
    this.slotById.clear();
    this.freeSlots.length = 0;
    this.buckets.clear();
  }

  /**
   * Indexed records that duplicate `record` under any rule, best first, each naming the rules and fields
   * that matched with their scores. The record itself (same id) is never reported.
   */
  findMatches(record: DedupRecord | PreparedRecord, options: FindMatchesOptions = {}): DuplicateMatch[] {
    const prepared = 'values' in record ? this.prepare(record) : record;
    const mode = options.mode ?? 'create';
    const exclude = options.exclude === undefined ? null : new Set(options.exclude);
    const matches: DuplicateMatch[] = [];
    for (const slot of this.candidateSlots(prepared)) {
      const other = this.slots[slot]!;
      if (other.id === prepared.id || exclude?.has(other.id)) continue;
      const match = this.matcher.compare(prepared, other, mode);
      if (match !== null) matches.push(match);
    }
    matches.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return options.limit === undefined ? matches : matches.slice(0, options.limit);
  }

  /**
   * Slots of indexed records that match `record` (no explanation). A slot is the record's position of
   * insertion while nothing was removed — what a scan, which only adds, uses instead of ids.
   */
  matchingSlots(record: PreparedRecord): number[] {
    const out: number[] = [];
    for (const slot of this.candidateSlots(record)) {
      const other = this.slots[slot]!;
      if (other.id !== record.id && this.matcher.matches(record, other)) out.push(slot);
    }
    return out;
  }

  /** Ids of indexed records that match `record` (no explanation): the scan's fast path. */
  matchingIds(record: PreparedRecord): string[] {
    const out: string[] = [];
    for (const slot of this.candidateSlots(record)) {
      const other = this.slots[slot]!;
      if (other.id !== record.id && this.matcher.matches(record, other)) out.push(other.id);
    }
    return out;
  }

  /** Blocking keys (cached on the record): a check followed by an add computes them once. */
  private keysOf(record: PreparedRecord): number[] {
    return this.matcher.packedKeys(record);
  }

  private candidateSlots(record: PreparedRecord): number[] {
    if (this.stamp.length < this.slots.length) {
      const grown = new Uint32Array(Math.max(this.slots.length * 2, 1024));
      grown.set(this.stamp);
      this.stamp = grown;
    }
    this.generation = (this.generation + 1) >>> 0;
    if (this.generation === 0) {
      this.stamp.fill(0);
      this.generation = 1;
    }
    const generation = this.generation;
    const stamp = this.stamp;
    const out: number[] = [];
    for (const packed of this.keysOf(record)) {
      const exact = packed > KEY_MASK;
      const bucket = this.buckets.get(packed & KEY_MASK);
      if (bucket === undefined) continue;
      if (typeof bucket === 'number') {
        if (stamp[bucket] !== generation) {
          stamp[bucket] = generation;
          out.push(bucket);
        }
        continue;
      }
      if (!exact && bucket.length > this.maxFuzzyBucket) continue;
      const end = exact ? Math.min(bucket.length, this.maxExactBucket) : bucket.length;
      for (let i = 0; i < end; i++) {
        const slot = bucket[i]!;
        if (stamp[slot] !== generation) {
          stamp[slot] = generation;
          out.push(slot);
        }
      }
    }
    return out;
  }
}
