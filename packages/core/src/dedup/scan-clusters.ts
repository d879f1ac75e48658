import type { DedupRecord } from './dedup-record.js';
import { DuplicateIndex, type DuplicateIndexOptions } from './duplicate-index.js';
import type { DedupSettings } from './rules.js';
import { UnionFind } from './union-find.js';
import { CrmValidationError } from '../errors.js';
import { requirePositiveWhole } from '../schema/validate.js';

/** A group of records found to be one person (or one company). */
export interface DuplicateCluster {
  /** Ids of the records, in input order; at least two. */
  ids: string[];
  /** Pairs that joined the cluster, with the rules that matched (only with `explain: true`). */
  links?: { a: string; b: string; ruleIds: string[]; score: number }[];
}

/** Options for {@link scanClusters}. */
export interface ScanClustersOptions extends DuplicateIndexOptions {
  /** Keep, per cluster, the matched pairs and the rules that matched them (costs memory on big scans). */
  explain?: boolean;
  /** Called every `progressEvery` records with how many are done. */
  onProgress?: (done: number, total: number) => void;
  /** Default 10,000. */
  progressEvery?: number;
}

/** The result of a scan. */
export interface ScanClustersResult {
  clusters: DuplicateCluster[];
  /** Matched pairs found (before transitive closure). */
  pairs: number;
  /** Records scanned. */
  records: number;
}

/**
 * Scans a whole entity into duplicate clusters: each record is compared with the records before it that
 * share a blocking key (never all pairs), and matched pairs are joined with union-find, so A≈B and B≈C make
 * one cluster {A, B, C}. Runs to the end in one go; a {@link ClusterScanner} scans the same records a slice
 * at a time.
 */
export function scanClusters(records: Iterable<DedupRecord>, settings: DedupSettings, options: ScanClustersOptions = {}): ScanClustersResult {
  const scanner = new ClusterScanner(records, settings, options);
  scanner.scanNext(scanner.total);
  return scanner.result();
}

/**
 * {@link scanClusters} a slice of records at a time: `scanNext(n)` files the next `n` records, so a caller
 * can give the event loop back between slices (a 100k scan takes a second or more). Records are scanned in
 * order, so the clusters are the same however the slices are cut.
 */
export class ClusterScanner {
  private readonly list: readonly DedupRecord[];
  private readonly index: DuplicateIndex;
  private readonly position = new Map<string, number>();
  private readonly uf: UnionFind;
  private readonly links: { a: number; b: number; ruleIds: string[]; score: number }[] = [];
  private pairs = 0;
  private next = 0;

  constructor(
    records: Iterable<DedupRecord>,
    settings: DedupSettings,
    private readonly options: ScanClustersOptions = {},
  ) {
    if (options.progressEvery !== undefined) requirePositiveWhole(options.progressEvery, 'progressEvery', 'scan');
    this.list = Array.isArray(records) ? (records as DedupRecord[]) : [...records];
    this.index = new DuplicateIndex(settings, options);
    this.uf = new UnionFind(this.list.length);
  }

  /** Records to scan. */
  get total(): number {
    return this.list.length;
  }

  /** Records scanned so far. */
  get scanned(): number {
    return this.next;
  }

  /** Whether every record is scanned. */
  get done(): boolean {
    return this.next >= this.list.length;
  }

  /** Scans up to `count` more records; returns how many it scanned. */
  scanNext(count: number): number {
    const { list, index, uf, options } = this;
    const end = Math.min(list.length, this.next + Math.max(0, count));
    const started = this.next;
    for (let i = this.next; i < end; i++) {
      const prepared = index.prepare(list[i]!);
      if (options.explain) {
        for (const match of index.findMatches(prepared)) {
          const j = this.position.get(match.id)!;
          uf.union(i, j);
          this.links.push({ a: j, b: i, ruleIds: match.rules.map((r) => r.ruleId), score: match.score });
          this.pairs++;
        }
      } else {
        // the scan only adds, so an indexed record's slot is its position in the list
        for (const slot of index.matchingSlots(prepared)) {
          uf.union(i, slot);
          this.pairs++;
        }
      }
      if (options.explain) this.position.set(prepared.id, i);
      if (index.has(prepared.id)) throw new CrmValidationError([{ path: `${i}.id`, message: `repeats the id of an earlier record (${prepared.id})`, code: 'duplicate_id' }], 'scan');
      index.add(prepared);
      this.next = i + 1;
      if (options.onProgress && (i + 1) % (options.progressEvery ?? 10_000) === 0) options.onProgress(i + 1, list.length);
    }
    return end - started;
  }

  /** The clusters found so far (all of them once {@link done}). */
  result(): ScanClustersResult {
    const { list, uf, options } = this;
    const byRoot = new Map<number, number[]>();
    for (let i = 0; i < this.next; i++) {
      const root = uf.find(i);
      const members = byRoot.get(root);
      if (members === undefined) byRoot.set(root, [i]);
      else members.push(i);
    }
    const clusters: DuplicateCluster[] = [];
    const clusterOf = new Map<number, DuplicateCluster>();
    for (const [root, members] of byRoot) {
      if (members.length < 2) continue;
      const cluster: DuplicateCluster = { ids: members.map((m) => list[m]!.id) };
      if (options.explain) cluster.links = [];
      clusters.push(cluster);
      clusterOf.set(root, cluster);
    }
    if (options.explain) {
      for (const link of this.links) clusterOf.get(uf.find(link.a))!.links!.push({ a: list[link.a]!.id, b: list[link.b]!.id, ruleIds: link.ruleIds, score: link.score });
    }
    return { clusters, pairs: this.pairs, records: this.next };
  }
}
