// What both strict-CSP pages check: the page really forbids eval, and crmkit still validates and imports.
import { expect } from 'chai';
import { createCrm, createMemoryAdapter, crmStorageSchema, CrmValidationError } from '@crmkit/core';

/** Violations the page reports, as `directive sample`; listening from the test module's first line. */
export const violations: string[] = [];
document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.violatedDirective} ${event.blockedURI}`));

/** Lets the browser deliver queued violation reports (they arrive as tasks). */
export const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 50));

/** The policy is real: generated code is refused here. */
export function expectEvalForbidden(): void {
  expect(() => new Function('return 1')).to.throw(EvalError);
}

/** A contact is checked and stored, a bad one refused naming the field, and a CSV imported with its bad row refused. */
export async function expectValidationWorks(): Promise<void> {
  const storage = await createMemoryAdapter({ schema: crmStorageSchema });
  const crm = createCrm({ storage, actor: { id: 'u-an', role: 'admin' } });
  const stored = await crm.contacts.create({ fullName: 'Nguyễn Văn An', phones: [{ number: '0912 345 678', kind: 'mobile' }] });
  expect(stored.fullName).to.equal('Nguyễn Văn An');
  let refused: unknown;
  try {
    await crm.contacts.create({ fullName: '' });
  } catch (error) {
    refused = error;
  }
  expect(refused).to.be.instanceOf(CrmValidationError);
  expect((refused as CrmValidationError).issues.map((issue) => issue.path)).to.deep.equal(['fullName']);
  const report = await crm.imports.run('Họ và tên,SĐT,Ngày sinh\nTrần Thị Hoa,0987 111 222,10/12/1985\nLê Văn Tám,0903 222 333,31/02/1990\n', { entity: 'contact', policy: 'skip' });
  expect(report.written).to.equal(1);
  expect(report.issues.map((issue) => `${issue.row} ${issue.field}`)).to.deep.equal(['3 birthday']);
}
