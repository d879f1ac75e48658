import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  createCrm,
  createMemoryAdapter,
  crmStorageSchema,
  CrmConflictError,
  CrmNotFoundError,
  CrmPermissionError,
  CrmValidationError,
  type Actor,
} from '@crmkit/core';

const admin: Actor = { id: 'u-admin', role: 'admin' };
const an: Actor = { id: 'u-an', role: 'salesperson', teamIds: ['team-hn'] };
const binh: Actor = { id: 'u-binh', role: 'salesperson', teamIds: ['team-hn'] };
const leader: Actor = { id: 'u-lan', role: 'team_leader', teamIds: ['team-hn'] };
const otherLeader: Actor = { id: 'u-son', role: 'team_leader', teamIds: ['team-hcm'] };

async function setup(actor: Actor = admin, customFields: Parameters<typeof createCrm>[0]['customFields'] = []) {
  const storage = await createMemoryAdapter({ schema: crmStorageSchema });
  let tick = Date.parse('2026-11-23T02:00:00.000Z');
  const crm = createCrm({ storage, actor, customFields, now: () => new Date((tick += 1000)) });
  return { storage, crm };
}

describe('the facade stores every entity through the store, validating with the schemas', () => {
  it('a lead written with invalid fields is refused with field-named errors and nothing is written', async () => {
    const { crm, storage } = await setup();
    const error = await crm.leads.create({ title: 'Gói cước Y', probability: 120, priority: 4, email: 'not-an-email' } as never).catch((e: unknown) => e);
    assert.ok(error instanceof CrmValidationError);
    assert.equal(error.code, 'validation');
    const paths = error.issues.map((issue) => issue.path).sort();
    assert.deepEqual(paths, ['email', 'priority', 'probability']);
    assert.equal((await storage.changesSince(0)).batches.length, 0);
  });

  it('a created lead reads back with id, revision and timestamps, and lists by its indexes', async () => {
    const { crm } = await setup();
    const lead = await crm.leads.create({ title: 'Gói cước cáp quang', contactName: 'Nguyễn Văn An', phones: { mobile: '0912 345 678' } } as never);
    assert.equal(lead.rev, 1);
    assert.equal(lead.createdAt, lead.updatedAt);
    const read = await crm.leads.get(lead.id);
    assert.equal((read as Record<string, unknown>)['contactName'], 'Nguyễn Văn An');
    const page = await crm.leads.list({ where: [{ field: 'ownerId', op: 'eq', value: 'u-admin' }] });
    assert.deepEqual(page.records.map((record) => record.id), [lead.id]);
  });

  it('an update validates the merged record and a stale revision is a conflict carrying the current record', async () => {
    const { crm } = await setup();
    const lead = await crm.leads.create({ title: 'Gói cước Y' } as never);
    const updated = await crm.leads.update(lead.id, { priority: 2 }, { expectedRev: 1 });
    assert.equal(updated.rev, 2);
    const stale = await crm.leads.update(lead.id, { priority: 3 }, { expectedRev: 1 }).catch((e: unknown) => e);
    assert.ok(stale instanceof CrmConflictError);
    assert.equal(stale.current?.['priority'], 2);
    const invalid = await crm.leads.update(lead.id, { probability: -1 }).catch((e: unknown) => e);
    assert.ok(invalid instanceof CrmValidationError);
    assert.equal(invalid.issues[0]?.path, 'probability');
    assert.equal((await crm.leads.get(lead.id)).rev, 2, 'nothing written by the refused update');
  });

  it('createMany is atomic: one bad input refuses all, naming its position', async () => {
    const { crm } = await setup();
    const error = await crm.contacts
      .createMany([{ kind: 'individual', fullName: 'Trần Thị Bình' }, { kind: 'individual', fullName: '' }] as never)
      .catch((e: unknown) => e);
    assert.ok(error instanceof CrmValidationError);
    assert.equal(error.issues[0]?.path, '1.fullName');
    assert.equal(await crm.contacts.count(), 0);
  });

  it('a removed record is gone for reads but its history stays readable', async () => {
    const { crm } = await setup();
    const contact = await crm.contacts.create({ kind: 'individual', fullName: 'Lê Văn Cường' } as never);
    await crm.contacts.remove(contact.id);
    await assert.rejects(crm.contacts.get(contact.id), CrmNotFoundError);
    const history = await crm.contacts.history(contact.id);
    assert.deepEqual(history.map((entry) => entry.op), ['create', 'delete']);
  });

  it('the audit trail says who changed which fields from what to what', async () => {
    const { crm } = await setup(admin);
    const lead = await crm.leads.create({ title: 'Gói cước Y', priority: 1 } as never);
    await crm.as({ id: 'u-manager', role: 'manager' }).leads.update(lead.id, { priority: 3, need: 'Cần 20 đường truyền' });
    const history = await crm.leads.history(lead.id);
    assert.equal(history.length, 2);
    assert.equal(history[0]!.actorId, 'u-admin');
    assert.equal(history[1]!.actorId, 'u-manager');
    assert.deepEqual(history[1]!.fields, [
      { field: 'need', from: null, to: 'Cần 20 đường truyền' },
      { field: 'priority', from: 1, to: 3 },
    ]);
    assert.ok(history[1]!.at > history[0]!.at);
  });
});

