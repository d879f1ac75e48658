// Runs in Chromium (see import.bench.ts): a 100,000-row contact CSV imported through `crm.imports` on the page's
// main thread — parsed, validated, checked for duplicates and committed in chunks — while a PerformanceObserver
// records every long task (> 50 ms, the browser's own measure of a page that cannot respond). The peer is
// papaparse parsing the same text in one synchronous call, as a page would without slicing: its one task is
// the peer's longest. Stores: crmkit's memory store, and IndexedDB through the Dexie adapter; and, to show what
// the slices buy, the memory store with parsing and planning in one go (`sliceMs: Infinity`).
//
// The same contacts as an .xlsx workbook: crmkit's own reader (parseXlsx, in slices) against read-excel-file's
// browser entry (which unzips in a Web Worker and parses the XML on the main thread), then a whole import of
// the workbook on the memory store.
import Papa from 'papaparse';
import { readSheet } from 'read-excel-file/browser';
import writeXlsxFile from 'write-excel-file/browser';
import { createCrm, createMemoryAdapter, crmStorageSchema, parseXlsx, type StorageAdapter } from '@crmkit/core';
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
 * Collects the heap (Chromium runs with --expose-gc here), then waits a task: each side starts from a clean
 * heap instead of paying for the garbage of the one before, and the collection's own long task falls
 * outside the watch.
 */
async function settle(): Promise<void> {
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((resolve) => setTimeout(resolve, 50));
}

/**
 * Starts `work` in a task of the page's own (a timer). Code called straight from the harness's evaluate runs
 * inside the DevTools protocol's task, which the long-task timing does not see: work that never gave the
 * event loop back would then look like no long task at all.
 */
function inPageTask<T>(work: () => Promise<T> | T): Promise<T> {
  return new Promise((resolve, reject) => setTimeout(() => Promise.resolve().then(work).then(resolve, reject), 0));
}

async function importWith(storage: StorageAdapter, csv: string | Blob, sliceMs?: number): Promise<Side> {
  const crm = createCrm({ storage, actor: { id: 'u-bench', role: 'admin' } });
  await settle();
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
  xlsx: {
    megabytes: number;
    /** read-excel-file's browser entry reading the workbook: its whole time and its longest task. */
    peer: { totalMs: number; longestTaskMs: number; rows: number };
    /** crmkit's parseXlsx reading the same workbook. */
    ours: { totalMs: number; longestTaskMs: number; longTasks: number; rows: number };
    /** The whole import of the workbook on the memory store. */
    memory: Side;
  };
  userAgent: string;
}

/** How long `work` took on the page, and the long tasks it caused. */
async function watched<T>(work: () => Promise<T>): Promise<{ value: T; totalMs: number; longTasks: number[] }> {
  await settle();
  const watch = watchLongTasks();
  const started = performance.now();
  const value = await inPageTask(work);
  const totalMs = performance.now() - started;
  return { value, totalMs, longTasks: await watch.stop() };
}

export async function run(): Promise<ImportBenchResult> {
  const header = ['Họ và tên', 'Số điện thoại', 'Email', 'Ngày sinh', 'Tỉnh/Thành phố', 'Quận/Huyện', 'Địa chỉ'];
  const cells = [header, ...generateContacts(ROWS, 5).map((r) => [r.full_name, r.phone, r.email, r.birthday, r.province, r.district, r.street])];
  const csv = Papa.unparse(cells);
  // the peer: one synchronous parse of the same text
  await settle();
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
  const workbook = await writeXlsxFile(cells.map((row) => row.map((value) => value ?? ''))).toBlob();
  const peerXlsx = await watched(() => readSheet(workbook));
  const oursXlsx = await watched(() => parseXlsx(workbook));
  const xlsx = {
    megabytes: workbook.size / 1e6,
    peer: { totalMs: peerXlsx.totalMs, longestTaskMs: Math.max(0, ...peerXlsx.longTasks), rows: peerXlsx.value.length - 1 },
    ours: { totalMs: oursXlsx.totalMs, longestTaskMs: Math.max(0, ...oursXlsx.longTasks), longTasks: oursXlsx.longTasks.length, rows: oursXlsx.value.rows.length },
    memory: await importWith(await createMemoryAdapter({ schema: crmStorageSchema }), workbook),
  };
  return { rows: ROWS, megabytes: csv.length / 1e6, peer: { longestTaskMs: Math.max(0, ...peerTasks), rows: parsedRows }, memory, unsliced, dexie, xlsx, userAgent: navigator.userAgent };
}
