import { normalizePhone } from '../dedup/normalize-phone.js';

/** How a lead's note names the numbers its two phone fields have no room for. */
export const OTHER_PHONES_LABEL = 'SĐT khác / Other phones';

/** The numbers a lead (`{ mobile, desk }`) or a raw contact (a list) holds, in order. */
function numbersOf(phones: unknown): string[] {
  if (Array.isArray(phones)) return phones.filter((number): number is string => typeof number === 'string' && number.trim() !== '');
  if (phones !== null && typeof phones === 'object') {
    const { mobile, desk } = phones as { mobile?: unknown; desk?: unknown };
    return [mobile, desk].filter((number): number is string => typeof number === 'string' && number.trim() !== '');
  }
  return [];
}

/**
 * The phone numbers of two versions of a person (an import row and the stored lead or raw contact it updates or
 * merges into), the winning side's first, each number once: `0912 345 678` and `+84 912 345 678` are one
 * number. Nothing is dropped: an update puts the file's number first, a merge keeps the stored one first.
 */
export function unitedPhones(winner: unknown, other: unknown): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const number of [...numbersOf(winner), ...numbersOf(other)]) {
    const key = normalizePhone(number) ?? number.replace(/\s+/g, '');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(number);
  }
  return out;
}

/**
 * Puts united numbers back on a lead: the first two as `mobile` and `desk`, the rest in its note under
 * {@link OTHER_PHONES_LABEL} (once), as an import does for a row with more than two numbers.
 */
export function foldLeadPhones(lead: Record<string, unknown>, numbers: readonly string[]): void {
  const [mobile, desk, ...others] = numbers;
  if (mobile === undefined) return;
  lead['phones'] = desk === undefined ? { mobile } : { mobile, desk };
  const note = typeof lead['note'] === 'string' ? lead['note'] : '';
  const missing = others.filter((number) => !note.includes(number));
  if (missing.length > 0) lead['note'] = noteWithOtherPhones(note, missing);
}

/** A lead's note with `numbers` added on a line of their own under {@link OTHER_PHONES_LABEL}. */
export function noteWithOtherPhones(note: unknown, numbers: readonly string[]): string {
  return [note, `${OTHER_PHONES_LABEL}: ${numbers.join(', ')}`].filter((part) => typeof part === 'string' && part !== '').join('\n');
}
