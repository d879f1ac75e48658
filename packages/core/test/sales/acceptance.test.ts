import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CrmRuleError, CrmValidationError } from '@crmkit/core';
import { commitCount, rejection, seedSalesForce, setup } from './setup.js';

describe('the sales cycle, as the issue tells it', () => {
  it('a caller asks about product Y: the salesperson records a lead', async () => {
    const { crm, sales } = await setup({ actor: { id: 'u-binh', role: 'salesperson', teamIds: ['team-hn'] } });
    const { lead } = await sales.prospecting.capture({
      title: 'Hỏi về sản phẩm Y',
      channel: 'phone',
      contactName: 'Đỗ Thị Hoa',
      phones: { mobile: '0912 345 678' },
      campaign: 'Tổng đài 1800',
      source: 'Hotline',
    });
    assert.equal(lead.status, 'open');
    assert.equal(lead.channel, 'phone');
    assert.equal(lead.campaign, 'Tổng đài 1800');
    assert.equal(lead.ownerId, 'u-binh', 'the salesperson who took the call owns the lead');
    assert.equal((await crm.leads.get(lead.id)).title, 'Hỏi về sản phẩm Y');
  });

  it('a conference lead later converts into a contact, a potential company and an opportunity "package Y"', async () => {
    const { crm, sales } = await setup();
    await seedSalesForce(crm, sales);
    const { lead } = await sales.prospecting.capture({
      title: 'Gặp tại hội thảo Vietnam ICT',
      channel: 'event',
      campaign: 'Vietnam ICT Summit 2026',
      contactName: 'Hoàng Văn Nam',
      jobTitle: 'Giám đốc CNTT',
      companyName: 'Công ty TNHH Sao Mai',
      email: 'nam.hv@saomai.vn',
      phones: { mobile: '0903 111 222' },
      salespersonId: 'u-an',
      salesTeamId: 'team-hn',
    });
    // later the prospect asks about service Y
    const { contact, company, opportunity, lead: converted } = await sales.prospecting.convert(lead.id, {
      opportunity: { name: 'Gói Y', expectedRevenue: { amount: 50_000_000, currency: 'VND' }, expectedCloseDate: '2027-01-15' },
    });
    assert.equal(contact?.fullName, 'Hoàng Văn Nam');
    assert.equal(contact?.position, 'Giám đốc CNTT');
    assert.deepEqual(contact?.emails, ['nam.hv@saomai.vn']);
    assert.equal(contact?.companyId, company?.id);
    assert.equal(company?.name, 'Công ty TNHH Sao Mai');
    assert.equal(company?.status, 'potential');
    assert.equal(opportunity.name, 'Gói Y');
    assert.deepEqual([opportunity.stageId, opportunity.probability, opportunity.status], ['stage-contact', 10, 'open']);
    assert.deepEqual([opportunity.contactId, opportunity.companyId, opportunity.leadId, opportunity.salespersonId, opportunity.salesTeamId], [contact?.id, company?.id, lead.id, 'u-an', 'team-hn']);
    assert.deepEqual([converted.status, converted.convertedContactId, converted.convertedCompanyId, converted.convertedOpportunityId], ['converted', contact?.id, company?.id, opportunity.id]);
    const twice = await rejection(sales.prospecting.convert(lead.id));
    assert.ok(twice instanceof CrmRuleError);
    assert.equal(twice.rule, 'already_converted');
  });

  it('FPT wants a network line and network equipment: two opportunities with different teams, one won, one lost with a reason; FPT becomes a customer and the reports count both', async () => {
    const { crm, sales } = await setup();
    await seedSalesForce(crm, sales);
    await crm.companies.create({ name: 'Công ty Cổ phần FPT', taxCode: '0101248141' }, { id: 'fpt' });
    const line = await crm.pipeline.open({ name: 'Đường truyền cáp quang', companyId: 'fpt', salespersonId: 'u-an', salesTeamId: 'team-hn', expectedRevenue: { amount: 120_000_000, currency: 'VND' }, expectedCloseDate: '2026-12-20' });
    const gear = await crm.pipeline.open({ name: 'Thiết bị mạng', companyId: 'fpt', salespersonId: 'u-dung', salesTeamId: 'team-hcm', expectedRevenue: { amount: 300_000_000, currency: 'VND' }, expectedCloseDate: '2027-01-10' });
    await crm.pipeline.moveStage(line.id, 'stage-negotiate', { expectedRev: line.rev });
    await crm.pipeline.moveStage(gear.id, 'stage-propose');
    const before = await sales.reports.pipelineByStage();
    assert.deepEqual(before.filter((row) => row.count > 0).map((row) => [row.name, row.count, row.expected, row.weighted]), [
      ['Propose solution', 1, 300_000_000, 150_000_000],
      ['Negotiate', 1, 120_000_000, 84_000_000],
    ]);
    assert.equal((await crm.companies.get('fpt')).status, 'potential');
    const won = await crm.pipeline.markWon(line.id);
    assert.deepEqual([won.status, won.stageId], ['won', 'stage-won']);
    assert.equal((await crm.companies.get('fpt')).status, 'customer', 'the first won opportunity makes FPT a customer');
    const lost = await crm.pipeline.markLost(gear.id, { lostReasonId: 'lr-competitor', note: 'Khách chọn nhà cung cấp khác' });
    assert.deepEqual([lost.status, lost.lostReasonId], ['lost', 'lr-competitor']);
    assert.equal((await crm.companies.get('fpt')).status, 'customer', 'losing the second one does not undo it');

    const byTeam = await sales.reports.winRates('team');
    assert.deepEqual(byTeam.map((row) => [row.key, row.won, row.lost, row.winRate, row.revenue]), [
      ['team-hn', 1, 0, 1, 120_000_000],
      ['team-hcm', 0, 1, 0, 0],
    ]);
    const byPerson = await sales.reports.winRates('salesperson');
    assert.deepEqual(byPerson.map((row) => [row.key, row.won, row.lost]), [['u-an', 1, 0], ['u-dung', 0, 1]]);
    assert.deepEqual((await sales.reports.lostReasons()).map((row) => [row.name, row.count, row.share, row.expectedLost]), [['Chọn đối thủ', 1, 1, 300_000_000]]);
    assert.ok((await sales.reports.pipelineByStage()).every((row) => row.count === 0), 'neither is pipeline any more');
    const funnel = await sales.reports.funnel();
    assert.deepEqual([funnel.opportunities, funnel.won, funnel.opportunityToWon], [2, 1, 0.5]);
  });

  it('an activity type "Call" with next type "Send quote" after 2 days: completing the call schedules the quote task 2 days after completion', async () => {
    const { crm, sales } = await setup();
    await crm.activityTypes.create({ name: 'Gửi báo giá', kind: 'email' }, { id: 'type-send-quote' });
    await crm.activityTypes.create({ name: 'Gọi điện', kind: 'call', nextTypeId: 'type-send-quote', nextDelayDays: 2, nextMode: 'schedule' }, { id: 'type-call' });
    const call = await sales.activityPlanner.schedule({ typeId: 'type-call', assigneeId: 'u-an', dueAt: '2026-11-23T03:00:00.000Z', related: { entity: 'opportunity', id: 'opp-1' } });
    assert.deepEqual([call.kind, call.summary], ['call', 'Gọi điện']);
    const { activity, next } = await sales.activityPlanner.complete(call.id, { outcome: 'Khách muốn nhận báo giá', doneAt: '2026-11-23T09:30:00+07:00' });
    assert.deepEqual([activity.status, activity.outcome, activity.doneAt], ['done', 'Khách muốn nhận báo giá', '2026-11-23T02:30:00.000Z']);
    assert.ok(next);
    assert.deepEqual([next.typeId, next.kind, next.summary, next.status, next.assigneeId], ['type-send-quote', 'email', 'Gửi báo giá', 'planned', 'u-an']);
    assert.equal(next.dueAt, '2026-11-25T02:30:00.000Z', 'two days after the completion time');
    assert.deepEqual(next.related, { entity: 'opportunity', id: 'opp-1' });
    assert.equal(next.previousActivityId, call.id);
  });

  it('bad input everywhere is refused with field-named errors, and nothing is written', async () => {
    const { crm, sales, storage } = await setup();
    await seedSalesForce(crm, sales);
    const opportunity = await crm.pipeline.open({ name: 'Gói Y', salesTeamId: 'team-hn' });
    const { lead } = await sales.prospecting.capture({ title: 'Khách hỏi gói Y', channel: 'zalo', salesTeamId: 'team-hn' });
    const before = await commitCount(storage);

    const unknownStage = await rejection(crm.pipeline.moveStage(opportunity.id, 'stage-nope'));
    assert.ok(unknownStage instanceof CrmValidationError);
    assert.equal(unknownStage.issues[0]?.path, 'stageId');

    const noReason = await rejection(crm.pipeline.markLost(opportunity.id, {}));
    assert.ok(noReason instanceof CrmValidationError);
    assert.equal(noReason.issues[0]?.path, 'lostReasonId');

    const negative = await rejection(
      sales.documents.createQuote({ opportunityId: opportunity.id, lines: [{ description: 'Gói Y', quantity: 1, unitPrice: 1_000_000 }, { description: 'Modem', quantity: -2, unitPrice: 500_000 }] }),
    );
    assert.ok(negative instanceof CrmValidationError);
    assert.deepEqual(negative.issues.map((issue) => issue.path), ['lines.1.quantity']);

    const outsider = await rejection(sales.prospecting.assign(lead.id, { salespersonId: 'u-dung', salesTeamId: 'team-hn' }));
    assert.ok(outsider instanceof CrmValidationError);
    assert.equal(outsider.issues[0]?.path, 'salespersonId');
    assert.match(outsider.issues[0]!.message, /not a member/);

    assert.equal(await commitCount(storage), before, 'the change feed is unchanged');
    assert.equal((await crm.opportunities.get(opportunity.id)).rev, opportunity.rev);
    assert.equal(await crm.quotes.count(), 0);
    assert.equal((await crm.leads.get(lead.id)).salespersonId, undefined);
  });
});

describe('the facade', () => {
  it('carries the sales-cycle services next to the entity services', async () => {
    const { crm } = await setup();
    await crm.pipeline.seedDefaultStages();
    const { lead } = await crm.prospecting.capture({ title: 'Gói Y', channel: 'website', contactName: 'Khách web' });
    const { opportunity } = await crm.prospecting.convert(lead.id);
    const quote = await crm.documents.createQuote({ opportunityId: opportunity.id, lines: [{ description: 'Gói Y', quantity: 1, unitPrice: 990_000 }] });
    assert.equal(quote.totals?.total, 990_000);
    assert.deepEqual((await crm.reports.funnel()).leadToOpportunity, 1);
    for (const name of ['activityPlanner', 'teams', 'support', 'greetings'] as const) assert.ok(crm[name], name);
  });
});
