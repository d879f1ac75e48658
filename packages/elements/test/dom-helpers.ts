// What every element test reads and waits with: visible text, a condition polled until it holds, and axe.
// axe-core is a UMD script: imported for its side effect, it sets `window.axe`.
import 'axe-core';

/** The text of a node as a user reads it: whitespace runs collapsed, ends trimmed. */
export const text = (node: Element | null | undefined): string => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Polls `condition` every 20 ms; fails naming `what` after `timeoutMs`. */
export async function until(condition: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const start = performance.now();
  while (!condition()) {
    if (performance.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** axe's violations inside `element`, one line each: rule id and the nodes it found. */
export async function axeViolations(element: Element): Promise<string[]> {
  const axe = (globalThis as unknown as { axe: typeof import('axe-core') }).axe;
  const result = await axe.run(element, { resultTypes: ['violations'] });
  return result.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}