describe('access rules are enforced in the services', () => {
  it('a salesperson owns what they create and cannot read or change a colleague’s lead', async () => {
    const { crm } = await setup(an);
    const mine = await crm.leads.create({ title: 'Của An' } as never);
    assert.equal((mine as Record<string, unknown>)['ownerId'], 'u-an');
    assert.equal((mine as Record<string, unknown>)['teamId'], 'team-hn');
    const asBinh = crm.as(binh);
    await assert.rejects(asBinh.leads.get(mine.id), CrmPermissionError);
    await assert.rejects(asBinh.leads.update(mine.id, { priority: 1 }), CrmPermissionError);
    assert.equal((await asBinh.leads.list()).records.length, 0, 'a colleague’s lead is not listed');
  });

  it('a team leader sees the team’s records but not another team’s; a manager sees all', async () => {
    const { crm } = await setup(an);
    const lead = await crm.leads.create({ title: 'Khách Hà Nội' } as never);
    assert.equal((await crm.as(leader).leads.get(lead.id)).id, lead.id);
    await assert.rejects(crm.as(otherLeader).leads.get(lead.id), CrmPermissionError);
    assert.equal((await crm.as({ id: 'm', role: 'manager' }).leads.list()).records.length, 1);
  });

  it('a salesperson cannot hand a record to someone else', async () => {
    const { crm } = await setup(an);
    const lead = await crm.leads.create({ title: 'Của An' } as never);
    await assert.rejects(crm.leads.update(lead.id, { ownerId: 'u-binh' }), CrmPermissionError);
  });

  it('configuration is read by everyone and changed only by managers and admins', async () => {
    const { crm } = await setup(admin);
    const tag = await crm.tags.create({ name: 'VIP', color: '#aa0000' } as never);
    assert.equal((await crm.as(an).tags.get(tag.id)).id, tag.id);
    await assert.rejects(crm.as(an).tags.create({ name: 'Mới', color: '#00aa00' } as never), CrmPermissionError);
  });

  it('a create’s options cannot switch the access check off: a salesperson makes no admin, stage or lead for a colleague', async () => {
    const { crm, storage } = await setup(an);
    const sneaky = { bookkeeping: true } as never;
    await assert.rejects(crm.users.create({ name: 'Hacker', email: 'h@x.vn', role: 'admin' } as never, sneaky), CrmPermissionError);
    await assert.rejects(crm.stages.create({ name: 'Bogus', sequence: 9 } as never, sneaky), CrmPermissionError);
    await assert.rejects(crm.leads.create({ title: 'Của Bình', ownerId: 'u-binh' } as never, sneaky), CrmPermissionError);
    assert.equal((await storage.changesSince(0)).batches.length, 0, 'nothing written');
  });

  it('a create that collides with a record the actor may not read says only that it exists, not what it holds', async () => {
    const { crm } = await setup(an);
    const secret = await crm.contacts.create({ fullName: 'Nguyễn Văn Khách', note: 'VIP, nợ 50 triệu' } as never);
    const error = await crm.as(binh).contacts.create({ fullName: 'Dò thử' } as never, { id: secret.id }).catch((e: unknown) => e);
    assert.ok(error instanceof CrmConflictError);
    assert.deepEqual(Object.keys(error.current ?? {}).sort(), ['createdAt', 'id', 'rev', 'updatedAt']);
    // the owner still gets the record to resolve the conflict with
    const own = await crm.contacts.create({ fullName: 'Lặp lại' } as never, { id: secret.id }).catch((e: unknown) => e);
    assert.ok(own instanceof CrmConflictError);
    assert.equal(own.current?.['note'], 'VIP, nợ 50 triệu');
  });

  it('a deleted record’s history is read only by those who could read the record', async () => {
    const { crm } = await setup(an);
    const lead = await crm.leads.create({ title: 'Cáp quang', contactName: 'Lê Thị Mai' } as never);
    await crm.leads.update(lead.id, { note: 'Số nhà 5, ngõ 12 Láng Hạ' } as never);
    await crm.leads.remove(lead.id);
    assert.deepEqual((await crm.leads.history(lead.id)).map((entry) => entry.op), ['create', 'update', 'delete']);
    await assert.rejects(crm.as(binh).leads.history(lead.id), CrmPermissionError);
    await assert.rejects(crm.leads.history('no-such-lead'), CrmNotFoundError);
  });

  it('listing page by page skips no record the actor may read, however the colleague’s records fall between them', async () => {
    const { crm } = await setup(admin);
    // storage order is by id: a colleague's record first, then An's, then one more of the colleague's among An's
    const owners = ['u-binh', 'u-an', 'u-an', 'u-an', 'u-binh', 'u-an', 'u-an'];
    for (const [i, ownerId] of owners.entries()) await crm.contacts.create({ fullName: `Khách ${i}`, ownerId } as never, { id: `c-${i}` });
    const asAn = crm.as(an);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await asAn.contacts.list({ limit: 2, ...(cursor === undefined ? {} : { cursor }) });
      assert.ok(page.records.length <= 2);
      seen.push(...page.records.map((record) => record.id));
      cursor = page.cursor;
    } while (cursor !== undefined);
    assert.deepEqual(seen, ['c-1', 'c-2', 'c-3', 'c-5', 'c-6']);
    assert.deepEqual((await asAn.contacts.listAll()).map((record) => record.id), seen);
  });
});

