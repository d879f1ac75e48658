import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCrm, createMemoryAdapter, crmStorageSchema, CrmValidationError, isVisitDue } from '@crmkit/core';

async function setup(today = '2026-11-23T02:00:00.000Z') {
  const storage = await createMemoryAdapter({ schema: crmStorageSchema });
  let now = Date.parse(today);
  const clock = { set: (iso: string) => (now = Date.parse(iso)) };
  const crm = createCrm({ storage, actor: { id: 'u-admin', role: 'admin' }, now: () => new Date(now) });
  await crm.users.create({ name: 'Phạm Văn Sơn', role: 'salesperson' }, { id: 'u-son' });
  const shops = [
    { id: 'a', fullName: 'Tạp hóa A', gps: { lat: 10.7769, lng: 106.7009 } },
    { id: 'b', fullName: 'Tạp hóa B', gps: { lat: 10.7626, lng: 106.6822 } },
    { id: 'c', fullName: 'Tạp hóa C', gps: { lat: 10.7803, lng: 106.6990 } },
    { id: 'd', fullName: 'Tạp hóa D', gps: { lat: 10.7540, lng: 106.6634 } },
  ];
  for (const shop of shops) await crm.contacts.create({ kind: 'shop', fullName: shop.fullName, gps: shop.gps }, { id: shop.id });
  const route = await crm.routes.create({ name: 'Tuyến 1', region: 'Quận 1' }, { id: 'route-1' });
  return { crm, storage, clock, route };
}

describe('routes and their members', () => {
  it('route 1 serves A, B and C; three months on C leaves and the route serves A and B, with C’s history kept', async () => {
    const { crm, clock } = await setup('2026-08-01T01:00:00.000Z');
    for (const id of ['a', 'b', 'c']) await crm.fieldSales.addMember('route-1', { customerId: id, customerEntity: 'contact' });
    clock.set('2026-11-01T01:00:00.000Z');
    const route = await crm.fieldSales.setParticipation('route-1', 'c', 'out_of_route', { reason: 'Khách ngừng lấy hàng' });
    const served = route.members.filter((member) => member.participation === 'in_route').map((member) => member.customerId);
    assert.deepEqual(served, ['a', 'b']);
    const c = route.members.find((member) => member.customerId === 'c')!;
    assert.deepEqual(
      c.history.map((entry) => [entry.participation, entry.at, entry.reason ?? null]),
      [
        ['in_route', '2026-08-01T01:00:00.000Z', null],
        ['out_of_route', '2026-11-01T01:00:00.000Z', 'Khách ngừng lấy hàng'],
      ],
    );
  });

  it('a route’s customer ids follow its members however the route is saved', async () => {
    const { crm } = await setup();
    const created = await crm.routes.create({ name: 'Tuyến 2', members: [{ customerId: 'a' }, { customerId: 'b', participation: 'out_of_route' }], customerIds: ['zzz'] });
    assert.deepEqual(created.customerIds, ['a', 'b']);
    const updated = await crm.routes.update(created.id, { members: [{ customerId: 'c', customerEntity: 'contact', participation: 'in_route', history: [] }] });
    assert.deepEqual(updated.customerIds, ['c']);
  });

  it('a member added twice is refused naming customerId, and nothing is written', async () => {
    const { crm, storage } = await setup();
    await crm.fieldSales.addMember('route-1', { customerId: 'a', customerEntity: 'contact' });
    const before = (await storage.changesSince(0)).batches.length;
    const error = await crm.fieldSales.addMember('route-1', { customerId: 'a', customerEntity: 'contact' }).catch((e: unknown) => e);
    assert.ok(error instanceof CrmValidationError);
    assert.equal(error.issues[0]!.path, 'customerId');
    assert.equal((await storage.changesSince(0)).batches.length, before);
  });
});

