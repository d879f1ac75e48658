import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CrmValidationError } from '../../src/errors.js';
import { buildCustomFieldsSchema, customFieldDefinitionSchema, refineCustomFieldDefinition, withCustomFields, type CustomFieldDefinition } from '../../src/schema/custom-field.js';
import { leadSchema, refineLead } from '../../src/schema/lead.js';
import { parseWith } from '../../src/schema/validate.js';
import { assertRefused, refusal } from './helpers.js';

const definitions: CustomFieldDefinition[] = [
  { key: 'budgetCode', entity: 'lead', label: { vi: 'Mã ngân sách', en: 'Budget code' }, type: 'text', required: true, maxLength: 10 },
  { key: 'segment', entity: 'lead', label: { vi: 'Phân khúc', en: 'Segment' }, type: 'choice', options: ['sme', 'enterprise'] },
  { key: 'seats', entity: 'lead', label: { vi: 'Số máy', en: 'Seats' }, type: 'number', min: 1, max: 500 },
  { key: 'visitDate', entity: 'lead', label: { vi: 'Ngày khảo sát', en: 'Survey date' }, type: 'date' },
  { key: 'hasFiber', entity: 'lead', label: { vi: 'Đã có cáp quang', en: 'Has fibre' }, type: 'boolean' },
];

describe('custom field definitions', () => {
  it('a definition parses with required defaulting to false', () => {
    assert.equal(parseWith(customFieldDefinitionSchema, definitions[1], 'customField').required, false);
  });

  it('a key that is not an identifier is refused', () => {
    for (const key of ['Budget', '1code', 'mã_số', 'budget-code']) assertRefused(customFieldDefinitionSchema, { ...definitions[0], key }, ['key']);
  });

  it('a choice without options, repeated options and reversed bounds are refused', () => {
    const checked = customFieldDefinitionSchema.superRefine(refineCustomFieldDefinition);
    assertRefused(checked, { ...definitions[1], options: [] }, ['options']);
    assertRefused(checked, { ...definitions[1], options: ['sme', 'sme'] }, ['options']);
    assertRefused(checked, { ...definitions[2], min: 10, max: 5 }, ['max']);
  });

  it('building the custom schema refuses a bad definition and a key declared twice', () => {
    assert.throws(() => buildCustomFieldsSchema([{ ...definitions[1], options: [] }]), (error: unknown) => error instanceof CrmValidationError && error.issues[0]?.path === 'options');
    assert.throws(() => buildCustomFieldsSchema([definitions[0], definitions[0]]), (error: unknown) => error instanceof CrmValidationError && error.issues[0]?.code === 'duplicate_key');
  });
});

describe('a lead with custom fields', () => {
  const schema = withCustomFields(leadSchema, definitions);
  const lead = { title: 'Gói cước Y', contactName: 'Nguyễn Văn An', custom: { budgetCode: 'NS-2026', segment: 'sme', seats: 30, visitDate: '2026-12-02', hasFiber: false } };

  it('a lead whose custom values fit the configuration parses', () => {
    assert.deepEqual(parseWith(schema, lead, 'lead').custom, lead.custom);
  });

  it('a custom value of the wrong type is named custom.<key>', () => {
    assertRefused(schema, { ...lead, custom: { ...lead.custom, seats: 'ba mươi' } }, ['custom.seats']);
    assertRefused(schema, { ...lead, custom: { ...lead.custom, hasFiber: 'có' } }, ['custom.hasFiber']);
    assertRefused(schema, { ...lead, custom: { ...lead.custom, visitDate: '02/12/2026' } }, ['custom.visitDate']);
  });

  it('a required custom field missing is named and reported as required', () => {
    const { budgetCode: _dropped, ...rest } = lead.custom;
    const issues = refusal(schema, { ...lead, custom: rest });
    assert.deepEqual(issues.map((issue) => [issue.path, issue.code]), [['custom.budgetCode', 'required']]);
    assertRefused(schema, { ...lead, custom: { ...lead.custom, budgetCode: '  ' } }, ['custom.budgetCode']);
    assertRefused(schema, { title: 'Gói cước Y' }, ['custom']);
  });

  it('a choice outside its options, a number out of bounds and a text too long are refused', () => {
    assertRefused(schema, { ...lead, custom: { ...lead.custom, segment: 'huge', seats: 0, budgetCode: 'NS-2026-QUÁ-DÀI' } }, ['custom.budgetCode', 'custom.segment', 'custom.seats']);
  });

  it('an undeclared custom key is refused', () => {
    assertRefused(schema, { ...lead, custom: { ...lead.custom, budgetcode: 'NS' } }, ['custom']);
  });

  it('without a required definition the custom object may be left out', () => {
    const optional = withCustomFields(leadSchema, definitions.slice(1));
    assert.equal(parseWith(optional, { title: 'Gói cước Y' }).custom, undefined);
  });

  it('a cross-field rule applied before custom fields are added is kept', () => {
    const checked = withCustomFields(leadSchema.superRefine(refineLead), definitions);
    assertRefused(checked, { ...lead, status: 'lost', custom: { ...lead.custom, seats: -1 } }, ['custom.seats', 'lostReasonId']);
  });
});
