import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { crmStorageSchema, definitionOf } from '@crmkit/core';
import { entitySamples } from '@crmkit/storage-testing';

describe('the conformance suite’s entity samples', () => {
  it('cover every stored entity and are exactly what each schema outputs', () => {
    for (const entity of Object.keys(crmStorageSchema.entities)) {
      const sample = entitySamples[entity];
      assert.ok(sample, `a sample for ${entity}`);
      const parsed = definitionOf(entity)!.schema.safeParse(sample);
      assert.ok(parsed.success, `${entity}: ${parsed.success ? '' : JSON.stringify(parsed.error.issues)}`);
      assert.deepEqual(parsed.data, sample, `${entity} parses to itself (no defaults filled in, nothing stripped)`);
    }
  });
});
