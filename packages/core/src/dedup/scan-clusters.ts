import type { DedupRecord } from './dedup-record.js';
import { DuplicateIndex, type DuplicateIndexOptions } from './duplicate-index.js';
import type { DedupSettings } from './rules.js';
import { UnionFind } from './union-find.js';
import { CrmValidationError } from '../errors.js';

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
 * one cluster {A, B, C}.
 */
export function scanClusters(records: Iterable<DedupRecord>, settings: DedupSettings, options: ScanClustersOptions = {}): ScanClustersResult {
  const list = Array.isArray(records) ? (records as DedupRecord[]) : [...records];
  const index = new DuplicateIndex(settings, options);
  const position = new Map<string, number>();
  const uf = new UnionFind(list.length);
  const links: { a: number; b: number; ruleIds: string[]; score: number }[] = [];
  const every = options.progressEvery ?? 10_000;
  let pairs = 0;
  for (let i = 0; i < list.length; i++) {
    const prepared = index.prepare(list[i]!);
    if (options.explain) {
      for (const match of index.findMatches(prepared)) {
        const j = position.get(match.id)!;
        uf.union(i, j);
        links.push({ a: j, b: i, ruleIds: match.rules.map((r) => r.ruleId), score: match.score });
        pairs++;
      }
    } else {
      // the scan only adds, so an indexed record's slot is its position in the list
      for (const slot of index.matchingSlots(prepared)) {
        uf.union(i, slot);
        pairs++;
      }
    }
    if (options.explain) position.set(prepared.id, i);
    if (index.has(prepared.id)) throw new CrmValidationError([{ path: `${i}.id`, message: `repeats the id of an earlier record (${prepared.id})`, code: 'duplicate_id' }], 'scan');
    index.add(prepared);
    if (options.onProgress && (i + 1) % every === 0) options.onProgress(i + 1, list.length);
  }
  const byRoot = new Map<number, number[]>();
  for (let i = 0; i < list.length; i++) {
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
    for (const link of links) clusterOf.get(uf.find(link.a))!.links!.push({ a: list[link.a]!.id, b: list[link.b]!.id, ruleIds: link.ruleIds, score: link.score });
  }
  return { clusters, pairs, records: list.length };
}
