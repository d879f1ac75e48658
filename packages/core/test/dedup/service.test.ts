import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  createCrm,
  createMemoryAdapter,
  crmStorageSchema,
  CrmDuplicateError,
  CrmNotFoundError,
  CrmRuleError,
  CrmValidationError,
  type Actor,
  type CrmOptions,
  type StorageAdapter,
  type StoredRecord,
} from '../../src/index.js';

const admin: Actor = { id: 'u-admin', role: 'admin' };

async function setup(options: Partial<CrmOptions> = {}) {
  const storage = await createMemoryAdapter({ schema: crmStorageSchema });
  let tick = Date.parse('2026-11-23T02:00:00.000Z');
  let next = 0;
  const crm = createCrm({ storage, actor: admin, now: () => new Date((tick += 1000)), newId: () => `id-${++next}`, ...options });
  return { storage, crm };
}

const ENTITIES = ['lead', 'contact', 'company', 'opportunity', 'activity', 'quote', 'order', 'contract', 'case', 'route', 'interaction', 'coupon', 'rawContact'];

/** Every live and deleted record of the store, without the fields a write always moves (rev, updatedAt). */
async function everything(storage: StorageAdapter): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const entity of ENTITIES) {
    const page = await storage.query({ entity, limit: 10_000 });
    const ids = page.records.map((record) => record.id);
    const all = await storage.get(entity, ids, { includeDeleted: true });
    out[entity] = all.map((record) => {
      const { rev: _rev, updatedAt: _updatedAt, ...rest } = record as StoredRecord;
      return rest;
    });
  }
  return out;
}

