import { failField } from '../schema/validate.js';
import type { Route, RouteMember } from '../schema/route.js';

/** When, why and by whom a participation change happens. */
export interface ParticipationChange {
  at: string;
  reason?: string;
  byUserId?: string;
}

/**
 * Adds a customer to a route (in route, with its first history entry). A customer already on the route is
 * refused naming `customerId` — mark them back in route instead. The route's other fields (its id, revision) pass through.
 */
export function addRouteMember<R extends Route>(route: R, member: Omit<RouteMember, 'history' | 'participation'> & Partial<Pick<RouteMember, 'participation'>>, change: ParticipationChange): R {
  if (route.members.some((existing) => existing.customerId === member.customerId)) {
    failField('customerId', 'this customer is already a member of the route', 'duplicate_member', 'route');
  }
  const participation = member.participation ?? 'in_route';
  const entry = { participation, at: change.at, ...(change.reason ? { reason: change.reason } : {}), ...(change.byUserId ? { byUserId: change.byUserId } : {}) };
  const added: RouteMember = { ...member, participation, history: [entry], visitOrder: member.visitOrder ?? route.members.length };
  const members = [...route.members, added];
  return { ...route, members, customerIds: members.map((m) => m.customerId) };
}

/**
 * Marks a member in or out of the route, keeping the history (when, why, by whom): the route then serves only
 * the members in route, and those out of route keep their past. An unknown customer is refused naming `customerId`.
 */
export function setParticipation<R extends Route>(route: R, customerId: string, participation: RouteMember['participation'], change: ParticipationChange): R {
  const index = route.members.findIndex((member) => member.customerId === customerId);
  if (index < 0) failField('customerId', 'this customer is not a member of the route', 'unknown_member', 'route');
  const member = route.members[index]!;
  if (member.participation === participation) return route;
  const entry = { participation, at: change.at, ...(change.reason ? { reason: change.reason } : {}), ...(change.byUserId ? { byUserId: change.byUserId } : {}) };
  const members = route.members.map((candidate, i) => (i === index ? { ...candidate, participation, history: [...candidate.history, entry] } : candidate));
  return { ...route, members };
}

/** The members the route serves now (in route), in visit order. */
export function servedMembers(route: Route): RouteMember[] {
  return route.members.filter((member) => member.participation === 'in_route').sort((a, b) => (a.visitOrder ?? 0) - (b.visitOrder ?? 0));
}

/** Puts the members in the given order (customer ids); every member must be named once. */
export function reorderMembers<R extends Route>(route: R, customerIds: readonly string[]): R {
  const known = new Set(route.members.map((member) => member.customerId));
  if (customerIds.length !== known.size || new Set(customerIds).size !== customerIds.length || customerIds.some((id) => !known.has(id))) {
    failField('customerIds', 'must name every member of the route exactly once', 'invalid_order', 'route');
  }
  const order = new Map(customerIds.map((id, i) => [id, i]));
  const members = route.members.map((member) => ({ ...member, visitOrder: order.get(member.customerId)! })).sort((a, b) => a.visitOrder - b.visitOrder);
  return { ...route, members, customerIds: members.map((member) => member.customerId) };
}
