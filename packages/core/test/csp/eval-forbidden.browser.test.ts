// crmkit on a page whose Content-Security-Policy forbids eval (`script-src 'self'`, set by the page's own HTML
// before any script: the `strict-csp` group of web-test-runner.config.mjs). zod may not generate code there,
// so crmkit's compiled schemas fall back to zod's runtime parser: everything works, and the only report is
// zod's one probe for eval while the modules load.
import { expect } from 'chai';
import { contactSchema } from '@crmkit/core';
import { compiledSchema } from '../../src/schema/compiled-schema.js';
import { expectEvalForbidden, expectValidationWorks, settle, violations } from './csp-helpers.js';

declare const describe: (name: string, body: () => void) => void;
declare const it: (name: string, body: () => Promise<void> | void) => void;

describe('crmkit under a CSP that forbids eval', () => {
  it('loading reports one violation: zod’s probe for eval', async () => {
    await settle();
    expect(violations).to.deep.equal(['script-src eval']);
  });

  it('validates and imports on zod’s runtime parser, with no compiled schema and no further report', async () => {
    violations.length = 0;
    await expectValidationWorks();
    expect(compiledSchema(contactSchema)).to.equal(contactSchema);
    await settle();
    expect(violations).to.deep.equal([]);
  });

  it('is a real policy: generated code is refused and reported', async () => {
    expectEvalForbidden();
    await settle();
    expect(violations).to.deep.equal(['script-src eval']);
  });
});
