import { yieldToEventLoop } from './yield-to-event-loop.js';

/**
 * Options of long jobs that run on the caller's thread (planning an import, scanning for duplicates): they
 * work in slices and give the event loop back between them, so a page stays responsive.
 */
export interface SliceOptions {
  /**
   * How long a slice runs before the event loop gets a turn, in ms (default {@link SLICE_MS}); `Infinity`
   * runs in one go (in a worker, or a server with nothing else to do).
   */
  sliceMs?: number;
  /** Stops the job between slices: the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** How to give the event loop back; defaults to `scheduler.yield()` where the browser has it, else a macrotask. */
  yieldToEventLoop?: () => Promise<void>;
}

/** The default slice: well under the 50 ms at which a browser counts a task as long. */
export const SLICE_MS = 25;

/**
 * Items of work (rows, records) done between two looks at the clock: few enough that a slice of slow items
 * still ends near `sliceMs`, enough that reading the clock costs nothing.
 */
export const STEPS_PER_CLOCK_CHECK = 64;

/**
 * Calls `step` (a small batch of work that returns true once the job is done) until done, in slices of
 * `sliceMs`: at least one step per slice, then `afterSlice`, then the event loop's turn. Aborting rejects
 * with the signal's reason before the next slice.
 */
export async function runInSlices(step: () => boolean, options: SliceOptions = {}, afterSlice?: () => void): Promise<void> {
  const sliceMs = options.sliceMs ?? SLICE_MS;
  const yieldNow = options.yieldToEventLoop ?? yieldToEventLoop;
  for (;;) {
    options.signal?.throwIfAborted();
    const started = performance.now();
    let done: boolean;
    do done = step();
    while (!done && performance.now() - started < sliceMs);
    afterSlice?.();
    if (done) break;
    await yieldNow();
  }
  options.signal?.throwIfAborted();
}

/**
 * Calls `each` for every item, in order, {@link runInSlices}-style: `batch` items between two looks at the
 * clock. What filing a store's records into an index, or projecting them, needs.
 */
export async function forEachInSlices<T>(items: readonly T[], each: (item: T) => void, options: SliceOptions = {}, batch = STEPS_PER_CLOCK_CHECK): Promise<void> {
  let next = 0;
  await runInSlices(() => {
    const end = Math.min(items.length, next + batch);
    for (; next < end; next++) each(items[next]!);
    return next >= items.length;
  }, options);
}
