import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { activitySchema } from '../../src/schema/activity.js';
import { activityTypeSchema } from '../../src/schema/activity-type.js';
import { caseSchema } from '../../src/schema/case.js';
import { companySchema } from '../../src/schema/company.js';
import { contactSchema } from '../../src/schema/contact.js';
import { contractSchema } from '../../src/schema/contract.js';
import { leadSchema } from '../../src/schema/lead.js';
import { lostReasonSchema } from '../../src/schema/lost-reason.js';
import { opportunitySchema } from '../../src/schema/opportunity.js';
import { orderSchema } from '../../src/schema/order.js';
import { patchSchemaOf } from '../../src/schema/patch.js';
import { quoteSchema } from '../../src/schema/quote.js';
import { rawContactSchema } from '../../src/schema/raw-contact.js';
import { salesTeamSchema } from '../../src/schema/sales-team.js';
import { stageSchema } from '../../src/schema/stage.js';
import { tagSchema } from '../../src/schema/tag.js';
import { userSchema } from '../../src/schema/user.js';
import { parseWith } from '../../src/schema/validate.js';
import { assertRefused } from './helpers.js';

const schemas = {
  rawContact: rawContactSchema,
  lead: leadSchema,
  contact: contactSchema,
  company: companySchema,
  opportunity: opportunitySchema,
  quote: quoteSchema,
  order: orderSchema,
  contract: contractSchema,
  case: caseSchema,
  activity: activitySchema,
  activityType: activityTypeSchema,
  salesTeam: salesTeamSchema,
  stage: stageSchema,
  tag: tagSchema,
  lostReason: lostReasonSchema,
  user: userSchema,
};

describe('every sales-side schema is a plain object, so updates can be partial', () => {
  for (const [entity, schema] of Object.entries(schemas)) {
    it(`${entity}: .partial() works and an empty patch parses`, () => {
      assert.doesNotThrow(() => schema.partial());
      assert.deepEqual(parseWith(patchSchemaOf(schema as never), {}, entity), {});
    });
  }
});

describe('a patch', () => {
  it('fills in no defaults, so a converted lead is not reopened', () => {
    assert.deepEqual(parseWith(patchSchemaOf(leadSchema), { title: 'Gói cước Z' }), { title: 'Gói cước Z' });
    assert.equal(leadSchema.partial().parse({ title: 'Gói cước Z' }).status, 'open', "zod 4's .partial() would have");
  });

  it('still checks every field it carries, with its path', () => {
    assertRefused(patchSchemaOf(leadSchema), { probability: 120 }, ['probability']);
    assertRefused(patchSchemaOf(opportunitySchema), { status: 'closed' }, ['status']);
    assertRefused(patchSchemaOf(quoteSchema), { lines: [{ description: 'Bộ phát Wi-Fi 6', quantity: -1, unitPrice: 1_850_000 }] }, ['lines.0.quantity']);
  });

  it('keeps the defaults inside a nested value it replaces whole', () => {
    assert.deepEqual(parseWith(patchSchemaOf(salesTeamSchema), { takes: { warranty: true } }).takes, { quotes: true, opportunities: true, warranty: true });
  });
});
