import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CrmConflictError, CrmDuplicateError, CrmPermissionError, CrmRuleError, CrmValidationError, createCrm } from '@crmkit/core';
import { commitCount, rejection, seedSalesForce, setup } from './setup.js';

describe('raw contacts are screened into leads or rejected', () => {
  it('a raw contact from an event list becomes a lead carrying its details and a link back', async () => {
    const { crm, sales } = await setup();
    await crm.rawContacts.create({ name: 'Bùi Thanh Tâm', phones: ['0987654321'], email: 'tam@example.vn', companyName: 'Cửa hàng Tâm An', source: 'event', collectedFrom: 'Hội chợ Techmart' }, { id: 'raw-1' });
    const { rawContact, lead } = await sales.prospecting.screen('raw-1', { decision: 'lead', lead: { title: 'Cần phần mềm bán hàng' } });
    assert.deepEqual([rawContact.screeningStatus, rawContact.leadId], ['screened', lead?.id]);
    assert.deepEqual([lead?.title, lead?.contactName, lead?.channel, lead?.source, lead?.rawContactId, lead?.phones?.mobile], ['Cần phần mềm bán hàng', 'Bùi Thanh Tâm', 'event', 'Hội chợ Techmart', 'raw-1', '0987654321']);
    const again = await rejection(sales.prospecting.screen('raw-1', { decision: 'reject', reason: 'trùng' }));
    assert.ok(again instanceof CrmRuleError);
    assert.equal(again.rule, 'already_screened');
  });

  it('bulk screening lands whole: a rejection without a reason refuses the batch, naming its position, and nothing is written', async () => {
    const { crm, sales, storage } = await setup();
    await crm.rawContacts.createMany([{ name: 'A Một' }, { name: 'B Hai' }, { name: 'C Ba' }]);
    const [a, b, c] = (await crm.rawContacts.listAll()).map((raw) => raw.id);
    const before = await commitCount(storage);
    const error = await rejection(
      sales.prospecting.screenMany([
        { rawContactId: a!, decision: 'lead' },
        { rawContactId: b!, decision: 'reject', reason: '' },
        { rawContactId: c!, decision: 'lead', lead: { email: 'not-an-email' } },
      ]),
    );
    assert.ok(error instanceof CrmValidationError);
    assert.deepEqual(error.issues.map((issue) => issue.path).sort(), ['1.screeningReason', '2.lead.email']);
    assert.equal(await commitCount(storage), before);
    const done = await sales.prospecting.screenMany([
      { rawContactId: a!, decision: 'lead' },
      { rawContactId: b!, decision: 'reject', reason: 'Số điện thoại không liên lạc được' },
      { rawContactId: c!, decision: 'lead' },
    ]);
    assert.equal(await commitCount(storage), before + 1, 'one commit for the batch');
    assert.deepEqual(done.map((result) => [result.rawContact.screeningStatus, Boolean(result.lead)]), [['screened', true], ['rejected', false], ['screened', true]]);
    assert.equal(await crm.leads.count(), 2);
  });
});

