import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addRouteMember,
  applyProfileUpdates,
  assessCheckIn,
  CrmValidationError,
  isVisitDue,
  notVisitedSince,
  planReassignment,
  routeCoverage,
  routesForDay,
  servedMembers,
  setParticipation,
  visitsForDay,
  type Interaction,
  type Route,
  type RouteAssignment,
} from '@crmkit/core';

const emptyRoute = (id: string, status: Route['status'] = 'in_use'): Route & { id: string } => ({ id, name: id, status, kind: 'normal', members: [], customerIds: [], notifyUserIds: [] });

function fieldOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof CrmValidationError);
    return error.issues.map((issue) => issue.path);
  }
  return assert.fail('expected a CrmValidationError');
}

describe('route membership (pure rules)', () => {
  it('route 1 has A, B and C; three months on C is out of route, the route serves A and B and C keeps its history; C can come back', () => {
    let route = emptyRoute('route-1');
    for (const id of ['A', 'B', 'C']) route = addRouteMember(route, { customerId: id, customerEntity: 'contact' }, { at: '2026-08-01T01:00:00.000Z', byUserId: 'u-lead' });
    assert.deepEqual(route.customerIds, ['A', 'B', 'C'], 'customerIds kept in step with members');
    route = setParticipation(route, 'C', 'out_of_route', { at: '2026-11-01T01:00:00.000Z', reason: 'Ngừng lấy hàng', byUserId: 'u-lead' });
    assert.deepEqual(servedMembers(route).map((member) => member.customerId), ['A', 'B']);
    assert.deepEqual(route.customerIds, ['A', 'B', 'C'], 'C is still a member, only out of route');
    route = setParticipation(route, 'C', 'in_route', { at: '2027-01-10T01:00:00.000Z', reason: 'Lấy hàng lại' });
    const c = route.members.find((member) => member.customerId === 'C')!;
    assert.deepEqual(
      c.history.map((entry) => [entry.participation, entry.at.slice(0, 10), entry.reason ?? null]),
      [
        ['in_route', '2026-08-01', null],
        ['out_of_route', '2026-11-01', 'Ngừng lấy hàng'],
        ['in_route', '2027-01-10', 'Lấy hàng lại'],
      ],
    );
    assert.deepEqual(servedMembers(route).map((member) => member.customerId), ['A', 'B', 'C']);
  });

  it('a customer already on the route cannot be added again, and an unknown one cannot change participation', () => {
    const route = addRouteMember(emptyRoute('route-1'), { customerId: 'A', customerEntity: 'contact' }, { at: '2026-08-01T01:00:00.000Z' });
    assert.deepEqual(fieldOf(() => addRouteMember(route, { customerId: 'A', customerEntity: 'contact' }, { at: '2026-08-02T01:00:00.000Z' })), ['customerId']);
    assert.deepEqual(fieldOf(() => setParticipation(route, 'Z', 'out_of_route', { at: '2026-08-02T01:00:00.000Z' })), ['customerId']);
  });
});