describe('who do I visit today', () => {
  it('a weekly-Monday customer is due on Mondays only', () => {
    const plan = { frequency: { kind: 'weekly' as const, weekdays: [1] } };
    assert.equal(isVisitDue(plan, '2026-11-23'), true, 'Monday 23 November 2026');
    assert.equal(isVisitDue(plan, '2026-11-24'), false);
    assert.equal(isVisitDue(plan, '2026-11-30'), true);
    assert.equal(isVisitDue({ frequency: { kind: 'every_n_weeks', n: 2, weekday: 1, anchorDate: '2026-11-09' } }, '2026-11-16'), false);
    assert.equal(isVisitDue({ frequency: { kind: 'every_n_weeks', n: 2, weekday: 1, anchorDate: '2026-11-09' } }, '2026-11-23'), true);
    assert.equal(isVisitDue({ frequency: { kind: 'monthly', dayOfMonth: 31 } }, '2026-11-30'), true, 'the last day of a shorter month');
  });

  it('today’s plan lists the due members of assigned routes; a stopped route and an ended assignment drop out', async () => {
    const { crm } = await setup();
    await crm.fieldSales.addMember('route-1', { customerId: 'a', customerEntity: 'contact', visitPlan: { frequency: { kind: 'weekly', weekdays: [1] } } });
    await crm.fieldSales.addMember('route-1', { customerId: 'b', customerEntity: 'contact', visitPlan: { frequency: { kind: 'weekly', weekdays: [2] } } });
    await crm.fieldSales.assignRoute('route-1', 'u-son', { from: '2026-11-01' });
    const today = await crm.fieldSales.visitsForDay('u-son', '2026-11-23');
    assert.deepEqual(today.map((visit) => [visit.routeId, visit.member.customerId, visit.customer?.['fullName']]), [['route-1', 'a', 'Tạp hóa A']]);

    await crm.routes.update('route-1', { status: 'not_in_use' });
    assert.deepEqual(await crm.fieldSales.visitsForDay('u-son', '2026-11-23'), [], 'a route not in use is not in today’s plan');
    await crm.routes.update('route-1', { status: 'in_use' });

    const assignments = await crm.routeAssignments.listAll();
    await crm.routeAssignments.update(assignments[0]!.id, { effectiveTo: '2026-11-22' });
    assert.deepEqual(await crm.fieldSales.visitsForDay('u-son', '2026-11-23'), [], 'an assignment that ended yesterday is not in today’s plan');
  });

  it('assigning to an unknown employee is refused naming userId, and nothing is written', async () => {
    const { crm, storage } = await setup();
    const before = (await storage.changesSince(0)).batches.length;
    const error = await crm.fieldSales.assignRoute('route-1', 'u-ghost', { from: '2026-11-23' }).catch((e: unknown) => e);
    assert.ok(error instanceof CrmValidationError);
    assert.equal(error.issues[0]!.path, 'userId');
    const badDate = await crm.fieldSales.assignRoute('route-1', 'u-son', { from: '23/11/2026' }).catch((e: unknown) => e);
    assert.ok(badDate instanceof CrmValidationError);
    assert.equal(badDate.issues[0]!.path, 'from');
    assert.equal((await storage.changesSince(0)).batches.length, before);
    assert.deepEqual(await crm.routeAssignments.listAll(), []);
  });

  it('a member marked out of route drops out of today’s plan and comes back when back in route', async () => {
    const { crm } = await setup();
    for (const id of ['a', 'b']) await crm.fieldSales.addMember('route-1', { customerId: id, customerEntity: 'contact', visitPlan: { frequency: { kind: 'weekly', weekdays: [1] } } });
    await crm.fieldSales.assignRoute('route-1', 'u-son', { from: '2026-11-01', note: 'Tuyến Quận 1' });
    await crm.fieldSales.setParticipation('route-1', 'b', 'out_of_route', { reason: 'Tạm nghỉ bán' });
    assert.deepEqual((await crm.fieldSales.visitsForDay('u-son', '2026-11-23')).map((visit) => visit.member.customerId), ['a']);
    const route = await crm.fieldSales.setParticipation('route-1', 'b', 'in_route', { reason: 'Mở lại' });
    assert.deepEqual(route.members.find((member) => member.customerId === 'b')!.history.map((entry) => entry.participation), ['in_route', 'out_of_route', 'in_route']);
    assert.deepEqual((await crm.fieldSales.visitsForDay('u-son', '2026-11-23')).map((visit) => visit.member.customerId), ['a', 'b']);
  });

  it('an unknown customer cannot be added to a route', async () => {
    const { crm } = await setup();
    const error = await crm.fieldSales.addMember('route-1', { customerId: 'ghost', customerEntity: 'contact' }).catch((e: unknown) => e);
    assert.ok(error instanceof CrmValidationError);
    assert.equal(error.issues[0]!.path, 'customerId');
  });

  it('reassignment ends the old assignment the day before and keeps it', async () => {
    const { crm } = await setup();
    await crm.users.create({ name: 'Lý Thị Hoa', role: 'salesperson' }, { id: 'u-hoa' });
    await crm.fieldSales.assignRoute('route-1', 'u-son', { from: '2026-10-01' });
    await crm.fieldSales.reassignRoute('route-1', 'u-hoa', { from: '2026-11-23' });
    const all = await crm.routeAssignments.listAll();
    const summary = all.map((a) => [a.userId, a.effectiveFrom, a.effectiveTo ?? null]).sort();
    assert.deepEqual(summary, [['u-hoa', '2026-11-23', null], ['u-son', '2026-10-01', '2026-11-22']]);
    assert.equal((await crm.fieldSales.routesForDay('u-son', '2026-11-23')).length, 0);
    assert.equal((await crm.fieldSales.routesForDay('u-hoa', '2026-11-23')).length, 1);
  });
});

