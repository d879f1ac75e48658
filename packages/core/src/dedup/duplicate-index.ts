import { requirePositiveWhole } from '../schema/validate.js';
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
  // Blocking keys → buckets, in a flat open-addressing table of 30-bit keys (no Map, no boxing): a key
  // shared by one record holds its slot directly (≥ 0); once a second record shares it, `-(list + 1)` points
  // into `lists`. A key whose records were all removed keeps its cell with EMPTY (keys are never deleted,
  // so probing stays simple; `clear` starts over).
  // Cell i is `table[2i]` (its key, −1 when free) and `table[2i + 1]` (its bucket): a key and its bucket
  // share a cache line, so a probe into a table of millions of cells misses the cache once, not twice.
  private table = emptyTable(1024);
  private tableSize = 0;
  private readonly lists: number[][] = [];
  private readonly freeLists: number[] = [];
  private scratch: number[] = [];
  private readonly cache = new PreparedValueCache();
  private stamp = new Uint32Array(1024);
  private generation = 0;

  constructor(settings: DedupSettings, options: DuplicateIndexOptions = {}) {
    this.matcher = new DedupMatcher(settings);
    // NaN would compare false and switch a cap off: a common name then makes each check compare thousands
    this.maxFuzzyBucket = requirePositiveWhole(options.maxFuzzyBucket ?? 200, 'maxFuzzyBucket', 'duplicates');
    this.maxExactBucket = requirePositiveWhole(options.maxExactBucket ?? 1000, 'maxExactBucket', 'duplicates');
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
    for (let k = 0; k < keys.length; k++) {
      const at = this.cellFor(keys[k]! & KEY_MASK) + 1;
      const bucket = this.table[at]!;
      if (bucket === EMPTY) this.table[at] = slot;
      else if (bucket >= 0) this.table[at] = -(this.newList(bucket, slot) + 1);
      else this.lists[-bucket - 1]!.push(slot);
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
      const cell = this.findCell(packed & KEY_MASK);
      if (cell < 0) continue;
      const value = this.table[cell + 1]!;
      if (value === EMPTY) continue;
      if (value >= 0) {
        if (value === slot) this.table[cell + 1] = EMPTY;
        continue;
      }
      const bucket = this.lists[-value - 1]!;
      const at = bucket.indexOf(slot);
      if (at >= 0) {
        bucket[at] = bucket[bucket.length - 1]!;
        bucket.pop();
      }
      if (bucket.length <= 1) {
        this.table[cell + 1] = bucket.length === 1 ? bucket[0]! : EMPTY;
        bucket.length = 0;
        this.freeLists.push(-value - 1);
      }
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
    this.table = emptyTable(1024);
    this.tableSize = 0;
    this.lists.length = 0;
    this.freeLists.length = 0;
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
    const count = this.candidateSlots(prepared);
    const candidates = this.scratch; // comparing never re-enters the index
    for (let c = 0; c < count; c++) {
      const other = this.slots[candidates[c]!]!;
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
    const count = this.candidateSlots(record);
    const candidates = this.scratch;
    for (let c = 0; c < count; c++) {
      const slot = candidates[c]!;
      const other = this.slots[slot]!;
      if (other.id !== record.id && this.matcher.matches(record, other)) out.push(slot);
    }
    return out;
  }

  /** Ids of indexed records that match `record` (no explanation): the scan's fast path. */
  matchingIds(record: PreparedRecord): string[] {
    const out: string[] = [];
    const count = this.candidateSlots(record);
    const candidates = this.scratch;
    for (let c = 0; c < count; c++) {
      const other = this.slots[candidates[c]!]!;
      if (other.id !== record.id && this.matcher.matches(record, other)) out.push(other.id);
    }
    return out;
  }

  /** Whether any indexed record (other than `record` itself) matches it: a match-or-not check, nothing built. */
  hasMatch(record: PreparedRecord): boolean {
    const count = this.candidateSlots(record);
    const candidates = this.scratch;
    for (let c = 0; c < count; c++) {
      const other = this.slots[candidates[c]!]!;
      if (other.id !== record.id && this.matcher.matches(record, other)) return true;
    }
    return false;
  }

  /** Blocking keys (cached on the record): a check followed by an add computes them once. */
  private keysOf(record: PreparedRecord): number[] {
    return this.matcher.packedKeys(record);
  }

  /** Fills `scratch` with the candidate slots of `record` (each once, in key order) and returns how many. */
  private candidateSlots(record: PreparedRecord): number {
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
    const out = this.scratch;
    let count = 0;
    const keys = this.keysOf(record);
    for (let k = 0; k < keys.length; k++) {
      const packed = keys[k]!;
      const exact = packed > KEY_MASK;
      const cell = this.findCell(packed & KEY_MASK);
      if (cell < 0) continue;
      const value = this.table[cell + 1]!;
      if (value === EMPTY) continue;
      if (value >= 0) {
        if (stamp[value] !== generation) {
          stamp[value] = generation;
          out[count++] = value;
        }
        continue;
      }
      const bucket = this.lists[-value - 1]!;
      if (!exact && bucket.length > this.maxFuzzyBucket) continue;
      const end = exact ? Math.min(bucket.length, this.maxExactBucket) : bucket.length;
      for (let i = 0; i < end; i++) {
        const slot = bucket[i]!;
        if (stamp[slot] !== generation) {
          stamp[slot] = generation;
          out[count++] = slot;
        }
      }
    }
    return count;
  }

  /** Linear probing: the position of the cell holding `key` (its key's index in `table`), or of the free cell where it would go. */
  private probe(key: number): number {
    const table = this.table;
    const mask = table.length - 2; // cells are pairs: positions are even, and wrap within the table
    let at = (spread(key) << 1) & mask;
    while (table[at] !== key && table[at] !== -1) at = (at + 2) & mask;
    return at;
  }

  /** The position of the cell holding `key`, or −1. */
  private findCell(key: number): number {
    const at = this.probe(key);
    return this.table[at] === key ? at : -1;
  }

  /** The position of the cell for `key`, claimed (bucket EMPTY) when the key is new. */
  private cellFor(key: number): number {
    if ((this.tableSize + 1) * 4 > this.table.length) this.growTable();
    const at = this.probe(key);
    if (this.table[at] === -1) {
      this.table[at] = key;
      this.table[at + 1] = EMPTY;
      this.tableSize++;
    }
    return at;
  }

  private growTable(): void {
    const old = this.table;
    const table = emptyTable(old.length); // twice the cells: `old.length` holds `old.length / 2` of them
    const mask = table.length - 2;
    for (let i = 0; i < old.length; i += 2) {
      const key = old[i]!;
      if (key === -1) continue;
      let at = (spread(key) << 1) & mask;
      while (table[at] !== -1) at = (at + 2) & mask;
      table[at] = key;
      table[at + 1] = old[i + 1]!;
    }
    this.table = table;
  }

  private newList(first: number, second: number): number {
    const reused = this.freeLists.pop();
    if (reused !== undefined) {
      const list = this.lists[reused]!;
      list.push(first, second);
      return reused;
    }
    this.lists.push([first, second]);
    return this.lists.length - 1;
  }
}

/** A table of `cells` free cells: keys −1, buckets EMPTY. */
function emptyTable(cells: number): Int32Array {
  const table = new Int32Array(cells * 2).fill(-1);
  for (let i = 1; i < table.length; i += 2) table[i] = EMPTY;
  return table;
}

/** A bucket cell that holds no record. */
const EMPTY = -0x80000000;

/** Spreads a key's bits over the table's low bits (keys are hashes already; this guards against patterns). */
function spread(key: number): number {
  const h = Math.imul(key, 0x9e3779b1);
  return h ^ (h >>> 16);
}
