import { requirePositiveWhole } from '../schema/validate.js';
import type { ImportPlan, PlannedRow } from './plan-import.js';
import { yieldToEventLoop } from '../scheduling/yield-to-event-loop.js';

/** What a committed chunk reports back: the id given to each row it created. */
export interface ChunkCommitResult {
  /** Spreadsheet row number → id of the record created (or updated) for it. */
  ids: ReadonlyMap<number, string> | Readonly<Record<number, string>>;
}

/** A chunk handed to the service to commit in one atomic write. */
export interface ImportChunk<T> {
  /** 0-based chunk number. */
  index: number;
  /** The rows to write (create, update, merge); skipped and rejected rows are not included. */
  rows: PlannedRow<T>[];
  /**
   * Ids of records created by earlier chunks, by row number: an `update` or `merge` whose target is an
   * earlier row of the file (`target.row`) resolves it here. A target in the same chunk is one of this
   * chunk's own `create` rows, which come first in `rows` order.
   */
  createdIds: ReadonlyMap<number, string>;
}

/** Progress of an import, after each chunk. */
export interface ImportProgress {
  /** Rows handled so far (written, skipped or rejected). */
  done: number;
  total: number;
  /** Chunks committed so far. */
  chunks: number;
  written: number;
  skipped: number;
  rejected: number;
}

/** Options for {@link runImport}. */
export interface RunImportOptions<T> {
  /**
   * Commits one chunk atomically (the service's job: one storage commit, all or nothing, audited). If it
   * throws, the import stops there: earlier chunks stay committed, this one left nothing behind.
   */
  commitChunk: (chunk: ImportChunk<T>) => Promise<ChunkCommitResult | void>;
  /** Rows per chunk (default 500): small enough to keep a commit and a UI frame short. */
  chunkSize?: number;
  /** Called after each chunk. */
  onProgress?: (progress: ImportProgress) => void;
  /** Stops before the next chunk when aborted; the result says how far it got. */
  signal?: AbortSignal;
  /**
   * Hands control back to the event loop between chunks so a browser stays responsive; defaults to
   * `scheduler.yield()` where available, else a macrotask.
   */
  yieldToEventLoop?: () => Promise<void>;
}

/** How an import ended. */
export interface ImportRunResult extends ImportProgress {
  /** `done`, `aborted` (by the signal) or `failed` (a chunk's commit threw). */
  outcome: 'done' | 'aborted' | 'failed';
  /** The error a failed chunk threw. */
  error?: unknown;
  /** Row numbers of the chunk that failed (nothing of it was written). */
  failedRows?: number[];
  /** Ids of every record created, by row number. */
  createdIds: ReadonlyMap<number, string>;
}

/**
 * Drives a planned import: writes the rows to act on in chunks through the service's `commitChunk`
 * (each chunk atomic), yields to the event loop between chunks, reports progress, and stops cleanly on
 * abort or on a failed chunk.
 */
export async function runImport<T>(plan: ImportPlan<T>, options: RunImportOptions<T>): Promise<ImportRunResult> {
  // a fractional size would commit rows twice (slices at 1.5, 3, …), NaN none at all
  const chunkSize = requirePositiveWhole(options.chunkSize ?? 500, 'chunkSize', 'import');
  const yieldNow = options.yieldToEventLoop ?? yieldToEventLoop;
  const createdIds = new Map<number, string>();
  const progress: ImportProgress = { done: 0, total: plan.rows.length, chunks: 0, written: 0, skipped: 0, rejected: 0 };
  let cursor = 0;
  while (cursor < plan.rows.length) {
    if (options.signal?.aborted) return { ...progress, outcome: 'aborted', createdIds };
    const slice = plan.rows.slice(cursor, cursor + chunkSize);
    const toWrite = slice.filter((row) => row.action === 'create' || row.action === 'update' || row.action === 'merge');
    if (toWrite.length > 0) {
      try {
        const result = await options.commitChunk({ index: progress.chunks, rows: toWrite, createdIds });
        if (result) {
          const ids = result.ids instanceof Map ? result.ids : new Map(Object.entries(result.ids).map(([row, id]) => [Number(row), id] as const));
          for (const [row, id] of ids) createdIds.set(row, id);
        }
      } catch (error) {
        return { ...progress, outcome: 'failed', error, failedRows: toWrite.map((row) => row.row), createdIds };
      }
    }
    for (const row of slice) {
      if (row.action === 'skip') progress.skipped++;
      else if (row.action === 'reject') progress.rejected++;
      else progress.written++;
    }
    progress.done += slice.length;
    progress.chunks++;
    cursor += chunkSize;
    options.onProgress?.({ ...progress });
    if (cursor < plan.rows.length) await yieldNow();
  }
  return { ...progress, outcome: 'done', createdIds };
}
