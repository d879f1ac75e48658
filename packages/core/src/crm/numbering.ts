import type { StoredRecord } from '../storage/contract.js';
import type { CrmContext } from './context.js';
import type { Sequence } from './sequence.js';
import type { WriteSet } from './write-set.js';

/** Default formats of crmkit's document sequences (a host may store its own `sequence` records first). */
export const DEFAULT_SEQUENCES: Readonly<Record<string, { prefix: string; padding: number }>> = {
  quote: { prefix: 'BG-', padding: 5 },
  order: { prefix: 'DH-', padding: 5 },
  contract: { prefix: 'HD-', padding: 5 },
};

/**
 * Takes the next number of a document sequence inside `writes`: the sequence record (id = its name) is
 * bumped in the same commit as the document, so two concurrent documents cannot share a number — the
 * second commit fails with a conflict on the sequence and the caller retries.
 */
export async function takeNextNumber(context: CrmContext, writes: WriteSet, name: string): Promise<string> {
  const [stored] = (await context.storage.get('sequence', [name])) as (StoredRecord<Sequence> | undefined)[];
  const defaults = DEFAULT_SEQUENCES[name] ?? { prefix: `${name.toUpperCase()}-`, padding: 5 };
  const current: Sequence = stored ?? { name, prefix: defaults.prefix, padding: defaults.padding, next: 1 };
  const number = `${current.prefix}${String(current.next).padStart(current.padding, '0')}`;
  // the number is part of the document the actor may create, so a salesperson's quote bumps the (configuration) sequence
  if (stored) writes.update('sequence', stored, { next: current.next + 1 }, { bookkeeping: true });
  else writes.create('sequence', { ...current, next: current.next + 1 }, { id: name, bookkeeping: true });
  return number;
}
