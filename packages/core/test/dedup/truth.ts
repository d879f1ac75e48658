import { readFileSync } from 'node:fs';
import Papa from 'papaparse';

/** Reads a CSV fixture (trimmed headers and values) from test/fixtures. */
export function readFixture(name: string): Record<string, string>[] {
  const text = readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true, transformHeader: (h) => h.trim(), transform: (v) => v.trim() }).data;
}

/** Pairwise precision, recall and F1 of predicted clusters against the truth (id → entity). */
export function pairwiseQuality(clusters: readonly { ids: readonly string[] }[], truthOf: (id: string) => string, allIds: readonly string[]): { precision: number; recall: number; f1: number } {
  let tp = 0;
  let fp = 0;
  for (const { ids } of clusters) {
    for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) truthOf(ids[i]!) === truthOf(ids[j]!) ? tp++ : fp++;
  }
  const sizes = new Map<string, number>();
  for (const id of allIds) sizes.set(truthOf(id), (sizes.get(truthOf(id)) ?? 0) + 1);
  let truePairs = 0;
  for (const n of sizes.values()) truePairs += (n * (n - 1)) / 2;
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = truePairs === 0 ? 1 : tp / truePairs;
  return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
}