describe('assignment (pure rules)', () => {
  const routes = [emptyRoute('north'), emptyRoute('south'), emptyRoute('old', 'not_in_use')];
  const assignments: RouteAssignment[] = [
    { routeId: 'north', userId: 'son', effectiveFrom: '2026-10-01' },
    { routeId: 'south', userId: 'son', effectiveFrom: '2026-11-01', effectiveTo: '2026-11-22' },
    { routeId: 'old', userId: 'son', effectiveFrom: '2026-01-01' },
    { routeId: 'south', userId: 'hoa', effectiveFrom: '2026-11-23' },
  ];

  it("an employee's routes on a day follow the assignments' dates, and a route not in use is left out", () => {
    assert.deepEqual(routesForDay(routes, assignments, 'son', '2026-11-22').map((route) => route.id), ['north', 'south'], 'the last day of an assignment is included');
    assert.deepEqual(routesForDay(routes, assignments, 'son', '2026-11-23').map((route) => route.id), ['north'], 'an assignment ended yesterday is gone');
    assert.deepEqual(routesForDay(routes, assignments, 'hoa', '2026-11-23').map((route) => route.id), ['south']);
    assert.deepEqual(routesForDay(routes, assignments, 'son', '2026-09-30'), [], 'nothing before the first day');
  });

  it('a reassignment ends the current holder the day before, drops one that had not started, and starts the new one', () => {
    const held: RouteAssignment[] = [
      { routeId: 'north', userId: 'son', effectiveFrom: '2026-10-01' },
      { routeId: 'north', userId: 'lan', effectiveFrom: '2026-01-01', effectiveTo: '2026-09-30' },
      { routeId: 'north', userId: 'minh', effectiveFrom: '2026-12-01' },
      { routeId: 'south', userId: 'son', effectiveFrom: '2026-10-01' },
    ];
    const plan = planReassignment(held, 'north', 'hoa', { from: '2026-11-23', note: 'Sơn chuyển vùng' });
    assert.deepEqual(plan.end.map((change) => [change.assignment.userId, change.effectiveTo]), [['son', '2026-11-22']]);
    assert.deepEqual(plan.drop.map((assignment) => assignment.userId), ['minh']);
    assert.deepEqual(plan.create, { routeId: 'north', userId: 'hoa', effectiveFrom: '2026-11-23', note: 'Sơn chuyển vùng' });
  });

  it('a cover until a date hands the route back to its holder the day after, until the next holder already scheduled', () => {
    const held: RouteAssignment[] = [
      { routeId: 'north', userId: 'son', effectiveFrom: '2026-01-01' },
      { routeId: 'north', userId: 'lan', effectiveFrom: '2026-09-01' },
      { routeId: 'north', userId: 'minh', effectiveFrom: '2026-07-05', effectiveTo: '2026-07-10' },
    ];
    const plan = planReassignment(held, 'north', 'hoa', { from: '2026-07-01', to: '2026-07-15', note: 'Sơn nghỉ phép' });
    assert.deepEqual(plan.end.map((change) => [change.assignment.userId, change.effectiveTo]), [['son', '2026-06-30']]);
    assert.deepEqual(plan.drop.map((assignment) => assignment.userId), ['minh'], 'only what was scheduled inside the cover goes');
    assert.deepEqual(plan.postpone, []);
    assert.deepEqual(plan.resume, [{ routeId: 'north', userId: 'son', effectiveFrom: '2026-07-16', effectiveTo: '2026-08-31' }]);
    assert.deepEqual(plan.create, { routeId: 'north', userId: 'hoa', effectiveFrom: '2026-07-01', effectiveTo: '2026-07-15', note: 'Sơn nghỉ phép' });

    // every day of the year has exactly one holder once the plan is applied
    const after: RouteAssignment[] = [
      ...plan.end.map(({ assignment, effectiveTo }) => ({ ...assignment, effectiveTo })),
      ...held.filter((assignment) => !plan.drop.includes(assignment) && !plan.end.some((change) => change.assignment === assignment)),
      ...plan.resume,
      plan.create,
    ];
    const holders = (day: string) => after.filter((assignment) => routesForDay([emptyRoute('north')], [assignment], assignment.userId, day).length > 0).map((assignment) => assignment.userId);
    assert.deepEqual(
      ['2026-06-30', '2026-07-01', '2026-07-15', '2026-07-16', '2026-07-20', '2026-08-31', '2026-09-01', '2026-09-02'].map((day) => holders(day)),
      [['son'], ['hoa'], ['hoa'], ['son'], ['son'], ['son'], ['lan'], ['lan']],
    );
  });

  it('a cover until a date: a holder scheduled to start within it and stay on starts the day after instead', () => {
    const held: RouteAssignment[] = [
      { routeId: 'north', userId: 'son', effectiveFrom: '2026-01-01', effectiveTo: '2026-12-31' },
      { routeId: 'north', userId: 'lan', effectiveFrom: '2026-07-10' },
    ];
    const plan = planReassignment(held, 'north', 'hoa', { from: '2026-07-01', to: '2026-07-15' });
    assert.deepEqual(plan.drop, []);
    assert.deepEqual(plan.postpone.map((change) => [change.assignment.userId, change.effectiveFrom]), [['lan', '2026-07-16']]);
    assert.deepEqual(plan.resume, [], 'Sơn does not come back: Lan takes over the day after the cover');
    const short = planReassignment([held[0]!], 'north', 'hoa', { from: '2026-07-01', to: '2026-07-15' });
    assert.deepEqual(short.resume, [{ routeId: 'north', userId: 'son', effectiveFrom: '2026-07-16', effectiveTo: '2026-12-31' }], 'back until his own last day');
    assert.deepEqual(fieldOf(() => planReassignment(held, 'north', 'hoa', { from: '2026-07-15', to: '2026-07-01' })), ['effectiveTo']);
  });
});