describe('the duplicate check on save', () => {
  it('a new contact with the phone of an existing one is refused, listing the match; nothing is written', async () => {
    const { crm, storage } = await setup();
    const an = await crm.contacts.create({ fullName: 'Nguyễn Văn An', phones: [{ number: '0912 345 678' }] } as never);
    const before = (await storage.changesSince(0)).batches.length;
    const error = await crm.contacts.create({ fullName: 'Nguyen Van An', phones: [{ number: '+84912345678' }] } as never).catch((e: unknown) => e);
    assert.ok(error instanceof CrmDuplicateError);
    assert.ok(error instanceof CrmRuleError);
    assert.equal(error.rule, 'duplicate');
    assert.equal(error.matches[0]!.id, an.id);
    assert.equal(error.matches[0]!.rule, 'phone');
    assert.deepEqual(error.matches[0]!.fields, ['phone']);
    assert.match(error.message, new RegExp(an.id));
    assert.equal((await storage.changesSince(0)).batches.length, before);
  });

  it('a salesperson learns that a colleague’s customer blocks the save, but not that customer’s name or phone', async () => {
    const { crm } = await setup();
    const binh = createCrm({ storage: crm.context.storage, actor: { id: 'u-binh', role: 'salesperson' } });
    const an = createCrm({ storage: crm.context.storage, actor: { id: 'u-an', role: 'salesperson' } });
    const theirs = await binh.contacts.create({ fullName: 'Trần Thị Hoa', phones: [{ number: '0912 345 678' }], ownerId: 'u-binh' } as never);
    const { matches, blocked } = await an.duplicates.check('contact', { fullName: 'Tran Hoa', phones: [{ number: '+84 912 345 678' }] });
    assert.equal(blocked, true);
    assert.deepEqual([matches[0]!.id, matches[0]!.rule, matches[0]!.record], [theirs.id, 'phone', undefined]);
    assert.ok(matches[0]!.rules.every((rule) => rule.fields.every((field) => field.values === null)), 'no value of the record An may not read');
    const own = await binh.duplicates.check('contact', { fullName: 'Tran Hoa', phones: [{ number: '+84 912 345 678' }] });
    assert.deepEqual(own.matches[0]!.rules[0]!.fields[0]!.values, ['+84912345678', '+84912345678'], 'the owner sees what matched');
  });

  it('a warned save goes through and returns the matches (similar name, same birthday)', async () => {
    const { crm } = await setup();
    const first = await crm.contacts.create({ fullName: 'Trần Thị Bích Ngọc', birthday: '1990-04-12' } as never);
    const { record, warnings } = await crm.contacts.createWithWarnings({ fullName: 'Tran Bich Ngoc', birthday: '1990-04-12' } as never);
    assert.ok(record.id);
    assert.equal(warnings.length, 1);
    const [match] = warnings as { id: string; rule: string; action: string; record?: { fullName: string } }[];
    assert.equal(match!.id, first.id);
    assert.equal(match!.rule, 'name-birthday');
    assert.equal(match!.action, 'warn');
    assert.equal(match!.record?.fullName, 'Trần Thị Bích Ngọc');
  });

  it('an edit that shares a phone only warns, and a record is never its own duplicate', async () => {
    const { crm } = await setup();
    await crm.contacts.create({ fullName: 'Lê Minh', phones: [{ number: '0903111222' }] } as never);
    const other = await crm.contacts.create({ fullName: 'Phạm Hòa', phones: [{ number: '0903999888' }] } as never);
    const self = await crm.duplicates.check('contact', other as Record<string, unknown>, { mode: 'edit', excludeId: other.id });
    assert.deepEqual(self.matches, []);
    const { record: updated, warnings } = await crm.contacts.updateWithWarnings(other.id, { phones: [{ number: '0903 111 222' }] });
    assert.equal((updated as { phones: { number: string }[] }).phones[0]!.number, '0903 111 222');
    assert.deepEqual((warnings as { rule: string; action: string }[]).map((warning) => [warning.rule, warning.action]), [['phone', 'warn']], 'the edit tells what it shares');
  });

  it('a new lead is checked against existing contacts (a warning, not a block) and against leads', async () => {
    const { crm } = await setup();
    const customer = await crm.contacts.create({ fullName: 'Hoàng Gia Minh', emails: ['minh.hoang@gmail.com'] } as never);
    const result = await crm.duplicates.check('lead', { title: 'Gói cước Y', contactName: 'Minh Hoàng', email: 'MinhHoang+crm@gmail.com' }, { mode: 'create' });
    assert.equal(result.blocked, false);
    assert.equal(result.matches[0]!.entity, 'contact');
    assert.equal(result.matches[0]!.id, customer.id);
    assert.equal(result.matches[0]!.action, 'warn');
    const lead = await crm.leads.create({ title: 'Gói cước Y', contactName: 'Minh Hoàng', phones: { mobile: '0988 123 456' } } as never);
    const again = await crm.leads.createWithWarnings({ title: 'Gói khác', contactName: 'Khác', phones: { mobile: '84988123456' } } as never).catch((e: unknown) => e);
    assert.ok(again instanceof CrmDuplicateError);
    assert.equal(again.matches[0]!.entity, 'lead');
    assert.equal(again.matches[0]!.id, lead.id);
  });

  it('a deleted record stops matching; a company with a taken tax code is refused', async () => {
    const { crm } = await setup();
    const gone = await crm.contacts.create({ fullName: 'Vũ Hải', phones: [{ number: '0977000111' }] } as never);
    await crm.contacts.remove(gone.id);
    const ok = await crm.contacts.create({ fullName: 'Vũ Hải', phones: [{ number: '0977000111' }] } as never);
    assert.ok(ok.id);
    await crm.companies.create({ name: 'Công ty TNHH Minh Phát', taxCode: '0312345678' } as never);
    const error = await crm.companies.create({ name: 'Minh Phat Co., Ltd', taxCode: '0312345678' } as never).catch((e: unknown) => e);
    assert.ok(error instanceof CrmDuplicateError);
    assert.equal(error.matches[0]!.rule, 'tax-code');
  });

  it('bad duplicate settings are refused when the crm is created, naming the field', async () => {
    const storage = await createMemoryAdapter({ schema: crmStorageSchema });
    assert.throws(
      () => createCrm({ storage, actor: admin, duplicates: { settings: { contact: { fields: { name: { kind: 'personName' } }, rules: [{ id: 'n', fields: [{ field: 'name', match: 'fuzzy', threshold: 2 }] }] } } } }),
      (error: unknown) => error instanceof CrmValidationError && error.issues.some((issue) => issue.path === 'duplicates.settings.contact.rules.0.fields.0.threshold'),
    );
  });

  it('finds duplicates of one record by chosen criteria, and scans an entity into clusters', async () => {
    const { crm } = await setup();
    const a = await crm.contacts.create({ fullName: 'Đặng Thu Hà', birthday: '1988-01-02' } as never);
    const b = await crm.contacts.create({ fullName: 'Dang Thu Ha', birthday: '1988-01-02' } as never);
    await crm.contacts.create({ fullName: 'Đặng Thu Hà', birthday: '1975-05-05' } as never);
    const byDefault = await crm.duplicates.findDuplicates('contact', a.id);
    assert.deepEqual(byDefault.map((match) => match.id), [b.id]);
    const byName = await crm.duplicates.findDuplicates('contact', a.id, { rules: [{ id: 'name', fields: [{ field: 'name', match: 'exact' }] }] });
    assert.equal(byName.length, 2);
    const { clusters } = await crm.duplicates.scan('contact');
    assert.deepEqual(clusters.map((cluster) => [...cluster.ids].sort()), [[a.id, b.id].sort()]);
    assert.equal(clusters[0]!.links![0]!.ruleIds[0], 'name-birthday');
    await assert.rejects(crm.duplicates.findDuplicates('contact', a.id, { rules: ['nope'] }), CrmValidationError);
  });
  it('a scan gives the event loop back between slices with progress, finds the same clusters, and stops when aborted', async () => {
    const { crm } = await setup({ duplicates: { guard: [] } });
    const people = [];
    const phone = (i: number) => `09${String(2000000 + i * 13).padStart(8, '0')}`;
    for (let i = 0; i < 270; i++) people.push({ fullName: `Khách hàng số ${i}`, phones: [{ number: phone(i) }] });
    // every fifth customer again, typed without diacritics and with the phone in +84 form
    for (let i = 0; i < 270; i += 5) people.push({ fullName: `Khach hang so ${i}`, phones: [{ number: `+84 ${phone(i).slice(1)}` }] });
    await crm.contacts.createMany(people as never[]);
    let yields = 0;
    const progress: number[] = [];
    const sliced = await crm.duplicates.scan('contact', { sliceMs: 0, yieldToEventLoop: async () => void yields++, onProgress: (done) => progress.push(done) });
    const whole = await crm.duplicates.scan('contact', { sliceMs: Infinity, yieldToEventLoop: async () => assert.fail('no slices asked for') });
    assert.deepEqual(sliced, whole);
    assert.equal(whole.clusters.length, 54);
    // with a zero budget: projecting 324 records takes two slices of 256, scanning them six of 64
    assert.equal(yields, 1 + 5);
    assert.deepEqual(progress, [64, 128, 192, 256, 320, 324]);
    const controller = new AbortController();
    const reason = new Error('the manager left the page');
    const stopped = await crm.duplicates.scan('contact', { sliceMs: 0, signal: controller.signal, onProgress: () => controller.abort(reason) }).catch((error: unknown) => error);
    assert.equal(stopped, reason);
  });

  it('a store is indexed in slices on first use; a customer saved meanwhile is in the index all the same', async () => {
    const { crm } = await setup({ duplicates: { guard: [] } });
    const phone = (i: number) => `09${String(3000000 + i * 17).padStart(8, '0')}`;
    await crm.contacts.createMany(Array.from({ length: 3000 }, (_, i) => ({ fullName: `Khách ${i}`, phones: [{ number: phone(i) }] })) as never[]);
    // the first check builds the index (thousands of records: several slices); a save lands while it does
    const building = crm.duplicates.check('contact', { fullName: 'Ai đó', phones: [{ number: phone(2999) }] }, { mode: 'create' });
    const late = await crm.contacts.create({ fullName: 'Đến muộn', phones: [{ number: '0388 123 456' }] } as never);
    assert.equal((await building).matches.length, 1, 'the last stored customer is found');
    const again = await crm.duplicates.check('contact', { fullName: 'Người khác', phones: [{ number: '+84 388 123 456' }] }, { mode: 'create' });
    assert.deepEqual(again.matches.map((match) => match.id), [late.id]);
  });

});