describe('lead capture and qualification', () => {
  it('a capture must say its channel', async () => {
    const { sales } = await setup();
    const error = await rejection(sales.prospecting.capture({ title: 'Không rõ nguồn' }));
    assert.ok(error instanceof CrmValidationError);
    assert.equal(error.issues[0]?.path, 'channel');
  });

  it('a website form lead keeps its tracking: campaign, medium, source, referred by', async () => {
    const { sales } = await setup();
    const { lead } = await sales.prospecting.capture({ title: 'Đăng ký dùng thử', channel: 'landing_page', campaign: 'Black Friday', medium: 'cpc', source: 'google', referredBy: 'Anh Khoa', priority: 2, tagIds: ['tag-sme'] });
    assert.deepEqual([lead.campaign, lead.medium, lead.source, lead.referredBy, lead.priority, lead.tagIds], ['Black Friday', 'cpc', 'google', 'Anh Khoa', 2, ['tag-sme']]);
  });

  it('with the lead step off, a capture goes straight to an opportunity (the lead is kept, converted, for its tracking)', async () => {
    const { crm, sales } = await setup({ sales: { prospecting: { leadStep: false } } });
    await crm.pipeline.seedDefaultStages();
    const result = await sales.prospecting.capture({ title: 'Gói cước doanh nghiệp', channel: 'facebook', campaign: 'FB Ads T11', contactName: 'Lý Thu Trang', phones: { mobile: '0912000111' }, expectedRevenue: { amount: 9_000_000, currency: 'VND' } });
    assert.ok(result.opportunity);
    assert.deepEqual([result.opportunity.name, result.opportunity.stageId, result.opportunity.leadId, result.opportunity.expectedRevenue?.amount], ['Gói cước doanh nghiệp', 'stage-contact', result.lead.id, 9_000_000]);
    assert.equal(result.contact?.fullName, 'Lý Thu Trang');
    assert.equal(result.company, undefined);
    assert.deepEqual([result.lead.status, result.lead.campaign, result.lead.convertedOpportunityId], ['converted', 'FB Ads T11', result.opportunity.id]);
    sales.prospecting.setLeadStep(true);
    const stepped = await sales.prospecting.capture({ title: 'Lần sau', channel: 'email' });
    assert.equal(stepped.opportunity, undefined);
    assert.equal(await crm.opportunities.count(), 1);
  });

  it('BANT answers are recorded and shown as a score: only confirmed answers count', async () => {
    const { sales } = await setup();
    const { lead } = await sales.prospecting.capture({ title: 'Camera cho chuỗi cửa hàng', channel: 'walk_in' });
    const first = await sales.prospecting.qualify(lead.id, { budget: { answer: '200 triệu', confirmed: true }, need: { answer: '20 camera', confirmed: true } });
    assert.deepEqual([first.score.score, first.score.level, first.score.missing], [50, 'partly', ['authority', 'timeline']]);
    const second = await sales.prospecting.qualify(lead.id, { authority: { answer: 'Giám đốc', confirmed: true }, timeline: { answer: 'Quý 1', confirmed: false } });
    assert.deepEqual([second.score.score, second.score.unconfirmed, second.lead.bant?.budget?.answer], [75, ['timeline'], '200 triệu']);
  });
});

describe('assignment', () => {
  it('by hand: a member of the team gets it; a user outside the team is refused at salespersonId; a full member is refused', async () => {
    const { crm, sales, storage } = await setup();
    await seedSalesForce(crm, sales);
    const leads = await Promise.all([1, 2, 3].map((i) => sales.prospecting.capture({ title: `Lead ${i}`, channel: 'phone' })));
    const assigned = await sales.prospecting.assign(leads[0]!.lead.id, { salespersonId: 'u-binh', salesTeamId: 'team-hn' });
    assert.deepEqual([assigned.salespersonId, assigned.salesTeamId, assigned.ownerId, assigned.teamId], ['u-binh', 'team-hn', 'u-binh', 'team-hn']);
    await sales.prospecting.assign(leads[1]!.lead.id, { salespersonId: 'u-binh', salesTeamId: 'team-hn' });
    const before = await commitCount(storage);
    const full = await rejection(sales.prospecting.assign(leads[2]!.lead.id, { salespersonId: 'u-binh', salesTeamId: 'team-hn' }));
    assert.ok(full instanceof CrmValidationError);
    assert.deepEqual([full.issues[0]?.path, full.issues[0]?.code], ['salespersonId', 'over_capacity']);
    const unknown = await rejection(sales.prospecting.assign(leads[2]!.lead.id, { salespersonId: 'u-nobody' }));
    assert.ok(unknown instanceof CrmValidationError);
    assert.equal(unknown.issues[0]?.path, 'salespersonId');
    assert.equal(await commitCount(storage), before);
  });

  it('round-robin within a team skips members at capacity and continues where the last batch stopped', async () => {
    const { crm, sales } = await setup();
    await seedSalesForce(crm, sales);
    await sales.teams.update('team-hn', { memberCapacity: { 'u-chi': 1 } });
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await sales.prospecting.capture({ title: `Lead ${i}`, channel: 'website' })).lead.id);
    const first = await sales.prospecting.assignRoundRobin(ids.slice(0, 2), { salesTeamId: 'team-hn' });
    assert.deepEqual(first.assignments.map((a) => a.salespersonId), ['u-an', 'u-binh']);
    const second = await sales.prospecting.assignRoundRobin(ids.slice(2), { salesTeamId: 'team-hn' });
    // u-chi takes one (capacity 1), then u-an and u-binh fill up to 2 each, and the sixth finds nobody
    assert.deepEqual(second.assignments.map((a) => a.salespersonId), ['u-chi', 'u-an', 'u-binh']);
    assert.deepEqual(second.unassigned, [ids[5]]);
    assert.equal((await crm.leads.get(ids[2]!)).salesTeamId, 'team-hn');
  });

  it('a team leader rotates their team’s leads: the cursor moves for them, though the team’s set-up stays a manager’s', async () => {
    const { crm, sales } = await setup();
    await seedSalesForce(crm, sales);
    const leader = createCrm({ storage: crm.context.storage, actor: { id: 'u-an', role: 'team_leader', teamIds: ['team-hn'] } });
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) ids.push((await leader.prospecting.capture({ title: `Lead ${i}`, channel: 'zalo', salesTeamId: 'team-hn' })).lead.id);
    const result = await leader.prospecting.assignRoundRobin(ids, { salesTeamId: 'team-hn' });
    assert.deepEqual(result.assignments.map((a) => a.salespersonId), ['u-an', 'u-binh']);
    assert.equal((await crm.salesTeams.get('team-hn')).assignmentCursor, 2);
    const setUp = await rejection(leader.teams.update('team-hn', { defaultCapacity: 50 }));
    assert.ok(setUp instanceof CrmPermissionError);
  });

  it('by sales region: each lead goes to the least loaded salesperson of its region, whatever the accents', async () => {
    const { crm, sales } = await setup();
    await seedSalesForce(crm, sales);
    const hcm = await sales.prospecting.capture({ title: 'Khách quận 1', channel: 'phone', salesRegion: 'tp. ho chi minh' });
    const hcm2 = await sales.prospecting.capture({ title: 'Khách quận 7', channel: 'phone', salesRegion: 'TP. Hồ Chí Minh' });
    const nowhere = await sales.prospecting.capture({ title: 'Khách Đà Nẵng', channel: 'phone', salesRegion: 'Đà Nẵng' });
    const result = await sales.prospecting.assignByRegion([hcm.lead.id, hcm2.lead.id, nowhere.lead.id], { salesTeamId: 'team-hcm' });
    assert.deepEqual(result.assignments.map((a) => a.salespersonId), ['u-dung', 'u-em']);
    assert.deepEqual(result.unassigned, [nowhere.lead.id]);
  });
});