describe('covering a route for a while', () => {
  it('a cover until a date keeps the holder scheduled later, and the route has a holder every day', async () => {
    const { crm, storage } = await setup();
    for (const [id, name] of [['u-an', 'Nguyễn Văn An'], ['u-binh', 'Trần Thị Bình'], ['u-cuong', 'Lê Văn Cường']]) await crm.users.create({ name: name!, role: 'salesperson' }, { id: id! });
    await crm.fieldSales.assignRoute('route-1', 'u-an', { from: '2024-01-01' });
    await crm.fieldSales.assignRoute('route-1', 'u-binh', { from: '2024-09-01' });
    await crm.fieldSales.reassignRoute('route-1', 'u-cuong', { from: '2024-07-01', to: '2024-07-15', note: 'An nghỉ phép' });
    const all = await crm.routeAssignments.listAll();
    assert.deepEqual(all.map((a) => [a.userId, a.effectiveFrom, a.effectiveTo ?? null]).sort(), [
      ['u-an', '2024-01-01', '2024-06-30'],
      ['u-an', '2024-07-16', '2024-08-31'],
      ['u-binh', '2024-09-01', null],
      ['u-cuong', '2024-07-01', '2024-07-15'],
    ]);
    const holders = async (day: string) => {
      const found: string[] = [];
      for (const id of ['u-an', 'u-binh', 'u-cuong']) if ((await crm.fieldSales.routesForDay(id, day)).length > 0) found.push(id);
      return found;
    };
    assert.deepEqual(await holders('2024-06-30'), ['u-an']);
    assert.deepEqual(await holders('2024-07-01'), ['u-cuong']);
    assert.deepEqual(await holders('2024-07-20'), ['u-an'], 'An is back after the cover');
    assert.deepEqual(await holders('2024-09-02'), ['u-binh'], 'Bình takes over as scheduled');
    const before = (await storage.changesSince(0)).batches.length;
    const reversed = await crm.fieldSales.reassignRoute('route-1', 'u-cuong', { from: '2024-07-15', to: '2024-07-01' }).catch((e: unknown) => e);
    assert.ok(reversed instanceof CrmValidationError);
    assert.equal((await storage.changesSince(0)).batches.length, before, 'a reversed cover writes nothing');
  });
});