describe('visit plans (pure rules)', () => {
  it('weekly on given weekdays, every N weeks from an anchor, monthly on a day', () => {
    const mondays = { frequency: { kind: 'weekly' as const, weekdays: [1] } };
    assert.deepEqual(['2026-11-22', '2026-11-23', '2026-11-24', '2026-11-29', '2026-11-30'].map((day) => isVisitDue(mondays, day)), [false, true, false, false, true]);
    const fortnightly = { frequency: { kind: 'every_n_weeks' as const, n: 2, weekday: 3, anchorDate: '2026-11-04' } };
    assert.deepEqual(['2026-10-21', '2026-11-04', '2026-11-11', '2026-11-18', '2026-11-19'].map((day) => isVisitDue(fortnightly, day)), [false, true, false, true, false]);
    const fifteenth = { frequency: { kind: 'monthly' as const, dayOfMonth: 15 } };
    assert.deepEqual(['2026-11-15', '2026-11-16', '2026-12-15'].map((day) => isVisitDue(fifteenth, day)), [true, false, true]);
    assert.equal(isVisitDue({ frequency: { kind: 'monthly', dayOfMonth: 31 } }, '2027-02-28'), true, 'the last day of a shorter month');
  });

  it('who do I visit today: due members in route across the routes held today, in visit order', () => {
    let north = emptyRoute('north');
    north = addRouteMember(north, { customerId: 'A', customerEntity: 'contact', visitPlan: { frequency: { kind: 'weekly', weekdays: [1] } } }, { at: '2026-08-01T00:00:00.000Z' });
    north = addRouteMember(north, { customerId: 'B', customerEntity: 'contact', visitPlan: { frequency: { kind: 'weekly', weekdays: [1, 4] } } }, { at: '2026-08-01T00:00:00.000Z' });
    north = addRouteMember(north, { customerId: 'C', customerEntity: 'contact', visitPlan: { frequency: { kind: 'weekly', weekdays: [1] } } }, { at: '2026-08-01T00:00:00.000Z' });
    north = addRouteMember(north, { customerId: 'D', customerEntity: 'contact', visitPlan: { frequency: { kind: 'weekly', weekdays: [2] } } }, { at: '2026-08-01T00:00:00.000Z' });
    north = setParticipation(north, 'C', 'out_of_route', { at: '2026-11-01T00:00:00.000Z', reason: 'Đóng cửa' });
    let south = emptyRoute('south');
    south = addRouteMember(south, { customerId: 'E', customerEntity: 'company' }, { at: '2026-08-01T00:00:00.000Z' });
    const stopped = addRouteMember(emptyRoute('stopped', 'not_in_use'), { customerId: 'F', customerEntity: 'contact' }, { at: '2026-08-01T00:00:00.000Z' });
    const assignments: RouteAssignment[] = [
      { routeId: 'north', userId: 'son', effectiveFrom: '2026-10-01' },
      { routeId: 'south', userId: 'son', effectiveFrom: '2026-10-01', effectiveTo: '2026-11-22' },
      { routeId: 'stopped', userId: 'son', effectiveFrom: '2026-10-01' },
    ];
    const today = visitsForDay([north, south, stopped], assignments, 'son', '2026-11-23');
    assert.deepEqual(today.map((visit) => `${visit.routeId}/${visit.member.customerId}`), ['north/A', 'north/B'], 'C is out of route, D is due Tuesdays, south ended yesterday, stopped is not in use');
    const yesterday = visitsForDay([north, south, stopped], assignments, 'son', '2026-11-22');
    assert.deepEqual(yesterday.map((visit) => `${visit.routeId}/${visit.member.customerId}`), [], 'Sunday: a member without a plan is due Monday to Saturday only');
    const saturday = visitsForDay([north, south, stopped], assignments, 'son', '2026-11-21');
    assert.deepEqual(saturday.map((visit) => `${visit.routeId}/${visit.member.customerId}`), ['south/E']);
  });
});