describe('conversion', () => {
  it('proposes existing contacts and companies by exact e-mail or phone once normalised, and links them', async () => {
    const { crm, sales } = await setup();
    await crm.pipeline.seedDefaultStages();
    await crm.companies.create({ name: 'CÔNG TY TNHH SAO MAI', phones: ['024 3555 6666'] }, { id: 'co-saomai' });
    await crm.contacts.create({ fullName: 'Hoàng Văn Nam', phones: [{ number: '+84 903 111 222', kind: 'mobile' }] }, { id: 'ct-nam' });
    await crm.contacts.create({ fullName: 'Người khác', emails: ['other@example.vn'] }, { id: 'ct-other' });
    const { lead } = await sales.prospecting.capture({ title: 'Gói Y', channel: 'event', contactName: 'Nam Hoàng', phones: { mobile: '0903.111.222' }, companyName: 'Sao Mai Co., Ltd' });
    const candidates = await sales.prospecting.conversionCandidates(lead.id);
    assert.deepEqual(candidates.contacts.map((c) => [c.record.id, c.reasons]), [['ct-nam', ['phone']]]);
    assert.deepEqual(candidates.companies.map((c) => [c.record.id, c.reasons]), [['co-saomai', ['company_name']]]);
    const { contact, company, opportunity } = await sales.prospecting.convert(lead.id, { contact: { mode: 'link', id: 'ct-nam' }, company: { mode: 'link', id: 'co-saomai' } });
    assert.equal(contact?.id, 'ct-nam');
    assert.equal(contact?.companyId, 'co-saomai', 'a linked contact without an employer joins the named company');
    assert.equal(company?.id, 'co-saomai');
    assert.deepEqual([opportunity.contactId, opportunity.companyId], ['ct-nam', 'co-saomai']);
    assert.equal(await crm.contacts.count(), 2);
  });

  it('on the facade, candidates follow the duplicate rules: each says which rule proposed it and how sure it is', async () => {
    const { crm } = await setup();
    await crm.pipeline.seedDefaultStages();
    await crm.companies.create({ name: 'Công ty Cổ phần Sao Mai' }, { id: 'co-saomai' });
    await crm.contacts.create({ fullName: 'Hoàng Văn Nam', phones: [{ number: '0168 311 1222', kind: 'mobile' }] }, { id: 'ct-nam' });
    await crm.contacts.create({ fullName: 'Hoàng Văn Nam', emails: ['nam@other.vn'] }, { id: 'ct-namesake' });
    // the 2018 renumbering: 0168 311 1222 is now 038 311 1222
    const { lead } = await crm.prospecting.capture({ title: 'Gói Y', channel: 'event', contactName: 'hoang van nam', phones: { mobile: '+84 38 311 1222' }, companyName: 'Sao Mai JSC' });
    const candidates = await crm.prospecting.conversionCandidates(lead.id);
    assert.deepEqual(candidates.contacts.map((c) => [c.record.id, c.rule, c.reasons, c.score]), [['ct-nam', 'phone', ['phone'], 1]]);
    assert.deepEqual(candidates.companies.map((c) => [c.record.id, c.reasons]), [['co-saomai', ['company_name']]]);
  });

  it('"none" creates neither contact nor company: only the opportunity', async () => {
    const { crm, sales } = await setup();
    await crm.pipeline.seedDefaultStages();
    const { lead } = await sales.prospecting.capture({ title: 'Gói Y', channel: 'email', contactName: 'Ai đó', companyName: 'Công ty X' });
    const result = await sales.prospecting.convert(lead.id, { contact: { mode: 'none' }, company: { mode: 'none' }, opportunity: { stageId: 'stage-evaluate' } });
    assert.deepEqual([result.contact, result.company, result.opportunity.stageId, result.opportunity.probability], [undefined, undefined, 'stage-evaluate', 30]);
    assert.deepEqual([await crm.contacts.count(), await crm.companies.count()], [0, 0]);
  });

  it('a conversion that fails half-way writes nothing: a bad opportunity field, an unknown link, a stale revision', async () => {
    const { crm, sales, storage } = await setup();
    await crm.pipeline.seedDefaultStages();
    const { lead } = await sales.prospecting.capture({ title: 'Gói Y', channel: 'phone', contactName: 'Đinh Văn Lực', companyName: 'Công ty Lực Việt' });
    const before = await commitCount(storage);
    const badField = await rejection(sales.prospecting.convert(lead.id, { opportunity: { probability: 150 } }));
    assert.ok(badField instanceof CrmValidationError);
    assert.deepEqual(badField.issues.map((issue) => issue.path), ['opportunity.probability']);
    const badStage = await rejection(sales.prospecting.convert(lead.id, { opportunity: { stageId: 'stage-nope' } }));
    assert.ok(badStage instanceof CrmValidationError);
    assert.equal(badStage.issues[0]?.path, 'opportunity.stageId');
    const badLink = await rejection(sales.prospecting.convert(lead.id, { company: { mode: 'link', id: 'co-ghost' } }));
    assert.ok(badLink instanceof CrmValidationError);
    assert.equal(badLink.issues[0]?.path, 'company.id');
    const noName = await rejection(sales.prospecting.convert(lead.id, { contact: { mode: 'create', data: { fullName: '' } } }));
    assert.ok(noName instanceof CrmValidationError);
    assert.equal(noName.issues[0]?.path, 'contact.fullName');
    const stale = await rejection(sales.prospecting.convert(lead.id, { expectedRev: lead.rev - 1 + 5 }));
    assert.ok(stale instanceof CrmConflictError, 'the contact and company were collected, then the lead write failed: all or nothing');
    assert.equal(await commitCount(storage), before);
    assert.deepEqual([await crm.contacts.count(), await crm.companies.count(), await crm.opportunities.count()], [0, 0, 0]);
    assert.equal((await crm.leads.get(lead.id)).status, 'open');
  });

  it('a lost lead needs a lost reason and is not converted', async () => {
    const { crm, sales } = await setup();
    await seedSalesForce(crm, sales);
    const { lead } = await sales.prospecting.capture({ title: 'Gói Y', channel: 'phone' });
    const noReason = await rejection(sales.prospecting.markLost(lead.id, {}));
    assert.ok(noReason instanceof CrmValidationError);
    assert.equal(noReason.issues[0]?.path, 'lostReasonId');
    await sales.prospecting.markLost(lead.id, { lostReasonId: 'lr-price' });
    const convert = await rejection(sales.prospecting.convert(lead.id));
    assert.ok(convert instanceof CrmRuleError);
    assert.equal(convert.rule, 'lead_lost');
  });

  it('marking a lead lost adds why under its note instead of replacing it', async () => {
    const { crm, sales } = await setup();
    await seedSalesForce(crm, sales);
    const { lead } = await sales.prospecting.capture({ title: 'Gói Y', channel: 'phone', note: 'Khách hẹn gọi lại sau Tết' });
    const lost = await sales.prospecting.markLost(lead.id, { lostReasonId: 'lr-price', note: 'Chê đắt' });
    assert.equal(lost.note, 'Khách hẹn gọi lại sau Tết\n\nChê đắt');
  });

  it('a conversion choice that is not one is refused naming it, and nothing is written', async () => {
    const { crm, sales, storage } = await setup();
    await crm.pipeline.seedDefaultStages();
    const { lead } = await sales.prospecting.capture({ title: 'Gói Y', channel: 'phone', contactName: 'Đinh Văn Lực' });
    const before = await commitCount(storage);
    const typo = await rejection(sales.prospecting.convert(lead.id, { contact: { mode: 'crete' } as never }));
    assert.ok(typo instanceof CrmValidationError);
    assert.deepEqual(typo.issues.map((issue) => issue.path), ['contact.mode']);
    const noId = await rejection(sales.prospecting.convert(lead.id, { company: { mode: 'link' } as never }));
    assert.ok(noId instanceof CrmValidationError);
    assert.deepEqual(noId.issues.map((issue) => issue.path), ['company.id']);
    assert.equal(await commitCount(storage), before);
  });

  it('the contact a conversion creates meets the duplicate rules: a phone already on file is refused, and linking it works', async () => {
    const { crm } = await setup();
    await crm.pipeline.seedDefaultStages();
    const existing = await crm.contacts.create({ fullName: 'Lê Văn Nam', phones: [{ number: '0903 111 222' }] });
    const { lead } = await crm.prospecting.capture({ title: 'Tổng đài', channel: 'phone', contactName: 'Lê Văn Nam', phones: { mobile: '+84 903 111 222' } });
    const refused = await rejection(crm.prospecting.convert(lead.id));
    assert.ok(refused instanceof CrmDuplicateError);
    assert.deepEqual([refused.entity, refused.matches.map((match) => [match.id, match.rule])], ['contact', [[existing.id, 'phone']]]);
    assert.equal(await crm.contacts.count(), 1);
    const linked = await crm.prospecting.convert(lead.id, { contact: { mode: 'link', id: existing.id } });
    assert.equal(linked.contact?.id, existing.id);
  });
});

