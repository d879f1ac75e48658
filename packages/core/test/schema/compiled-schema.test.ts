import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { crmStorageSchema, definitionOf } from '@crmkit/core';
import { entitySamples } from '@crmkit/storage-testing';
import { compiledSchema } from '../../src/schema/compiled-schema.js';

/** What a parse answers, in a form deepEqual can compare: the value, or the issues with their messages. */
function answer(schema: z.ZodType, input: unknown): unknown {
  const result = schema.safeParse(input);
  return result.success ? { ok: true, data: result.data } : { ok: false, issues: result.error.issues.map(({ code, path, message }) => ({ code, path, message })) };
}

/** The sample, and the sample with each field in turn removed, blanked, given a number, and given a long text. */
function variants(sample: Record<string, unknown>): unknown[] {
  const out: unknown[] = [sample, {}, null, 'not a record'];
  for (const field of Object.keys(sample)) {
    const { [field]: _, ...without } = sample;
    out.push(without, { ...sample, [field]: '' }, { ...sample, [field]: 12345 }, { ...sample, [field]: 'x'.repeat(30_000) }, { ...sample, [field]: [{}] });
  }
  return out;
}

describe('compiled schemas (zod’s fast path for records checked by the thousand)', () => {
  it('every entity accepts and refuses exactly what its runtime schema does, with the same issues', () => {
    let compared = 0;
    for (const entity of Object.keys(crmStorageSchema.entities)) {
      const schema = definitionOf(entity)!.schema;
      const fast = compiledSchema(schema);
      assert.notEqual(fast, schema, `${entity} is compiled (Node allows new Function)`);
      for (const input of variants(entitySamples[entity] as Record<string, unknown>)) {
        assert.deepEqual(answer(fast, input), answer(schema, input), `${entity}: ${JSON.stringify(input).slice(0, 200)}`);
        compared++;
      }
    }
    assert.ok(compared > 500, `${compared} inputs compared`);
  });

  it('a schema is compiled once and the compiled one is handed out after', () => {
    const schema = z.object({ fullName: z.string().min(1) });
    assert.equal(compiledSchema(schema), compiledSchema(schema));
  });

  it('under z.config({ jitless: true }) — the switch for a Content-Security-Policy without unsafe-eval — the schema is used as it is', () => {
    const schema = z.object({ fullName: z.string().min(1) });
    z.config({ jitless: true });
    try {
      assert.equal(compiledSchema(schema), schema);
      assert.equal(compiledSchema(schema).safeParse({ fullName: '' }).success, false);
    } finally {
      z.config({ jitless: false });
    }
  });
});
