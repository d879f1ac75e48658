import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CrmRuleError, CrmValidationError } from '@crmkit/core';
import { commitCount, rejection, seedSalesForce, setup } from './setup.js';

describe('sales teams', () => {
  it('a team needs a name, and its members and leader must be users; nothing is written otherwise', async () => {
    const { crm, sales, storage } = await setup();
    await seedSalesForce(crm, sales);
    const before = await commitCount(storage);
    const noName = await rejection(sales.teams.create({ name: '  ', memberIds: ['u-an'] }));
    assert.ok(noName instanceof CrmValidationError);
    assert.equal(noName.issues[0]?.path, 'name');
    const ghost = await rejection(sales.teams.create({ name: 'Đà Nẵng', memberIds: ['u-an', 'u-ghost'], leaderId: 'u-nobody', memberCapacity: { 'u-binh': 3 } }));
    assert.ok(ghost instanceof CrmValidationError);
    assert.deepEqual(ghost.issues.map((issue) => issue.path), ['memberIds.1', 'leaderId', 'memberCapacity.u-binh']);
    assert.equal(await commitCount(storage), before);
  });

  it("members' teams follow the team: joining and leaving update the user in the same commit", async () => {
    const { crm, sales } = await setup();
    await seedSalesForce(crm, sales);
    assert.deepEqual((await crm.users.get('u-binh')).teamIds, ['team-hn']);
    await sales.teams.addMember('team-hcm', 'u-binh', { capacity: 5 });
    assert.deepEqual((await crm.users.get('u-binh')).teamIds, ['team-hn', 'team-hcm']);
    assert.equal((await crm.salesTeams.get('team-hcm')).memberCapacity?.['u-binh'], 5);
    await sales.teams.removeMember('team-hn', 'u-binh');
    assert.deepEqual((await crm.users.get('u-binh')).teamIds, ['team-hcm']);
    assert.deepEqual((await crm.salesTeams.get('team-hn')).memberIds, ['u-an', 'u-chi']);
  });
});

describe('cases', () => {
  it('a case goes New → In progress → Resolved (with a resolution) → Closed; other moves are refused', async () => {
    const { sales } = await setup();
    const ticket = await sales.support.open({ title: 'Modem mất kết nối', priority: 'high', companyId: 'fpt', orderId: 'order-1' });
    assert.equal(ticket.status, 'new');
    const skip = await rejection(sales.support.close(ticket.id));
    assert.ok(skip instanceof CrmRuleError);
    assert.equal(skip.rule, 'case_transition');
    await sales.support.start(ticket.id);
    const noText = await rejection(sales.support.resolve(ticket.id, '  '));
    assert.ok(noText instanceof CrmValidationError);
    assert.equal(noText.issues[0]?.path, 'resolution');
    const resolved = await sales.support.resolve(ticket.id, 'Thay modem mới');
    assert.deepEqual([resolved.status, resolved.resolution, Boolean(resolved.resolvedAt)], ['resolved', 'Thay modem mới', true]);
    const reopened = await sales.support.reopen(ticket.id);
    assert.deepEqual([reopened.status, reopened.resolvedAt], ['in_progress', undefined]);
    await sales.support.resolve(ticket.id, 'Cấu hình lại VLAN');
    const closed = await sales.support.close(ticket.id);
    assert.equal(closed.status, 'closed');
    const after = await rejection(sales.support.reopen(ticket.id));
    assert.ok(after instanceof CrmRuleError);
  });
});