describe('custom fields declared in configuration are validated like built-in ones', () => {
  const customFields = [
    { key: 'budgetCode', entity: 'lead', label: { vi: 'Mã ngân sách', en: 'Budget code' }, type: 'text', required: true, maxLength: 10 },
    { key: 'segment', entity: 'lead', label: { vi: 'Phân khúc', en: 'Segment' }, type: 'choice', options: ['sme', 'enterprise'] },
  ] as never;

  it('a lead without a required custom field, or with a wrong choice, is refused naming custom.<key>', async () => {
    const { crm } = await setup(admin, customFields);
    const missing = await crm.leads.create({ title: 'A', custom: {} } as never).catch((e: unknown) => e);
    assert.ok(missing instanceof CrmValidationError);
    assert.ok(missing.issues.some((issue) => issue.path === 'custom.budgetCode'));
    const wrong = await crm.leads.create({ title: 'A', custom: { budgetCode: 'B-1', segment: 'huge' } } as never).catch((e: unknown) => e);
    assert.ok(wrong instanceof CrmValidationError);
    assert.ok(wrong.issues.some((issue) => issue.path === 'custom.segment'));
    const ok = await crm.leads.create({ title: 'A', custom: { budgetCode: 'B-1', segment: 'sme' } } as never);
    assert.deepEqual((ok as Record<string, unknown>)['custom'], { budgetCode: 'B-1', segment: 'sme' });
  });

  it('a custom field on an unknown entity is a configuration error', async () => {
    const storage = await createMemoryAdapter({ schema: crmStorageSchema });
    assert.throws(
      () => createCrm({ storage, actor: admin, customFields: [{ key: 'x', entity: 'spaceship', label: { vi: 'x', en: 'x' }, type: 'text' }] as never }),
      CrmValidationError,
    );
  });
});

describe('cross-field rules hold on whole records, on create and on update', () => {
  it('a lost opportunity needs a lost reason, also when an update marks it lost', async () => {
    const { crm } = await setup();
    const refused = await crm.opportunities.create({ name: 'FPT thiết bị', stageId: 's1', status: 'lost' } as never).catch((e: unknown) => e);
    assert.ok(refused instanceof CrmValidationError);
    assert.equal(refused.issues[0]?.path, 'lostReasonId');
    const open = await crm.opportunities.create({ name: 'FPT thiết bị', stageId: 's1' } as never);
    const update = await crm.opportunities.update(open.id, { status: 'lost' }).catch((e: unknown) => e);
    assert.ok(update instanceof CrmValidationError);
    assert.equal(update.issues[0]?.path, 'lostReasonId');
    assert.equal((await crm.opportunities.get(open.id)).rev, 1);
  });
});

describe('a field the entity does not have is refused, not dropped', () => {
  it('a contact given `phone` instead of `phones` is refused naming it, on create, createMany and update, and nothing is written', async () => {
    const { crm, storage } = await setup();
    const before = (await storage.changesSince(0)).batches.length;
    const typo = await crm.contacts.create({ fullName: 'Lê Văn Nam', phone: '0903 111 222' } as never).catch((e: unknown) => e);
    assert.ok(typo instanceof CrmValidationError);
    assert.deepEqual(typo.issues.map((issue) => [issue.path, issue.code, issue.message]), [['phone', 'unrecognized_keys', 'is not a field of contact']]);
    const many = await crm.contacts.createMany([{ fullName: 'A' }, { fullName: 'B', emial: 'b@x.vn' }] as never).catch((e: unknown) => e);
    assert.ok(many instanceof CrmValidationError);
    assert.deepEqual(many.issues.map((issue) => issue.path), ['1.emial']);
    assert.equal((await storage.changesSince(0)).batches.length, before);
    const nam = await crm.contacts.create({ fullName: 'Lê Văn Nam', phones: [{ number: '0903 111 222' }] } as never);
    const update = await crm.contacts.update(nam.id, { adress: { province: 'Hà Nội' } } as never).catch((e: unknown) => e);
    assert.ok(update instanceof CrmValidationError);
    assert.equal(update.issues[0]?.path, 'adress');
    // a record read and written back with its metadata is fine
    const read = await crm.contacts.get(nam.id);
    assert.equal((await crm.contacts.update(nam.id, { ...read, note: 'Gọi sáng' } as never)).note, 'Gọi sáng');
  });
});