describe('visits and calls', () => {
  it('a check-in 2 km from the customer is flagged; one at the door is not', async () => {
    const { crm } = await setup();
    const far = await crm.fieldSales.recordInteraction({
      channel: 'face_to_face', kind: 'interaction', customerId: 'a', customerEntity: 'contact', userId: 'u-son', at: '2026-11-23T03:00:00.000Z',
      checkIn: { at: '2026-11-23T03:00:00.000Z', gps: { lat: 10.7949, lng: 106.7009 } },
    });
    assert.equal(far.interaction.checkIn?.farFromCustomer, true);
    assert.ok(Math.abs(far.interaction.checkIn!.distanceMeters! - 2000) < 30);
    const near = await crm.fieldSales.recordInteraction({
      channel: 'face_to_face', kind: 'interaction', customerId: 'a', customerEntity: 'contact', userId: 'u-son', at: '2026-11-23T04:00:00.000Z',
      checkIn: { at: '2026-11-23T04:00:00.000Z', gps: { lat: 10.7770, lng: 106.7010 } },
    });
    assert.equal(near.interaction.checkIn?.farFromCustomer, false);
  });

  it('a check-in at latitude 200 is refused naming the field, and nothing is written', async () => {
    const { crm, storage } = await setup();
    const before = (await storage.changesSince(0)).batches.length;
    const error = await crm.fieldSales
      .recordInteraction({
        channel: 'face_to_face', kind: 'interaction', customerId: 'a', customerEntity: 'contact', userId: 'u-son', at: '2026-11-23T03:00:00.000Z',
        checkIn: { at: '2026-11-23T03:00:00.000Z', gps: { lat: 200, lng: 106.7 } },
        nextAction: { summary: 'Quay lại', dueAt: '2026-11-30T02:00:00.000Z', assigneeId: 'u-son' },
      })
      .catch((e: unknown) => e);
    assert.ok(error instanceof CrmValidationError);
    assert.deepEqual(error.issues.map((issue) => issue.path), ['checkIn.gps.lat']);
    assert.equal((await storage.changesSince(0)).batches.length, before);
    assert.deepEqual(await crm.activities.listAll(), [], 'the next action is not created either');
  });

  it('a check-in without GPS is refused naming checkIn.gps, and nothing is written', async () => {
    const { crm, storage } = await setup();
    const before = (await storage.changesSince(0)).batches.length;
    const visit = {
      channel: 'face_to_face', kind: 'interaction', customerId: 'a', customerEntity: 'contact', userId: 'u-son', at: '2026-11-23T03:00:00.000Z',
      checkIn: { at: '2026-11-23T03:00:00.000Z' },
      nextAction: { summary: 'Quay lại', dueAt: '2026-11-30T02:00:00.000Z', assigneeId: 'u-son' },
    } as unknown as Parameters<typeof crm.fieldSales.recordInteraction>[0];
    const error = await crm.fieldSales.recordInteraction(visit).catch((e: unknown) => e);
    assert.ok(error instanceof CrmValidationError, `expected a CrmValidationError, got ${String(error)}`);
    assert.deepEqual(error.issues.map((issue) => issue.path), ['checkIn.gps']);
    assert.equal((await storage.changesSince(0)).batches.length, before);
    assert.deepEqual(await crm.activities.listAll(), [], 'the next action is not created either');
  });

  it('the check-in radius is configurable', async () => {
    const storage = await createMemoryAdapter({ schema: crmStorageSchema });
    const crm = createCrm({ storage, actor: { id: 'u-admin', role: 'admin' }, fieldSales: { checkInRadiusMetres: 2500 } });
    await crm.contacts.create({ kind: 'shop', fullName: 'Tạp hóa A', gps: { lat: 10.7769, lng: 106.7009 } }, { id: 'a' });
    const result = await crm.fieldSales.recordInteraction({
      channel: 'face_to_face', kind: 'interaction', customerId: 'a', customerEntity: 'contact', userId: 'u-admin', at: '2026-11-23T03:00:00.000Z',
      checkIn: { at: '2026-11-23T03:00:00.000Z', gps: { lat: 10.7949, lng: 106.7009 } },
    });
    assert.equal(result.interaction.checkIn?.farFromCustomer, false);
  });

  it('a next action becomes an activity and profile updates change the customer, in one commit', async () => {
    const { crm, storage } = await setup();
    const before = (await storage.changesSince(0)).batches.length;
    const result = await crm.fieldSales.recordInteraction({
      channel: 'tele', kind: 'opportunity_capture', customerId: 'b', customerEntity: 'contact', userId: 'u-son', at: '2026-11-23T03:00:00.000Z', callStatus: 'connected',
      capture: { products: [{ productId: 'p-1', quantity: 10 }], heardFrom: 'Zalo', potential: 4 },
      nextAction: { summary: 'Gửi báo giá', dueAt: '2026-11-25T02:00:00.000Z', assigneeId: 'u-son' },
      profileUpdates: { 'address.ward': 'Phường Bến Thành', zalo: '0909123456' },
    });
    assert.equal((await storage.changesSince(0)).batches.length, before + 1, 'one commit');
    const activity = await crm.activities.get(result.activityId!);
    assert.deepEqual([activity.summary, activity.kind, activity.related?.id], ['Gửi báo giá', 'call', 'b']);
    const customer = await crm.contacts.get('b');
    assert.equal(customer.address?.ward, 'Phường Bến Thành');
    assert.equal(customer.zalo, '0909123456');
  });

  it('a bad profile value is refused naming the field and nothing is written', async () => {
    const { crm, storage } = await setup();
    const before = (await storage.changesSince(0)).batches.length;
    const error = await crm.fieldSales
      .recordInteraction({ channel: 'tele', kind: 'interaction', customerId: 'b', customerEntity: 'contact', userId: 'u-son', at: '2026-11-23T03:00:00.000Z', profileUpdates: { gps: { lat: 200, lng: 106 } } })
      .catch((e: unknown) => e);
    assert.ok(error instanceof CrmValidationError);
    assert.equal(error.issues[0]!.path, 'gps.lat');
    assert.equal((await storage.changesSince(0)).batches.length, before);
  });

  it('coverage counts planned against done visits, and lists who was not visited', async () => {
    const { crm } = await setup();
    await crm.fieldSales.addMember('route-1', { customerId: 'a', customerEntity: 'contact', visitPlan: { frequency: { kind: 'weekly', weekdays: [1] } } });
    await crm.fieldSales.addMember('route-1', { customerId: 'b', customerEntity: 'contact', visitPlan: { frequency: { kind: 'weekly', weekdays: [1] } } });
    await crm.fieldSales.recordInteraction({ channel: 'face_to_face', kind: 'interaction', customerId: 'a', customerEntity: 'contact', userId: 'u-son', routeId: 'route-1', at: '2026-11-23T03:00:00.000Z' });
    const coverage = await crm.fieldSales.coverage('route-1', { from: '2026-11-23', to: '2026-11-29' });
    assert.deepEqual([coverage.planned, coverage.done], [2, 1]);
    assert.deepEqual(coverage.missed, [{ customerId: 'b', date: '2026-11-23' }]);
    assert.deepEqual(await crm.fieldSales.notVisitedSince('route-1', '2026-11-20'), ['b']);
    await crm.fieldSales.recordInteraction({ channel: 'face_to_face', kind: 'interaction', customerId: 'b', customerEntity: 'contact', userId: 'u-son', at: '2026-11-24T03:00:00.000Z' });
    assert.deepEqual(await crm.fieldSales.notVisitedSince('route-1', '2026-11-20'), [], 'a visit logged outside the route still counts as a visit');
    assert.equal((await crm.fieldSales.coverage('route-1', { from: '2026-11-23', to: '2026-11-29' })).done, 1, 'but not as done on this route');
  });

  it('an early-morning visit counts on its day in Vietnam, in coverage and in who was not visited', async () => {
    const { crm } = await setup('2026-11-20T02:00:00.000Z');
    await crm.fieldSales.addMember('route-1', { customerId: 'a', customerEntity: 'contact', visitPlan: { frequency: { kind: 'weekly', weekdays: [1] } } });
    // 06:30 on Monday 23 November in Vietnam, stored as 23:30 UTC on Sunday the 22nd
    await crm.fieldSales.recordInteraction({ channel: 'face_to_face', kind: 'interaction', customerId: 'a', customerEntity: 'contact', userId: 'u-son', routeId: 'route-1', at: '2026-11-22T23:30:00.000Z' });
    const coverage = await crm.fieldSales.coverage('route-1', { from: '2026-11-16', to: '2026-11-23' });
    assert.deepEqual([coverage.planned, coverage.done, coverage.missed], [1, 1, []], 'Monday the 16th was before the shop joined; the 23rd was visited');
    assert.deepEqual(await crm.fieldSales.notVisitedSince('route-1', '2026-11-23'), []);
    assert.deepEqual(await crm.fieldSales.notVisitedSince('route-1', '2026-11-24'), ['a']);
  });
});

