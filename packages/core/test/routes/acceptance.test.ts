// Issue 6's acceptance, in its own words, on the pure rules alone (no storage): what the lead engineer's
// service builds on. The service-level versions are in field-sales.test.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contactSchema, CrmValidationError, interactionSchema, routeSchema, type Route, type RouteAssignment } from '@crmkit/core';
import {
  addRouteMember,
  applyProfileUpdates,
  assessCheckIn,
  checkAssignment,
  isVisitDue,
  optimizeStops,
  planReassignment,
  visitsForDay,
} from '../../src/routes/index.js';

type StoredRoute = Route & { id: string };
const route = (id: string, status: Route['status'] = 'in_use'): StoredRoute => ({ id, name: `Tuyến ${id}`, status, kind: 'normal', members: [], customerIds: [], notifyUserIds: [] });
const joined = { at: '2026-08-01T01:00:00.000Z', byUserId: 'u-lead' };

function refusedFields(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof CrmValidationError, `expected a CrmValidationError, got ${String(error)}`);
    return error.issues.map((issue) => issue.path);
  }
  return assert.fail('expected a CrmValidationError');
}

describe("today's plan", () => {
  // 2026-11-23 is a Monday
  const today = '2026-11-23';
  const withShop = (r: StoredRoute) => addRouteMember(r, { customerId: 'shop-a', customerEntity: 'contact', visitPlan: { frequency: { kind: 'weekly', weekdays: [1] } } }, joined);

  it('a route stopped (not in use) no longer appears in today’s plan, and comes back when in use again', () => {
    const assignments: RouteAssignment[] = [{ routeId: 'q1', userId: 'son', effectiveFrom: '2026-10-01' }];
    const running = withShop(route('q1'));
    assert.deepEqual(visitsForDay([running], assignments, 'son', today).map((visit) => visit.member.customerId), ['shop-a']);
    const stopped = { ...running, status: 'not_in_use' as const };
    assert.deepEqual(visitsForDay([stopped], assignments, 'son', today), []);
    assert.equal(visitsForDay([{ ...stopped, status: 'in_use' }], assignments, 'son', today).length, 1, 'the assignment was never touched');
  });

  it('an assignment that ended yesterday is not in today’s plan; one ending today still is', () => {
    const q1 = withShop(route('q1'));
    assert.deepEqual(visitsForDay([q1], [{ routeId: 'q1', userId: 'son', effectiveFrom: '2026-10-01', effectiveTo: '2026-11-22' }], 'son', today), []);
    assert.equal(visitsForDay([q1], [{ routeId: 'q1', userId: 'son', effectiveFrom: '2026-10-01', effectiveTo: today }], 'son', today).length, 1);
  });

  it('a weekly-Monday customer is due on Mondays only', () => {
    const mondays = { frequency: { kind: 'weekly' as const, weekdays: [1] } };
    const week = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30'];
    assert.deepEqual(week.filter((day) => isVisitDue(mondays, day)), ['2026-11-23', '2026-11-30']);
  });

  it('an every-two-weeks customer is due on alternate Wednesdays from the anchor, never before it', () => {
    const plan = { frequency: { kind: 'every_n_weeks' as const, n: 2, weekday: 3, anchorDate: '2026-11-04' } };
    const wednesdays = ['2026-10-28', '2026-11-04', '2026-11-11', '2026-11-18', '2026-11-25', '2026-12-02'];
    assert.deepEqual(wednesdays.filter((day) => isVisitDue(plan, day)), ['2026-11-04', '2026-11-18', '2026-12-02']);
  });
});

describe('check-ins', () => {
  it('a check-in 2 km from the customer is flagged; one 50 m away is not', () => {
    const shop = { lat: 21.0285, lng: 105.8542 };
    const twoKmNorth = { lat: 21.0285 + 2000 / 111_195, lng: 105.8542 };
    const far = assessCheckIn(twoKmNorth, shop);
    assert.equal(far.farFromCustomer, true);
    assert.ok(Math.abs(far.distanceMeters! - 2000) <= 2, `${far.distanceMeters} m`);
    assert.equal(assessCheckIn({ lat: 21.0285 + 50 / 111_195, lng: 105.8542 }, shop).farFromCustomer, false);
  });
});

