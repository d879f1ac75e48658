// The security guide's advice for a page that forbids eval (`script-src 'self'`, the `strict-csp` group of
// web-test-runner.config.mjs): `z.config({ jitless: true })` in a module imported before crmkit. Then not even
// zod's probe for eval is reported, and validation works the same.
import './zod-jitless.js';
import { expect } from 'chai';
import { expectValidationWorks, settle, violations } from './csp-helpers.js';

declare const describe: (name: string, body: () => void) => void;
declare const it: (name: string, body: () => Promise<void> | void) => void;

describe('crmkit under a CSP that forbids eval, with zod set jitless first', () => {
  it('validates and imports with no violation reported', async () => {
    await expectValidationWorks();
    await settle();
    expect(violations).to.deep.equal([]);
  });
});
