// Shared by every benchmark: the machine line and the JSON result file `scripts/bench.mjs` turns into
// docs/benchmarks.md. Each benchmark runs our code and a named peer in one process and reports the ratio.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

/** One row of a benchmark's table. */
export interface BenchRow {
  metric: string;
  ours: number;
  peer: number | null;
  peerName: string;
  unit: string;
  /** ours / peer, oriented so that > 1 means we are better (say which in `metric`). */
  ratio: number | null;
  target: string;
  pass: boolean;
}

/** A benchmark's result file. */
export interface BenchResult {
  name: string;
  machine: string;
  rows: BenchRow[];
}

/** A one-line description of this machine. */
export function describeMachine(): string {
  const cpu = cpus();
  return `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}`;
}

/** Writes `.bench-results/<name>.json` and prints the table. */
export function writeBenchResult(name: string, rows: BenchRow[], machine = describeMachine()): BenchResult {
  const result: BenchResult = { name, machine, rows };
  mkdirSync('.bench-results', { recursive: true });
  writeFileSync(`.bench-results/${name}.json`, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\n${name} — ${machine}`);
  console.table(rows.map((row) => ({ ...row, ours: round(row.ours), peer: row.peer === null ? '—' : round(row.peer), ratio: row.ratio === null ? '—' : round(row.ratio) })));
  return result;
}

function round(value: number): number {
  return Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 100) / 100;
}

/** The p-th percentile (0–100) of a list of numbers. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}
