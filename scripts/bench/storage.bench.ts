// Issue 2's storage benchmark, in real Chromium: our adapters through the facade (validation on) side by
// side with raw Dexie on the same 100k contacts. Targets: the Dexie adapter keeps ≥ 0.8× raw Dexie's write
// throughput and ≥ 0.8× its query speed.
import { runInChromium } from './browser-runner.js';
import { describeMachine, writeBenchResult, type BenchRow } from './report.js';

interface Figures {
  writeMs: number;
  queryMs: number;
  found: number;
}
interface PageResult {
  total: number;
  adapters: (Figures & { label: string; raw: Figures })[];
  userAgent: string;
}

const result = await runInChromium<PageResult>('scripts/bench/storage.page.ts');
const rows: BenchRow[] = [];
for (const adapter of result.adapters) {
  const rawWrite = result.total / (adapter.raw.writeMs / 1000);
  const rawQuery = 1000 / adapter.raw.queryMs;
  const write = result.total / (adapter.writeMs / 1000);
  const query = 1000 / adapter.queryMs;
  const gated = adapter.label === 'dexie';
  rows.push({
    metric: `${adapter.label}: write 100k contacts in 1k batches (validated)`,
    ours: write,
    peer: rawWrite,
    peerName: 'dexie bulkPut',
    unit: 'records/s',
    ratio: write / rawWrite,
    target: gated ? '≥ 0.8×' : 'reported',
    pass: gated ? write / rawWrite >= 0.8 : true,
  });
  rows.push({
    metric: `${adapter.label}: indexed range query returning ${adapter.found} records`,
    ours: query,
    peer: rawQuery,
    peerName: `dexie where().between() (${adapter.raw.found})`,
    unit: 'queries/s',
    ratio: query / rawQuery,
    target: gated ? '≥ 0.8×' : 'reported',
    pass: gated ? query / rawQuery >= 0.8 : true,
  });
}
const browser = /Chrome\/[\d.]+/.exec(result.userAgent)?.[0] ?? 'Chromium';
writeBenchResult('storage', rows, `${describeMachine()}, ${browser}`);