describe('optimising a route’s stops', () => {
  it('the optimise action saves the new order and reports the distance before and after', async () => {
    const { crm } = await setup();
    for (const id of ['a', 'd', 'c', 'b']) await crm.fieldSales.addMember('route-1', { customerId: id, customerEntity: 'contact' });
    const result = await crm.fieldSales.optimizeRoute('route-1');
    assert.ok(result.after <= result.before, `${result.after} ≤ ${result.before}`);
    assert.equal(result.order[0], 'a', 'starts at the first stop');
    const route = await crm.routes.get('route-1');
    assert.deepEqual([...route.members].sort((x, y) => x.visitOrder! - y.visitOrder!).map((member) => member.customerId), result.order);
  });

  it('by default the route from the first stop is the shortest walk along the street, wherever it ends', async () => {
    const { crm } = await setup();
    // four shops on one street, west to east: D, A, B, C; the route starts at B
    const street = { B: 106.7, A: 106.69, C: 106.702, D: 106.66 };
    for (const [name, lng] of Object.entries(street)) await crm.contacts.create({ kind: 'shop', fullName: `Tạp hóa ${name}`, gps: { lat: 10.77, lng } }, { id: `shop-${name}` });
    for (const name of Object.keys(street)) await crm.fieldSales.addMember('route-1', { customerId: `shop-${name}`, customerEntity: 'contact' });
    const result = await crm.fieldSales.optimizeRoute('route-1');
    assert.deepEqual(result.order, ['shop-B', 'shop-C', 'shop-A', 'shop-D'], 'east to the end first, then back west past the start');
    assert.ok(result.after < result.before, `${result.after} < ${result.before}`);
  });

  it('a fixed last stop and a start point (the depot) are respected, and a closed tour comes back', async () => {
    const { crm } = await setup();
    for (const id of ['a', 'b', 'c', 'd']) await crm.fieldSales.addMember('route-1', { customerId: id, customerEntity: 'contact' });
    const depot = { lat: 10.79, lng: 106.72 };
    const open = await crm.fieldSales.optimizeRoute('route-1', { start: depot, end: 'b', seed: 3 });
    assert.equal(open.order[open.order.length - 1], 'b');
    assert.deepEqual([...open.order].sort(), ['a', 'b', 'c', 'd']);
    const closed = await crm.fieldSales.optimizeRoute('route-1', { start: depot, closed: true });
    assert.ok(closed.after <= closed.before);
    assert.ok(closed.after >= open.after, 'coming back to the depot is never shorter than stopping at the last customer');
    const saved = await crm.routes.get('route-1');
    assert.deepEqual([...saved.members].sort((x, y) => x.visitOrder! - y.visitOrder!).map((member) => member.customerId), closed.order);
  });

  it('members out of route or without GPS keep their place after the optimised stops', async () => {
    const { crm } = await setup();
    await crm.contacts.create({ kind: 'shop', fullName: 'Tạp hóa E (chưa có GPS)' }, { id: 'e' });
    for (const id of ['e', 'a', 'd', 'c', 'b']) await crm.fieldSales.addMember('route-1', { customerId: id, customerEntity: 'contact' });
    await crm.fieldSales.setParticipation('route-1', 'c', 'out_of_route', { reason: 'Ngừng lấy hàng' });
    const result = await crm.fieldSales.optimizeRoute('route-1');
    assert.deepEqual([...result.order].sort(), ['a', 'b', 'd']);
    const saved = await crm.routes.get('route-1');
    assert.deepEqual([...saved.members].sort((x, y) => x.visitOrder! - y.visitOrder!).map((member) => member.customerId).slice(3), ['e', 'c']);
  });

  it('bad optimisation options are refused naming the field, and the order is not touched', async () => {
    const { crm, storage } = await setup();
    for (const id of ['a', 'b', 'c']) await crm.fieldSales.addMember('route-1', { customerId: id, customerEntity: 'contact' });
    const before = (await storage.changesSince(0)).batches.length;
    const paths = async (options: Parameters<typeof crm.fieldSales.optimizeRoute>[1]) => {
      const error = await crm.fieldSales.optimizeRoute('route-1', options).catch((e: unknown) => e);
      assert.ok(error instanceof CrmValidationError, String(error));
      return error.issues.map((issue) => issue.path);
    };
    assert.deepEqual(await paths({ start: { lat: 200, lng: 106.7 } }), ['start.lat']);
    assert.deepEqual(await paths({ end: 'ghost' }), ['end']);
    assert.deepEqual(await paths({ end: 'b', closed: true }), ['end']);
    assert.equal((await storage.changesSince(0)).batches.length, before);
  });

  it('latitude 200 on a customer is refused naming the field', async () => {
    const { crm } = await setup();
    const error = await crm.contacts.create({ kind: 'shop', fullName: 'Sai tọa độ', gps: { lat: 200, lng: 106 } }).catch((e: unknown) => e);
    assert.ok(error instanceof CrmValidationError);
    assert.equal(error.issues[0]!.path, 'gps.lat');
  });
});
