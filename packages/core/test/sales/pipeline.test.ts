import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CrmConflictError, CrmRuleError, CrmValidationError } from '@crmkit/core';
import { commitCount, rejection, seedSalesForce, setup } from './setup.js';

describe('the pipeline over time', () => {
  it('stage history records each stay with its timestamps; won moves to the won stage, reopen goes back', async () => {
    const { crm, sales } = await setup();
    await seedSalesForce(crm, sales);
    const opportunity = await crm.pipeline.open({ name: 'Gói Y', expectedRevenue: { amount: 10_000_000, currency: 'VND' } });
    assert.deepEqual([opportunity.stageId, opportunity.probability, opportunity.stageHistory?.length], ['stage-contact', 10, 1]);
    const moved = await crm.pipeline.moveStage(opportunity.id, 'stage-evaluate', { expectedRev: opportunity.rev });
    const stale = await rejection(crm.pipeline.moveStage(opportunity.id, 'stage-propose', { expectedRev: opportunity.rev }));
    assert.ok(stale instanceof CrmConflictError, 'a move over someone else’s change is a conflict');
    const won = await crm.pipeline.markWon(moved.id);
    assert.deepEqual(won.stageHistory?.map((visit) => [visit.stageId, Boolean(visit.enteredAt), Boolean(visit.leftAt)]), [
      ['stage-contact', true, true],
      ['stage-evaluate', true, true],
      ['stage-won', true, false],
    ]);
    assert.equal(won.stageHistory?.[0]?.leftAt, won.stageHistory?.[1]?.enteredAt);
    const closedMove = await rejection(crm.pipeline.moveStage(won.id, 'stage-contact'));
    assert.ok(closedMove instanceof CrmRuleError);
    const reopened = await crm.pipeline.reopen(won.id);
    assert.deepEqual([reopened.status, reopened.stageId, reopened.probability, reopened.closedAt], ['open', 'stage-evaluate', 30, undefined]);
  });

  it('an opportunity opened in an unknown stage is refused at stageId; a lost reason that does not exist at lostReasonId', async () => {
    const { crm, sales, storage } = await setup();
    await seedSalesForce(crm, sales);
    const before = await commitCount(storage);
    const stage = await rejection(crm.pipeline.open({ name: 'X', stageId: 'stage-ghost' }));
    assert.ok(stage instanceof CrmValidationError);
    assert.equal(stage.issues[0]?.path, 'stageId');
    const opportunity = await crm.pipeline.open({ name: 'Y' });
    const reason = await rejection(crm.pipeline.markLost(opportunity.id, { lostReasonId: 'lr-ghost' }));
    assert.ok(reason instanceof CrmValidationError);
    assert.equal(reason.issues[0]?.path, 'lostReasonId');
    assert.equal(await commitCount(storage), before + 1);
  });

  it('an opportunity cannot start in the won stage: it is won through markWon', async () => {
    const { crm, sales, storage } = await setup();
    await seedSalesForce(crm, sales);
    const before = await commitCount(storage);
    const error = await rejection(crm.pipeline.open({ name: 'Thắng sẵn', stageId: 'stage-won' }));
    assert.ok(error instanceof CrmValidationError);
    assert.equal(error.issues[0]?.path, 'stageId');
    // nor through the plain service, one by one or in a batch
    for (const attempt of [crm.opportunities.create({ name: 'Thắng sẵn', stageId: 'stage-won' }), crm.opportunities.createMany([{ name: 'A', stageId: 'stage-contact' }, { name: 'B', stageId: 'stage-won' }])]) {
      const plain = await rejection(attempt);
      assert.ok(plain instanceof CrmValidationError);
      assert.deepEqual(plain.issues.map((issue) => [issue.path, issue.code]), [['stageId', 'workflow_field']]);
    }
    assert.equal(await commitCount(storage), before);
    // a migration writes a won deal as it was
    const migrated = await crm.as({ id: 'migration', role: 'system' }).opportunities.create({ name: 'Hợp đồng 2019', stageId: 'stage-won', status: 'won' });
    assert.equal(migrated.stageId, 'stage-won');
  });

  it('a salesperson wins their own deal on a company of the shared pool, and the company becomes a customer', async () => {
    const { crm, sales } = await setup();
    await seedSalesForce(crm, sales);
    const pool = await crm.as({ id: 'system', role: 'system' }).companies.create({ name: 'Công ty TNHH Minh Phát', status: 'potential' });
    const an = crm.as({ id: 'u-an', role: 'salesperson', teamIds: ['team-hn'] });
    const deal = await an.pipeline.open({ name: 'Tổng đài IP', companyId: pool.id });
    const won = await an.pipeline.markWon(deal.id);
    assert.equal(won.status, 'won');
    assert.equal((await crm.companies.get(pool.id)).status, 'customer');
  });

  it('the forecast groups the open pipeline by expected-close month', async () => {
    const { crm, sales } = await setup();
    await seedSalesForce(crm, sales);
    await crm.pipeline.open({ name: 'A', expectedCloseDate: '2026-12-05', expectedRevenue: { amount: 100, currency: 'VND' } });
    await crm.pipeline.open({ name: 'B', expectedCloseDate: '2026-12-20', stageId: 'stage-negotiate', expectedRevenue: { amount: 1000, currency: 'VND' } });
    await crm.pipeline.open({ name: 'C', expectedCloseDate: '2027-01-10', expectedRevenue: { amount: 50, currency: 'VND' } });
    await crm.pipeline.open({ name: 'D', expectedRevenue: { amount: 7, currency: 'VND' } });
    assert.deepEqual((await sales.reports.forecast()).map((row) => [row.month, row.count, row.expected, row.weighted]), [
      ['2026-12', 2, 1100, 710],
      ['2027-01', 1, 50, 5],
      ['none', 1, 7, 1],
    ]);
  });
});
