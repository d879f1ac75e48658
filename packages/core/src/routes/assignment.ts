import { routeAssignmentSchema, type RouteAssignment } from '../schema/route-assignment.js';
import type { Route } from '../schema/route.js';
import { failField, parseWith } from '../schema/validate.js';

/** The employees and routes an assignment may name, when the caller knows them (each list optional). */
export interface KnownAssignees {
  /** Ids of the employees who may hold routes; an assignment to anyone else is refused naming `userId`. */
  userIds?: readonly string[];
  /** Ids of the existing routes; an assignment of any other is refused naming `routeId`. */
  routeIds?: readonly string[];
}

/**
 * Parses an assignment from outside (dates as ISO dates, not reversed) and, when the known employees or routes
 * are given, refuses one naming somebody or something unknown — so a typo never leaves a route with a holder
 * who does not exist.
 */
export function checkAssignment(input: unknown, known: KnownAssignees = {}): RouteAssignment {
  const assignment = parseWith(routeAssignmentSchema, input, 'route assignment');
  if (known.userIds && !known.userIds.includes(assignment.userId)) failField('userId', 'no employee with this id', 'unknown_reference', 'route assignment');
  if (known.routeIds && !known.routeIds.includes(assignment.routeId)) failField('routeId', 'no route with this id', 'unknown_reference', 'route assignment');
  return assignment;
}

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

/** The day after an ISO date. */
function dayAfter(date: string): string {
  return new Date(Date.parse(`${date.slice(0, 10)}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** What a reassignment changes: assignments that end, ones that go or start later, and the new ones. */
export interface ReassignmentPlan<A extends RouteAssignment = RouteAssignment> {
  /** Current assignments, each ending the day before the new one starts (kept as history). */
  end: { assignment: A; effectiveTo: string }[];
  /**
   * Assignments due to start on or after that day (up to its last day, when it has one) and ending within it:
   * they never took effect, so they are dropped.
   */
  drop: A[];
  /** With a last day: assignments starting within the new one but running past it now start the day after. */
  postpone: { assignment: A; effectiveFrom: string }[];
  /**
   * With a last day: the current holders take the route back the day after, until their own last day or the
   * day before the next assignment already scheduled, whichever comes first.
   */
  resume: RouteAssignment[];
  create: RouteAssignment;
}

/**
 * Hands a route to an employee from a date, open-ended or until a date (`to`, included). Whoever holds it then
 * keeps their assignment as history, ending the day before; with `to`, they hold it again from the day after
 * until the next assignment already scheduled. Assignments scheduled within the new one are dropped (or, when
 * they run past `to`, start the day after it); those scheduled after `to` stay. So there is never a day with two
 * holders by accident, nor a day with none.
 */
export function planReassignment<A extends RouteAssignment>(
  assignments: readonly A[],
  routeId: string,
  userId: string,
  options: { from: string; to?: string; note?: string; known?: KnownAssignees },
): ReassignmentPlan<A> {
  const create = checkAssignment(
    { routeId, userId, effectiveFrom: options.from.slice(0, 10), ...(options.to ? { effectiveTo: options.to.slice(0, 10) } : {}), ...(options.note ? { note: options.note } : {}) },
    options.known,
  );
  const from = create.effectiveFrom;
  const to = create.effectiveTo;
  const plan: ReassignmentPlan<A> = { end: [], drop: [], postpone: [], resume: [], create };
  const current: A[] = [];
  // the first day after `to` on which an assignment already scheduled takes the route
  let nextScheduled: string | undefined;
  const scheduled = (day: string) => {
    if (nextScheduled === undefined || day < nextScheduled) nextScheduled = day;
  };
  for (const assignment of assignments) {
    if (assignment.routeId !== routeId) continue;
    if (assignment.effectiveTo !== undefined && assignment.effectiveTo < from) continue;
    if (to !== undefined && assignment.effectiveFrom > to) {
      scheduled(assignment.effectiveFrom);
      continue;
    }
    if (assignment.effectiveFrom >= from) {
      if (to !== undefined && (assignment.effectiveTo === undefined || assignment.effectiveTo > to)) {
        plan.postpone.push({ assignment, effectiveFrom: dayAfter(to) });
        scheduled(dayAfter(to));
      } else plan.drop.push(assignment);
    } else {
      plan.end.push({ assignment, effectiveTo: dayBefore(from) });
      current.push(assignment);
    }
  }
  if (to === undefined) return plan;
  const resumeFrom = dayAfter(to);
  for (const assignment of current) {
    let resumeTo = assignment.effectiveTo;
    if (nextScheduled !== undefined) {
      const untilNext = dayBefore(nextScheduled);
      if (resumeTo === undefined || untilNext < resumeTo) resumeTo = untilNext;
    }
    if (resumeTo !== undefined && resumeTo < resumeFrom) continue;
    plan.resume.push({
      routeId,
      userId: assignment.userId,
      effectiveFrom: resumeFrom,
      ...(resumeTo !== undefined ? { effectiveTo: resumeTo } : {}),
      ...(assignment.note !== undefined ? { note: assignment.note } : {}),
    });
  }
  return plan;
}