describe('merging duplicates', () => {
  async function world() {
    // the records are entered as they were before duplicate checks were on (old data, an import)
    const { crm, storage } = await setup({ duplicates: { guard: [] } });
    const company = await crm.companies.create({ name: 'Công ty CP Sao Mai', taxCode: '0101234567' } as never);
    const a = await crm.contacts.create({ fullName: 'Nguyễn Văn An', phones: [{ number: '0912345678' }], emails: ['an@saomai.vn'], note: 'Thích gọi buổi sáng', tagIds: ['vip'] } as never);
    const b = await crm.contacts.create(
      { fullName: 'Nguyen Van An', phones: [{ number: '0987654321' }], emails: ['AN@saomai.vn', 'an.nguyen@gmail.com'], birthday: '1985-12-10', companyId: company.id, note: 'Đã mua gói Y', tagIds: ['hn'], address: { province: 'Hà Nội', district: 'Cầu Giấy' } } as never,
    );
    const stage = await crm.stages.create({ name: { vi: 'Mới', en: 'New' }, sequence: 1 } as never).catch(() => undefined);
    const opportunity = await crm.opportunities.create({ name: 'Gói Y', stageId: stage?.id ?? 'st-1', contactId: b.id } as never);
    const activity = await crm.activities.create({ summary: 'Gọi lại', dueAt: '2026-11-24T02:00:00.000Z', related: { entity: 'contact', id: b.id } } as never);
    const caseRecord = await crm.cases.create({ title: 'Hỏng modem', contactId: b.id } as never);
    // a lead converted before (conversion is crm.prospecting's; a migration writes it as it was)
    const lead = await crm.as({ id: 'system', role: 'system' }).leads.create({ title: 'Gói cước Z', contactName: 'An', status: 'converted', convertedContactId: b.id, ownerId: 'u-admin' } as never);
    const route = await crm.routes.create({ name: 'Tuyến Cầu Giấy', members: [{ customerId: a.id }, { customerId: b.id, note: 'chiều' }] } as never);
    const route2 = await crm.routes.create({ name: 'Tuyến Đống Đa', members: [{ customerId: b.id }] } as never);
    const interaction = await crm.interactions.create({ customerId: b.id, userId: 'u-admin', at: '2026-11-20T03:00:00.000Z', channel: 'tele' } as never);
    // dealer prices assigned to b by id
    const priceList = await crm.priceLists.create({ name: 'Giá đại lý', assignment: { customerIds: ['c-other', b.id] } } as never);
    return { crm, storage, company, a, b, opportunity, activity, caseRecord, lead, route, route2, interaction, priceList };
  }

  it('a preview shows the survivor, the merged fields and every related record to re-point, writing nothing', async () => {
    const { crm, storage, a, b, opportunity, activity, caseRecord, lead, route, route2, interaction, priceList } = await world();
    const before = (await storage.changesSince(0)).batches.length;
    const preview = await crm.duplicates.previewMerge('contact', [a.id, b.id]);
    // b has more filled fields: the most complete record survives by default
    assert.equal(preview.survivorId, b.id);
    assert.deepEqual(preview.mergedIds, [a.id]);
    assert.deepEqual((preview.merged['phones'] as { number: string }[]).map((phone) => phone.number), ['0987654321', '0912345678']);
    assert.deepEqual(preview.merged['emails'], ['AN@saomai.vn', 'an.nguyen@gmail.com']);
    assert.deepEqual(preview.merged['tagIds'], ['hn', 'vip']);
    assert.equal(preview.merged['note'], 'Đã mua gói Y\n\nThích gọi buổi sáng');
    const chosen = await crm.duplicates.previewMerge('contact', [a.id, b.id], { survivorId: a.id, picks: { fullName: b.id } });
    assert.equal(chosen.survivorId, a.id);
    assert.equal(chosen.merged['fullName'], 'Nguyen Van An');
    const relinked = chosen.relinks.map((link) => `${link.entity}:${link.id}:${link.field}`).sort();
    assert.deepEqual(
      relinked,
      [
        `activity:${activity.id}:related.id`,
        `case:${caseRecord.id}:contactId`,
        `interaction:${interaction.id}:customerId`,
        `lead:${lead.id}:convertedContactId`,
        `opportunity:${opportunity.id}:contactId`,
        `priceList:${priceList.id}:assignment.customerIds`,
        `route:${route.id}:members`,
        `route:${route2.id}:members`,
      ].sort(),
    );
    assert.equal((await storage.changesSince(0)).batches.length, before);
  });

  it('a merge re-points every related record in one audited commit, and undo restores everything exactly', async () => {
    const { crm, storage, a, b, opportunity, activity, caseRecord, lead, route, route2, interaction, priceList } = await world();
    const snapshot = await everything(storage);
    const seqBefore = (await storage.changesSince(0)).cursor;
    const result = await crm.duplicates.merge('contact', [a.id, b.id], { survivorId: a.id });
    const batches = (await storage.changesSince(seqBefore)).batches;
    assert.equal(batches.length, 1, 'one atomic commit');
    assert.ok(batches[0]!.changes.every((change) => (change.meta as { action?: string } | undefined)?.action === 'merge'));
    assert.equal(result.survivor.id, a.id);
    assert.equal(await crm.contacts.find(b.id), undefined, 'the merged-away contact is removed');
    assert.equal((await crm.opportunities.get(opportunity.id))['contactId'], a.id);
    assert.deepEqual((await crm.activities.get(activity.id))['related'], { entity: 'contact', id: a.id });
    assert.equal((await crm.cases.get(caseRecord.id))['contactId'], a.id);
    assert.equal((await crm.leads.get(lead.id))['convertedContactId'], a.id);
    const routeAfter = await crm.routes.get(route.id);
    assert.deepEqual((routeAfter['members'] as { customerId: string }[]).map((member) => member.customerId), [a.id], 'a route with both keeps the survivor once');
    assert.deepEqual((await crm.routes.get(route2.id))['customerIds'], [a.id]);
    assert.equal((await crm.interactions.get(interaction.id))['customerId'], a.id);
    assert.deepEqual(((await crm.priceLists.get(priceList.id))['assignment'] as { customerIds: string[] }).customerIds, ['c-other', a.id], 'the survivor keeps the dealer prices');
    const history = await crm.contacts.history(a.id);
    assert.equal(history.at(-1)!.action, 'merge');
    // the index follows: b's phone now finds the survivor
    const check = await crm.duplicates.check('contact', { fullName: 'X', phones: [{ number: '0987654321' }] }, { mode: 'create' });
    assert.deepEqual(check.matches.map((match) => match.id), [a.id]);

    await crm.duplicates.undoMerge(result.mergeId);
    assert.deepEqual(await everything(storage), snapshot);
    await assert.rejects(crm.duplicates.undoMerge(result.mergeId), (error: unknown) => error instanceof CrmRuleError && error.rule === 'merge_undone');
    const back = await crm.duplicates.check('contact', { fullName: 'X', phones: [{ number: '0987654321' }] }, { mode: 'create' });
    assert.deepEqual(back.matches.map((match) => match.id), [b.id]);
  });

  it('a salesperson merges two of their own contacts: a manager’s route and a colleague’s opportunity follow the survivor, and undo puts them back', async () => {
    const { crm, storage, a, b, opportunity, route2 } = await world();
    await crm.contacts.update(a.id, { ownerId: 'u-an' } as never);
    await crm.contacts.update(b.id, { ownerId: 'u-an' } as never);
    const an = crm.as({ id: 'u-an', role: 'salesperson' });
    await assert.rejects(an.routes.update(route2.id, { name: 'Tuyến của An' } as never), (error: unknown) => error instanceof Error && /permission|not allowed/i.test(error.message), 'routes stay a manager’s to edit');
    const snapshot = await everything(storage);
    const result = await an.duplicates.merge('contact', [a.id, b.id], { survivorId: a.id });
    assert.equal((await crm.opportunities.get(opportunity.id))['contactId'], a.id);
    assert.deepEqual((await crm.routes.get(route2.id))['customerIds'], [a.id]);
    await an.duplicates.undoMerge(result.mergeId);
    assert.deepEqual(await everything(storage), snapshot);
  });

  it('undo refuses to overwrite a record changed since the merge, and writes nothing', async () => {
    const { crm, storage, a, b, opportunity } = await world();
    const result = await crm.duplicates.merge('contact', [a.id, b.id], { survivorId: a.id });
    await crm.opportunities.update(opportunity.id, { name: 'Gói Y+' });
    const seq = (await storage.changesSince(0)).cursor;
    const error = await crm.duplicates.undoMerge(result.mergeId).catch((e: unknown) => e);
    assert.ok(error instanceof CrmRuleError, String(error));
    assert.equal(error.rule, 'merge_changed');
    assert.match(error.message, new RegExp(`opportunity ${opportunity.id}`));
    assert.equal((await storage.changesSince(seq)).batches.length, 0);
  });

  it('merging companies re-points their contacts; a customer on either side stays a customer', async () => {
    const { crm } = await setup();
    const x = await crm.companies.create({ name: 'Công ty TNHH Hòa Bình', status: 'customer', address: { province: 'Hà Nội' } } as never);
    const y = await crm.companies.create({ name: 'Hoa Binh Co., Ltd', phones: ['024 3826 1234'], address: { province: 'Ha Noi' } } as never);
    const person = await crm.contacts.create({ fullName: 'Bùi Lan', companyId: y.id } as never);
    const result = await crm.duplicates.merge('company', [x.id, y.id], { survivorId: y.id });
    assert.equal(result.survivor['status'], 'customer');
    assert.equal((await crm.contacts.get(person.id))['companyId'], y.id === result.survivor.id ? y.id : x.id);
    await assert.rejects(crm.duplicates.merge('company', [y.id, y.id]), CrmValidationError);
    await assert.rejects(crm.duplicates.merge('company', [x.id, y.id]), CrmNotFoundError, 'a merged-away company cannot be merged again');
    const z = await crm.companies.create({ name: 'Công ty Ánh Dương' } as never);
    await assert.rejects(crm.duplicates.merge('company', [y.id, z.id], { survivorId: 'nope' }), CrmValidationError);
  });
});

describe('the crms of one store', () => {
  it('share one duplicate index: another actor’s crm sees a save made through the first at once, without a second build', async () => {
    const { crm } = await setup();
    await crm.contacts.create({ fullName: 'Nguyễn Văn An', phones: [{ number: '0912 345 678' }] } as never);
    const first = await crm.duplicates.indexFor('contact');
    const an = crm.as({ id: 'u-an', role: 'manager' });
    assert.equal(an.duplicates.indexes, crm.duplicates.indexes);
    assert.equal(await an.duplicates.indexFor('contact'), first, 'the same index, not a second copy of 1 record per contact');
    const error = await an.contacts.create({ fullName: 'Nguyen An', phones: [{ number: '+84912345678' }] } as never).catch((e: unknown) => e);
    assert.ok(error instanceof CrmDuplicateError);
  });
});
