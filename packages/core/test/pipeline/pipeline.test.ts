import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCrm, createMemoryAdapter, crmStorageSchema, CrmValidationError, weightedRevenue } from '@crmkit/core';

async function setup() {
  const storage = await createMemoryAdapter({ schema: crmStorageSchema });
  let now = Date.parse('2026-11-23T02:00:00.000Z');
  const crm = createCrm({ storage, actor: { id: 'u-admin', role: 'admin' }, now: () => new Date((now += 60_000)) });
  await crm.pipeline.seedDefaultStages();
  await crm.lostReasons.create({ name: 'Giá cao' }, { id: 'lr-price' });
  return { crm, storage };
}

describe('the pipeline', () => {
  it('the default stages carry Vietnamese and English labels and probabilities', async () => {
    const { crm } = await setup();
    const stages = await crm.stages.list({ orderBy: { field: 'sequence' } });
    assert.deepEqual(stages.records.map((stage) => [stage.labels?.vi, stage.labels?.en, stage.defaultProbability]), [
      ['Liên hệ', 'Contact', 10],
      ['Đánh giá', 'Evaluate', 30],
      ['Đề xuất giải pháp', 'Propose solution', 50],
      ['Đàm phán', 'Negotiate', 70],
      ['Chốt', 'Won', 100],
    ]);
  });

  it('FPT wants a network line and equipment: two opportunities with different teams, one won and one lost; FPT becomes a customer', async () => {
    const { crm } = await setup();
    await crm.companies.create({ name: 'Công ty Cổ phần FPT', taxCode: '0101248141' }, { id: 'fpt' });
    const line = await crm.opportunities.create({ name: 'Đường truyền', companyId: 'fpt', stageId: 'stage-contact', salesTeamId: 'team-net', expectedRevenue: { amount: 120_000_000, currency: 'VND' } });
    const gear = await crm.opportunities.create({ name: 'Thiết bị mạng', companyId: 'fpt', stageId: 'stage-contact', salesTeamId: 'team-gear', expectedRevenue: { amount: 300_000_000, currency: 'VND' } });
    const moved = await crm.pipeline.moveStage(line.id, 'stage-negotiate', { expectedRev: line.rev });
    assert.equal(moved.probability, 70);
    assert.equal(weightedRevenue(moved), 84_000_000);
    // the stay in the first stage is back-filled from the opportunity's creation
    assert.deepEqual(moved.stageHistory?.map((visit) => [visit.stageId, Boolean(visit.leftAt)]), [['stage-contact', true], ['stage-negotiate', false]]);
    const won = await crm.pipeline.markWon(line.id);
    assert.equal(won.status, 'won');
    assert.equal((await crm.companies.get('fpt')).status, 'customer', 'the first won opportunity makes FPT a customer');
    const lost = await crm.pipeline.markLost(gear.id, { lostReasonId: 'lr-price', note: 'Đối thủ rẻ hơn 15%' });
    assert.deepEqual([lost.status, lost.lostReasonId, lost.probability], ['lost', 'lr-price', 0]);
    const reopened = await crm.pipeline.reopen(gear.id);
    assert.equal(reopened.status, 'open');
    assert.equal(reopened.lostReasonId, undefined);
  });

  it('a lost opportunity without a reason, or an unknown stage, is refused naming the field, and nothing is written', async () => {
    const { crm, storage } = await setup();
    const opportunity = await crm.opportunities.create({ name: 'X', stageId: 'stage-contact' });
    const before = (await storage.changesSince(0)).batches.length;
    const noReason = await crm.pipeline.markLost(opportunity.id, {}).catch((e: unknown) => e);
    assert.ok(noReason instanceof CrmValidationError);
    assert.equal(noReason.issues[0]!.path, 'lostReasonId');
    const unknownStage = await crm.pipeline.moveStage(opportunity.id, 'stage-nope').catch((e: unknown) => e);
    assert.ok(unknownStage instanceof CrmValidationError);
    assert.equal(unknownStage.issues[0]!.path, 'stageId');
    assert.equal((await storage.changesSince(0)).batches.length, before);
  });
});
