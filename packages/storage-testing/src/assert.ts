/**
 * Small assertions with no dependencies, so the suite runs unchanged under node:test, mocha in a browser, or
 * any runner an integrator uses.
 */

/** Thrown when a conformance check fails. */
export class ConformanceFailure extends Error {
  override name = 'ConformanceFailure';
}

function show(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/** Structural equality of plain JSON values (key order ignored, array order kept). */
export function deepEqualJson(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => deepEqualJson(item, b[i]));
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqualJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Fails unless `actual` deep-equals `expected`. */
export function assertDeepEqual(actual: unknown, expected: unknown, what: string): void {
  if (!deepEqualJson(actual, expected)) throw new ConformanceFailure(`${what}: expected ${show(expected)}, got ${show(actual)}`);
}

/** Fails unless `actual === expected`. */
export function assertEqual(actual: unknown, expected: unknown, what: string): void {
  if (!Object.is(actual, expected)) throw new ConformanceFailure(`${what}: expected ${show(expected)}, got ${show(actual)}`);
}

/** Fails unless `condition` holds. */
export function assertTrue(condition: unknown, what: string): void {
  if (!condition) throw new ConformanceFailure(what);
}

/** Awaits `promise`, fails unless it rejects; returns the rejection for further checks. */
export async function assertRejects(promise: Promise<unknown>, what: string): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new ConformanceFailure(`${what}: expected a rejection, but it resolved`);
}
