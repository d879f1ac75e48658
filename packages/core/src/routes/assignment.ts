import type { RouteAssignment } from '../schema/route-assignment.js';
import type { Route } from '../schema/route.js';

/** Whether an assignment covers a date (from its first day to its last, both included). */
export function isAssignmentActive(assignment: RouteAssignment, date: string): boolean {
  const day = date.slice(0, 10);
  return assignment.effectiveFrom <= day && (assignment.effectiveTo === undefined || day <= assignment.effectiveTo);
}

/**
 * The routes assigned to an employee on a date, across all their assignments. Routes not in use are left out:
 * stopping a route takes it off everyone's plan without touching the assignments, so restarting it restores them.
 */
export function routesForDay<R extends Route & { id: string }>(routes: readonly R[], assignments: readonly RouteAssignment[], userId: string, date: string): R[] {
  const routeIds = new Set(assignments.filter((assignment) => assignment.userId === userId && isAssignmentActive(assignment, date)).map((assignment) => assignment.routeId));
  return routes.filter((route) => routeIds.has(route.id) && route.status === 'in_use');
}

/** The day before an ISO date. */
export function dayBefore(date: string): string {
  return new Date(Date.parse(`${date.slice(0, 10)}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** What a reassignment changes: assignments that end, ones that never started and go, and the new one. */
export interface ReassignmentPlan<A extends RouteAssignment = RouteAssignment> {
  /** Current assignments, each ending the day before the new one starts (kept as history). */
  end: { assignment: A; effectiveTo: string }[];
  /** Assignments due to start on or after that day: they never took effect, so they are dropped. */
  drop: A[];
  create: RouteAssignment;
}

/**
 * Hands a route to an employee from a date. Whoever holds it then keeps their assignment as history, ending the
 * day before — so there is never a day with two holders by accident, nor a day with none.
 */
export function planReassignment<A extends RouteAssignment>(assignments: readonly A[], routeId: string, userId: string, options: { from: string; note?: string }): ReassignmentPlan<A> {
  const from = options.from.slice(0, 10);
  const plan: ReassignmentPlan<A> = { end: [], drop: [], create: { routeId, userId, effectiveFrom: from, ...(options.note ? { note: options.note } : {}) } };
  for (const assignment of assignments) {
    if (assignment.routeId !== routeId) continue;
    if (assignment.effectiveTo !== undefined && assignment.effectiveTo < from) continue;
    if (assignment.effectiveFrom >= from) plan.drop.push(assignment);
    else plan.end.push({ assignment, effectiveTo: dayBefore(from) });
  }
  return plan;
}