describe('bad input is refused naming the field', () => {
  it('latitude 200 on a stop to optimise, and a stop with no coordinates at all', () => {
    assert.deepEqual(refusedFields(() => optimizeStops({ points: [{ lat: 21, lng: 105 }, { lat: 200, lng: 105 }] })), ['points.1.lat']);
    assert.deepEqual(refusedFields(() => optimizeStops({ points: [{ lat: Number.NaN, lng: 105 }, { lat: 21, lng: 105 }] })), ['points.0.lat']);
    assert.deepEqual(refusedFields(() => optimizeStops({ distances: [[0, Number.NaN], [1, 0]] })), ['distances.0.1']);
  });

  it('a member added twice, on the rule and on a route record', () => {
    const once = addRouteMember(route('q1'), { customerId: 'shop-a', customerEntity: 'contact' }, joined);
    assert.deepEqual(refusedFields(() => addRouteMember(once, { customerId: 'shop-a', customerEntity: 'company' }, joined)), ['customerId']);
    const twice = { ...once, members: [once.members[0]!, once.members[0]!] };
    const parsed = routeSchema.safeParse(twice);
    assert.equal(parsed.success, false);
    assert.deepEqual(parsed.error!.issues.map((issue) => issue.path.join('.')), ['members.1.customerId']);
  });

  it('an assignment to an unknown employee, when the known employees are given', () => {
    const known = { userIds: ['son', 'hoa'], routeIds: ['q1'] };
    assert.deepEqual(checkAssignment({ routeId: 'q1', userId: 'son', effectiveFrom: '2026-11-01' }, known), { routeId: 'q1', userId: 'son', effectiveFrom: '2026-11-01' });
    assert.deepEqual(refusedFields(() => checkAssignment({ routeId: 'q1', userId: 'ghost', effectiveFrom: '2026-11-01' }, known)), ['userId']);
    assert.deepEqual(refusedFields(() => checkAssignment({ routeId: 'q9', userId: 'son', effectiveFrom: '2026-11-01' }, known)), ['routeId']);
    assert.deepEqual(refusedFields(() => planReassignment([], 'q1', 'ghost', { from: '2026-11-23', known })), ['userId']);
    assert.deepEqual(refusedFields(() => checkAssignment({ routeId: 'q1', userId: 'son', effectiveFrom: '2026-11-10', effectiveTo: '2026-11-01' })), ['effectiveTo'], 'dates reversed');
  });

  it('preferred hours that end before they start', () => {
    const member = { customerId: 'shop-a', visitPlan: { frequency: { kind: 'weekly', weekdays: [1] }, preferredHours: { from: '14:00', to: '08:30' } } };
    const parsed = routeSchema.safeParse({ name: 'Tuyến Q1', members: [member] });
    assert.deepEqual(parsed.error?.issues.map((issue) => issue.path.join('.')), ['members.0.visitPlan.preferredHours.to']);
  });

  it("an interaction carrying another kind's fields, or a check-in on a phone call", () => {
    const call = { channel: 'tele', kind: 'interaction', customerId: 'shop-a', userId: 'son', at: '2026-11-23T03:00:00.000Z', callStatus: 'connected' };
    assert.equal(interactionSchema.safeParse(call).success, true);
    const paths = (input: object) => interactionSchema.safeParse(input).error?.issues.map((issue) => issue.path.join('.'));
    assert.deepEqual(paths({ ...call, support: { issue: 'Máy lọc nước rò rỉ' } }), ['support']);
    assert.deepEqual(paths({ ...call, checkIn: { at: call.at, gps: { lat: 21, lng: 105 } } }), ['checkIn']);
    assert.deepEqual(paths({ ...call, channel: 'face_to_face' }), ['callStatus']);
    assert.equal(interactionSchema.safeParse({ ...call, kind: 'support_call', support: { issue: 'Máy lọc nước rò rỉ', result: 'resolved' } }).success, true);
  });

  it('a profile update with a bad value, checked against the customer’s schema before anything is saved', () => {
    const customer = { fullName: 'Tạp hóa Cô Ba', kind: 'shop', gps: { lat: 10.77, lng: 106.7 } };
    assert.deepEqual(refusedFields(() => applyProfileUpdates(customer, { 'gps.lat': 200 }, { schema: contactSchema })), ['gps.lat']);
    const updated = applyProfileUpdates(customer, { 'address.ward': 'Phường Bến Nghé', 'gps.lat': 10.7769 }, { schema: contactSchema });
    assert.deepEqual([updated['address'], updated['gps']], [{ ward: 'Phường Bến Nghé' }, { lat: 10.7769, lng: 106.7 }]);
    assert.deepEqual(customer.gps, { lat: 10.77, lng: 106.7 }, 'the customer given is not changed');
  });
});
