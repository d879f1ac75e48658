import assert from 'node:assert/strict';

/**
 * Encodes text as Windows-1258 the way Excel does on Vietnamese Windows: letters the code page has whole
 * (ê, ơ, đ, …) as one byte, tone marks as separate combining bytes.
 */
export function windows1258(text: string): Uint8Array {
  const decoder = new TextDecoder('windows-1258');
  const byteOf = new Map<string, number>();
  for (let byte = 0; byte < 256; byte++) byteOf.set(decoder.decode(new Uint8Array([byte])), byte);
  const out: number[] = [];
  for (const char of text.normalize('NFC')) {
    const whole = byteOf.get(char);
    if (whole !== undefined) {
      out.push(whole);
      continue;
    }
    // a letter with two marks (ệ: e, dot below, circumflex): the code page's letter with one, plus the tone
    const parts = [...char.normalize('NFD')];
    const split = parts.slice(1).map((mark, i) => [byteOf.get([...parts.slice(0, i + 1), ...parts.slice(i + 2)].join('').normalize('NFC')), byteOf.get(mark)] as const).find(([base, mark]) => base !== undefined && mark !== undefined);
    assert.ok(split !== undefined, `cannot encode ${char}`);
    out.push(split[0]!, split[1]!);
  }
  return new Uint8Array(out);
}