describe('fields a workflow owns are changed through it, not by a plain create or update', () => {
  it('a lead is converted only by crm.prospecting.convert: a plain update can neither convert nor reopen it', async () => {
    const { crm, storage } = await setup();
    await crm.pipeline.seedDefaultStages();
    const before = (await storage.changesSince(0)).batches.length;
    const forged = await crm.leads.create({ title: 'Gói cước Z', status: 'converted', convertedContactId: 'c-1' } as never).catch((e: unknown) => e);
    assert.ok(forged instanceof CrmValidationError);
    assert.deepEqual(forged.issues.map((issue) => [issue.path, issue.code]), [['status', 'workflow_field'], ['convertedContactId', 'workflow_field']]);
    assert.match(forged.issues[0]!.message, /crm\.prospecting\.convert/);
    assert.equal((await storage.changesSince(0)).batches.length, before, 'nothing written');
    const lead = await crm.leads.create({ title: 'Gói cước Z', contactName: 'Lê Văn Tám', phones: { mobile: '0912 000 111' } } as never);
    // open ↔ lost stays a plain edit
    const lost = await crm.leads.update(lead.id, { status: 'lost', lostReasonId: 'lr-price' } as never);
    assert.equal(lost.status, 'lost');
    await crm.leads.update(lead.id, { status: 'open', lostReasonId: undefined } as never);
    const converted = await crm.prospecting.convert(lead.id);
    const reopen = await crm.leads.update(lead.id, { status: 'open' } as never).catch((e: unknown) => e);
    assert.ok(reopen instanceof CrmValidationError);
    assert.equal(reopen.issues[0]?.path, 'status');
    // editing other fields of a converted lead is still fine
    assert.equal((await crm.leads.update(lead.id, { note: 'Đã ký' } as never)).note, 'Đã ký');
    assert.ok(converted.contact);
  });

  it('a deal is won through crm.pipeline, which moves it to the won stage and keeps its history', async () => {
    const { crm } = await setup();
    await crm.pipeline.seedDefaultStages();
    const deal = await crm.pipeline.open({ name: 'Tổng đài IP' });
    for (const patch of [{ status: 'won' }, { stageId: 'stage-won' }, { stageHistory: [] }, { closedAt: '2026-11-23T02:00:00.000Z' }]) {
      const error = await crm.opportunities.update(deal.id, patch as never).catch((e: unknown) => e);
      assert.ok(error instanceof CrmValidationError, JSON.stringify(patch));
      assert.equal(error.issues[0]?.path, Object.keys(patch)[0]);
    }
    assert.equal((await crm.opportunities.get(deal.id)).rev, 1);
    const won = await crm.pipeline.markWon(deal.id);
    assert.deepEqual([won.status, won.stageId], ['won', 'stage-won']);
  });

  it('a quote’s state, number and totals, and a case’s status, move through their services; a system actor writes records as they are', async () => {
    const { crm } = await setup();
    const quote = await crm.quotes.create({ number: 'BG-00001', date: '2026-11-23', lines: [{ description: 'Modem', quantity: 1, unitPrice: 900_000 }] } as never);
    for (const patch of [{ state: 'accepted' }, { number: 'BG-00002' }, { totals: { subtotal: 1, discount: 0, tax: 0, total: 1 } }]) {
      const error = await crm.quotes.update(quote.id, patch as never).catch((e: unknown) => e);
      assert.ok(error instanceof CrmValidationError, JSON.stringify(patch));
      assert.equal(error.issues[0]?.path, Object.keys(patch)[0]);
    }
    const stuck = await crm.cases.create({ title: 'Hỏng modem', status: 'resolved' } as never).catch((e: unknown) => e);
    assert.ok(stuck instanceof CrmValidationError);
    assert.equal(stuck.issues[0]?.path, 'status');
    const migrated = await crm.as({ id: 'migration', role: 'system' }).quotes.create({ number: 'BG-2019-7', date: '2019-05-02', state: 'accepted', totals: { subtotal: 1, discount: 0, tax: 0, total: 1 } } as never);
    assert.equal(migrated.state, 'accepted');
  });
});
