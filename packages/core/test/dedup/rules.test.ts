import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CrmValidationError } from '../../src/errors.js';
import { DEFAULT_DEDUP_SETTINGS, PERSON_DEDUP_FIELDS, PERSON_RULE_PRESETS, parseDedupSettings } from '../../src/dedup/index.js';

function issuesOf(input: unknown): { path: string; message: string }[] {
  try {
    parseDedupSettings(input);
  } catch (error) {
    assert.ok(error instanceof CrmValidationError);
    return error.issues.map(({ path, message }) => ({ path, message }));
  }
  assert.fail('expected the settings to be refused');
}

describe('duplicate rule configuration', () => {
  it('applies defaults: exact match, warn on create and edit, blanks never match', () => {
    const settings = parseDedupSettings({ fields: { phone: { kind: 'phone' } }, rules: [{ id: 'p', fields: [{ field: 'phone' }] }] });
    assert.deepEqual(settings.rules[0], {
      id: 'p',
      fields: [{ field: 'phone', match: 'exact', threshold: 0.88, algorithm: 'jaro-winkler', ifBlank: 'no-match' }],
      onCreate: 'warn',
      onEdit: 'warn',
      enabled: true,
    });
  });

  it('composes the criteria users ask for by name from presets', () => {
    const settings = parseDedupSettings({ fields: PERSON_DEDUP_FIELDS, rules: [PERSON_RULE_PRESETS.nameAndPhone, PERSON_RULE_PRESETS.nameAndEmail] });
    assert.deepEqual(settings.rules.map((rule) => rule.id), ['name-phone', 'name-email']);
    assert.deepEqual(DEFAULT_DEDUP_SETTINGS.contact.rules.map((rule) => rule.id), ['phone', 'email', 'name-birthday', 'name-street']);
  });

  it('names the field of a threshold out of range', () => {
    const issues = issuesOf({ fields: { name: { kind: 'personName' } }, rules: [{ id: 'n', fields: [{ field: 'name', match: 'fuzzy', threshold: 1.5 }] }] });
    assert.equal(issues[0]!.path, 'rules.0.fields.0.threshold');
  });

  it('refuses a rule on an undeclared field and a repeated rule id', () => {
    const issues = issuesOf({
      fields: { name: { kind: 'personName' } },
      rules: [
        { id: 'a', fields: [{ field: 'nickname' }] },
        { id: 'a', fields: [{ field: 'name' }] },
      ],
    });
    assert.deepEqual(issues.map((issue) => issue.path).sort(), ['rules.0.fields.0.field', 'rules.1.id']);
    assert.match(issues.find((i) => i.path === 'rules.0.fields.0.field')!.message, /not a declared field/);
  });

  it('refuses an unknown action, an unknown field kind and a rule without fields', () => {
    const issues = issuesOf({
      fields: { x: { kind: 'colour' }, y: { kind: 'text' } },
      rules: [{ id: 'empty', fields: [] }, { id: 'odd', fields: [{ field: 'y' }], onCreate: 'reject' }],
    });
    assert.deepEqual(issues.map((issue) => issue.path).sort(), ['fields.x.kind', 'rules.0.fields', 'rules.1.onCreate']);
  });

  it('refuses a rule whose fields all ignore blanks, as every blank record would match', () => {
    const issues = issuesOf({ fields: { y: { kind: 'text' } }, rules: [{ id: 'loose', fields: [{ field: 'y', ifBlank: 'ignore' }] }] });
    assert.deepEqual(issues.map((issue) => issue.path), ['rules.0.fields']);
  });
});
