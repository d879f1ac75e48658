/**
 * Gives the event loop back for a moment, so a page stays responsive between slices of a long job (planning
 * or committing an import): `scheduler.yield()` where the browser has it (no clamping, the job keeps its
 * place), `setImmediate` in Node, else a zero-delay timer.
 */
export function yieldToEventLoop(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  const setImmediate = (globalThis as { setImmediate?: (callback: () => void) => unknown }).setImmediate;
  if (setImmediate) return new Promise((resolve) => void setImmediate(resolve));
  return new Promise((resolve) => setTimeout(resolve, 0));
}
