export { runInSlices, forEachInSlices, SLICE_MS, type SliceOptions } from './run-in-slices.js';
export { yieldToEventLoop } from './yield-to-event-loop.js';
