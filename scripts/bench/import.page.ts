// Runs in Chromium (see import.bench.ts): a 100,000-row contact CSV imported through `crm.imports` on the page's
// main thread — parsed, validated, checked for duplicates and committed in chunks — while a PerformanceObserver
// records every long task (> 50 ms, the browser's own measure of a page that cannot respond). The peer is
// papaparse parsing the same text in one synchronous call, as a page would without slicing: its one task is
// the peer's longest. Stores: crmkit's memory store, and IndexedDB through the Dexie adapter; and, to show what
// the slices buy, the memory store with parsing and planning in one go (`sliceMs: Infinity`).
import Papa from 'papaparse';
import { createCrm, createMemoryAdapter, crmStorageSchema, type StorageAdapter } from '@crmkit/core';
import { createDexieAdapter } from '@crmkit/storage-dexie';
import { Dexie } from 'dexie';
import { generateContacts } from './generate-contacts.js';

const ROWS = 100_000;

/** One side's figures: what import.bench.ts reports. */
export interface Side {
  totalMs: number;
  longestTaskMs: number;
  longTasks: number;
  written: number;
  summary: { new: number; duplicates: number; invalid: number };
}

/** The browser's long-task entries (tasks over 50 ms) while watching: its own measure of a page that cannot respond. */
function watchLongTasks(): { stop: () => Promise<number[]> } {
  const entries: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => entries.push(...list.getEntries()));
  observer.observe({ type: 'longtask', buffered: false });
  return {
    // long-task entries are delivered after the task: wait a little before reading them
    stop: async () => {
      await new Promise((resolve) => setTimeout(resolve, 100));
      entries.push(...observer.takeRecords());
      observer.disconnect();
      return entries.map((entry) => entry.duration);
    },
  };
}

/**
 * Starts `work` in a task of the page's own (a timer). Code called straight from the harness's evaluate runs
 * inside the DevTools protocol's task, which the long-task timing does not see: work that never gave the
 * event loop back would then look like no long task at all.
 */
function inPageTask<T>(work: () => Promise<T> | T): Promise<T> {
  return new Promise((resolve, reject) => setTimeout(() => Promise.resolve().then(work).then(resolve, reject), 0));
}

async function importWith(storage: StorageAdapter, csv: string, sliceMs?: number): Promise<Side> {
  const crm = createCrm({ storage, actor: { id: 'u-bench', role: 'admin' } });
  const watch = watchLongTasks();
  const started = performance.now();
  const report = await inPageTask(() => crm.imports.run(csv, { entity: 'contact', policy: 'skip', ...(sliceMs === undefined ? {} : { sliceMs }) }));
  const totalMs = performance.now() - started;
  const longTasks = await watch.stop();
  if (report.outcome !== 'done') throw new Error(`import ended ${report.outcome}: ${String(report.error)}`);
  return {
    totalMs,
    longestTaskMs: Math.max(0, ...longTasks),
    longTasks: longTasks.length,
    written: report.written,
    summary: { new: report.summary.new, duplicates: report.summary.duplicates, invalid: report.summary.invalid },
  };
}

/** What the page returns to import.bench.ts. */
export interface ImportBenchResult {
  rows: number;
  megabytes: number;
  peer: { longestTaskMs: number; rows: number };
  memory: Side;
  unsliced: Side;
  dexie: Side;
  userAgent: string;
}

export async function run(): Promise<ImportBenchResult> {
  const header = ['Họ và tên', 'Số điện thoại', 'Email', 'Ngày sinh', 'Tỉnh/Thành phố', 'Quận/Huyện', 'Địa chỉ'];
  const csv = Papa.unparse([header, ...generateContacts(ROWS, 5).map((r) => [r.full_name, r.phone, r.email, r.birthday, r.province, r.district, r.street])]);
  // the peer: one synchronous parse of the same text
  const peerWatch = watchLongTasks();
  const parsedRows = await inPageTask(() => Papa.parse<string[]>(csv, { skipEmptyLines: true }).data.length - 1);
  const peerTasks = await peerWatch.stop();
  const memory = await importWith(await createMemoryAdapter({ schema: crmStorageSchema }), csv);
  // the same import with parsing and planning in one go, as a page would do it without slices
  const unsliced = await importWith(await createMemoryAdapter({ schema: crmStorageSchema }), csv, Number.POSITIVE_INFINITY);
  const name = `crmkit-import-bench-${Date.now()}`;
  const dexieStorage = await createDexieAdapter({ name, schema: crmStorageSchema });
  let dexie: Side;
  try {
    dexie = await importWith(dexieStorage, csv);
  } finally {
    await dexieStorage.close();
    await Dexie.delete(name);
  }
  return { rows: ROWS, megabytes: csv.length / 1e6, peer: { longestTaskMs: Math.max(0, ...peerTasks), rows: parsedRows }, memory, unsliced, dexie, userAgent: navigator.userAgent };
}