describe('coverage (pure rules)', () => {
  const visit = (customerId: string, at: string, routeId = 'north'): Interaction => ({ channel: 'face_to_face', kind: 'interaction', customerId, customerEntity: 'contact', routeId, userId: 'son', at });
  let route = emptyRoute('north');
  route = addRouteMember(route, { customerId: 'A', customerEntity: 'contact', visitPlan: { frequency: { kind: 'weekly', weekdays: [1] } } }, { at: '2026-08-01T00:00:00.000Z' });
  route = addRouteMember(route, { customerId: 'B', customerEntity: 'contact', visitPlan: { frequency: { kind: 'weekly', weekdays: [1] } } }, { at: '2026-08-01T00:00:00.000Z' });
  route = setParticipation(route, 'B', 'out_of_route', { at: '2026-11-10T08:00:00.000Z' });

  it('planned vs done counts a member only while it was in route, and a visit only on its route and day', () => {
    const coverage = routeCoverage(route, [visit('A', '2026-11-02T03:00:00.000Z'), visit('A', '2026-11-09T03:00:00.000Z', 'south'), visit('B', '2026-11-02T04:00:00.000Z')], '2026-11-01', '2026-11-30');
    // Mondays 2, 9, 16, 23, 30 for A (5); B in route on the 2nd and 9th (2)
    assert.deepEqual([coverage.planned, coverage.done], [7, 2]);
    assert.deepEqual(coverage.missed.slice(0, 3), [{ customerId: 'A', date: '2026-11-09' }, { customerId: 'B', date: '2026-11-09' }, { customerId: 'A', date: '2026-11-16' }]);
    assert.equal(routeCoverage(route, [], '2026-11-03', '2026-11-08').rate, 1, 'nothing planned, nothing missed');
  });

  it('customers in route not visited since a date', () => {
    assert.deepEqual(notVisitedSince(route, [visit('A', '2026-11-20T03:00:00.000Z')], '2026-11-15'), []);
    assert.deepEqual(notVisitedSince(route, [visit('A', '2026-11-02T03:00:00.000Z')], '2026-11-15'), ['A']);
  });

  it('a customer is not planned before joining the route, including the evening before in UTC', () => {
    let march = emptyRoute('north');
    // joined at 09:00 on Monday 11 March in Vietnam; C at 01:00 on Monday 11 March, which is still Sunday in UTC
    march = addRouteMember(march, { customerId: 'A', customerEntity: 'contact', visitPlan: { frequency: { kind: 'weekly', weekdays: [1, 2, 3, 4, 5, 6] } } }, { at: '2024-03-11T02:00:00.000Z' });
    march = addRouteMember(march, { customerId: 'C', customerEntity: 'contact', visitPlan: { frequency: { kind: 'weekly', weekdays: [1] } } }, { at: '2024-03-10T18:00:00.000Z' });
    const weekBefore = routeCoverage(march, [], '2024-03-04', '2024-03-09');
    assert.deepEqual([weekBefore.planned, weekBefore.missed], [0, []], 'nobody was on the route the week before');
    const joiningWeek = routeCoverage(march, [], '2024-03-10', '2024-03-12');
    assert.deepEqual(joiningWeek.missed, [
      { customerId: 'A', date: '2024-03-11' },
      { customerId: 'C', date: '2024-03-11' },
      { customerId: 'A', date: '2024-03-12' },
    ]);
  });

  it('a visit counts on its day in Vietnam, not in UTC', () => {
    let march = emptyRoute('north');
    march = addRouteMember(march, { customerId: 'A', customerEntity: 'contact', visitPlan: { frequency: { kind: 'weekly', weekdays: [2] } } }, { at: '2024-03-01T02:00:00.000Z' });
    // 06:30 on Tuesday 12 March in Vietnam is 23:30 on Monday 11 March in UTC
    const earlyVisit = visit('A', new Date('2024-03-12T06:30:00+07:00').toISOString());
    const tuesday = routeCoverage(march, [earlyVisit], '2024-03-11', '2024-03-12');
    assert.deepEqual([tuesday.planned, tuesday.done, tuesday.missed], [1, 1, []]);
    const inLondon = routeCoverage(march, [earlyVisit], '2024-03-11', '2024-03-12', { utcOffsetMinutes: 0 });
    assert.deepEqual(inLondon.missed, [{ customerId: 'A', date: '2024-03-12' }], 'the offset is the caller’s to choose');
    assert.deepEqual(notVisitedSince(march, [earlyVisit], '2024-03-12'), [], 'visited on the 12th');
    assert.deepEqual(notVisitedSince(march, [earlyVisit], '2024-03-13'), ['A']);
    assert.deepEqual(notVisitedSince(march, [earlyVisit], '2024-03-12', { utcOffsetMinutes: 0 }), ['A']);
  });
});

