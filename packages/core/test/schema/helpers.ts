import assert from 'node:assert/strict';
import type { z } from 'zod';
import { CrmValidationError, type CrmValidationIssue } from '../../src/errors.js';
import { parseWith } from '../../src/schema/validate.js';

/** Parses `input` and returns the issues it was refused with; fails the test when it is accepted. */
export function refusal(schema: z.ZodType, input: unknown, entity = 'test'): readonly CrmValidationIssue[] {
  try {
    parseWith(schema, input, entity);
  } catch (error) {
    assert.ok(error instanceof CrmValidationError, 'a CrmValidationError');
    assert.equal(error.entity, entity);
    return error.issues;
  }
  assert.fail('the input was accepted');
}

/** Asserts the input is refused naming exactly these field paths. */
export function assertRefused(schema: z.ZodType, input: unknown, paths: readonly string[], code?: string): void {
  const issues = refusal(schema, input);
  assert.deepEqual(
    issues.map((issue) => issue.path),
    paths,
    JSON.stringify(issues),
  );
  if (code) assert.ok(issues.every((issue) => issue.code === code), JSON.stringify(issues));
}

/** The address the Vietnamese examples share. */
export const benNghe = { houseNumber: '72', street: 'Lê Thánh Tôn', ward: 'Phường Bến Nghé', district: 'Quận 1', province: 'TP. Hồ Chí Minh' };