describe('screening and capture refuse what is not a decision or a lead', () => {
  it('a screening decision other than lead or reject is refused at its position; a capture of nothing is a validation error', async () => {
    const { crm, sales, storage } = await setup();
    await crm.rawContacts.create({ name: 'Bùi Thanh Tâm', phones: ['0987654321'], source: 'event' }, { id: 'raw-1' });
    const before = await commitCount(storage);
    const approve = await rejection(sales.prospecting.screen('raw-1', { decision: 'approve' } as never));
    assert.ok(approve instanceof CrmValidationError);
    assert.deepEqual(approve.issues.map((issue) => issue.path), ['0.decision']);
    assert.equal(await commitCount(storage), before);
    assert.equal((await crm.rawContacts.get('raw-1')).screeningStatus, 'pending');
    for (const nothing of [null, 'lead', []]) {
      const error = await rejection(sales.prospecting.capture(nothing as never));
      assert.ok(error instanceof CrmValidationError, String(nothing));
    }
  });

  it('a phone needs digits, and revenue is never negative', async () => {
    const { crm } = await setup();
    for (const number of ['---', '( . )']) {
      const error = await rejection(crm.contacts.create({ fullName: 'Ai đó', phones: [{ number }] }));
      assert.ok(error instanceof CrmValidationError, number);
      assert.deepEqual(error.issues.map((issue) => [issue.path, issue.message]), [['phones.0.number', 'must have at least 3 digits']]);
    }
    const negative = await rejection(crm.opportunities.create({ name: 'Âm', stageId: 's', expectedRevenue: { amount: -50_000_000, currency: 'VND' } }));
    assert.ok(negative instanceof CrmValidationError);
    assert.equal(negative.issues[0]?.path, 'expectedRevenue.amount');
  });
});