describe('check-in distance and profile updates (pure rules)', () => {
  const shop = { lat: 10.7769, lng: 106.7009 };

  it('a check-in 2 km away is flagged beyond the default 300 m, one at the door is not, and the radius is configurable', () => {
    const far = assessCheckIn({ lat: 10.7949, lng: 106.7009 }, shop);
    assert.equal(far.farFromCustomer, true);
    assert.ok(Math.abs(far.distanceMeters! - 2001) <= 5, `${far.distanceMeters} m`);
    assert.equal(assessCheckIn({ lat: 10.7771, lng: 106.7011 }, shop).farFromCustomer, false);
    assert.equal(assessCheckIn({ lat: 10.7949, lng: 106.7009 }, shop, 2500).farFromCustomer, false);
    assert.deepEqual(assessCheckIn({ lat: 10.7949, lng: 106.7009 }, undefined), { farFromCustomer: false }, 'no customer GPS, nothing to compare');
  });

  it('profile updates set nested fields and refuse metadata', () => {
    const updated = applyProfileUpdates({ fullName: 'Tạp hóa A', address: { province: 'TP. Hồ Chí Minh' } }, { 'address.ward': 'Phường Bến Thành', facebook: 'fb.com/taphoa.a' });
    assert.deepEqual(updated, { fullName: 'Tạp hóa A', address: { province: 'TP. Hồ Chí Minh', ward: 'Phường Bến Thành' }, facebook: 'fb.com/taphoa.a' });
    assert.deepEqual(fieldOf(() => applyProfileUpdates({}, { ownerId: 'u-x' })), ['profileUpdates.ownerId']);
    assert.deepEqual(fieldOf(() => applyProfileUpdates({ fullName: 'A' }, { 'fullName.first': 'x' })), ['profileUpdates.fullName.first']);
  });
});
