// Issue 4's import in a browser: a 100,000-row contact CSV imported through `crm.imports.run` on Chromium's main
// thread must not block it for long ("chunked commits so 100k rows neither block a browser's main thread for
// long nor leave half a chunk written"). Reported: the longest task (the browser's long-task timing) and how
// many tasks passed 50 ms, for the memory store and IndexedDB (Dexie adapter), against papaparse parsing the
// same file in one synchronous call, and the same import with slicing turned off. The page module is
// import.page.ts.
import { runInChromium } from './browser-runner.js';
import { describeMachine, writeBenchResult } from './report.js';
import type { ImportBenchResult } from './import.page.js';

const result = await runInChromium<ImportBenchResult>('scripts/bench/import.page.ts');
const peerName = 'papaparse parse alone (one synchronous call)';
console.log(`${result.rows} rows, ${result.megabytes.toFixed(1)} MB; papaparse parsed ${result.peer.rows} rows in one task of ${result.peer.longestTaskMs.toFixed(0)} ms`);
const rows = [];
for (const [store, side] of [['memory store', result.memory], ['IndexedDB (Dexie adapter)', result.dexie]] as const) {
  console.log(`${store}: ${side.written} written (${side.summary.new} new, ${side.summary.duplicates} duplicates, ${side.summary.invalid} invalid) in ${(side.totalMs / 1000).toFixed(1)} s; ${side.longTasks} long tasks, the longest ${side.longestTaskMs.toFixed(0)} ms`);
  rows.push(
    {
      metric: `import 100k CSV rows in Chromium, ${store}: longest main-thread task (${side.longTasks} tasks over 50 ms; lower is better)`,
      ours: side.longestTaskMs,
      peer: result.peer.longestTaskMs,
      peerName,
      unit: 'ms',
      ratio: result.peer.longestTaskMs / side.longestTaskMs,
      // the issue sets no figure ("not block a browser's main thread for long"): reported, not judged. The
      // longest tasks left are garbage-collector pauses (one Mark-Compact of ~100 ms with --trace-gc).
      target: 'reported (issue: not for long)',
      pass: true,
    },
    {
      metric: `import 100k CSV rows in Chromium, ${store}: whole import, dry run and ${side.written} records written`,
      ours: side.totalMs,
      peer: null,
      peerName: '—',
      unit: 'ms',
      ratio: null,
      target: 'reported',
      pass: true,
    },
  );
}
const unsliced = result.unsliced;
console.log(`memory store, parsed and planned in one go: ${unsliced.longTasks} long tasks, the longest ${unsliced.longestTaskMs.toFixed(0)} ms`);
rows.push({
  metric: 'the same on the memory store with parsing and planning in one go (sliceMs: Infinity): longest main-thread task',
  ours: unsliced.longestTaskMs,
  peer: result.peer.longestTaskMs,
  peerName,
  unit: 'ms',
  ratio: result.peer.longestTaskMs / unsliced.longestTaskMs,
  target: 'reported (what the slices buy)',
  pass: true,
});
const { xlsx } = result;
console.log(
  `.xlsx (${xlsx.megabytes.toFixed(1)} MB): read-excel-file ${xlsx.peer.rows} rows in ${xlsx.peer.totalMs.toFixed(0)} ms, longest task ${xlsx.peer.longestTaskMs.toFixed(0)} ms; ` +
    `parseXlsx ${xlsx.ours.rows} rows in ${xlsx.ours.totalMs.toFixed(0)} ms, longest task ${xlsx.ours.longestTaskMs.toFixed(0)} ms; whole import ${(xlsx.memory.totalMs / 1000).toFixed(1)} s, longest task ${xlsx.memory.longestTaskMs.toFixed(0)} ms`,
);
const xlsxPeer = 'read-excel-file/browser readSheet';
rows.push(
  {
    metric: `read a 100k-row .xlsx in Chromium: longest main-thread task (${xlsx.ours.longTasks} tasks over 50 ms; lower is better)`,
    ours: xlsx.ours.longestTaskMs,
    peer: xlsx.peer.longestTaskMs,
    peerName: xlsxPeer,
    unit: 'ms',
    ratio: xlsx.peer.longestTaskMs / Math.max(1, xlsx.ours.longestTaskMs),
    target: 'reported (issue: not for long)',
    pass: true,
  },
  {
    metric: 'read a 100k-row .xlsx in Chromium: whole read (> 1 = ours faster)',
    ours: xlsx.ours.totalMs,
    peer: xlsx.peer.totalMs,
    peerName: xlsxPeer,
    unit: 'ms',
    ratio: xlsx.peer.totalMs / xlsx.ours.totalMs,
    target: 'reported',
    pass: true,
  },
  {
    metric: `import the 100k-row .xlsx in Chromium, memory store: longest main-thread task (${xlsx.memory.longTasks} tasks over 50 ms)`,
    ours: xlsx.memory.longestTaskMs,
    peer: xlsx.peer.longestTaskMs,
    peerName: xlsxPeer,
    unit: 'ms',
    ratio: xlsx.peer.longestTaskMs / Math.max(1, xlsx.memory.longestTaskMs),
    target: 'reported (issue: not for long)',
    pass: true,
  },
);
const browser = /Chrome\/[\d.]+/.exec(result.userAgent)?.[0] ?? 'Chromium';
writeBenchResult('import', rows, `${describeMachine()}, ${browser}`);
