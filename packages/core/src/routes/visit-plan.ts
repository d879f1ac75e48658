import type { RouteAssignment } from '../schema/route-assignment.js';
import type { Route, RouteMember, VisitPlan } from '../schema/route.js';
import { routesForDay } from './assignment.js';
import { servedMembers } from './membership.js';

/** The weekday (0 = Sunday … 6 = Saturday) of an ISO date. */
export function weekdayOf(date: string): number {
  return new Date(`${date.slice(0, 10)}T00:00:00Z`).getUTCDay();
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to.slice(0, 10)}T00:00:00Z`) - Date.parse(`${from.slice(0, 10)}T00:00:00Z`)) / 86_400_000);
}

/**
 * Whether a member with this plan is due on a date: weekly on given weekdays; every N weeks on a weekday
 * counted from an anchor date; monthly on a day (the last day of a shorter month when the day does not exist).
 * A member without a plan is due every working day (Monday to Saturday).
 */
export function isVisitDue(plan: VisitPlan | undefined, date: string): boolean {
  const weekday = weekdayOf(date);
  if (!plan) return weekday !== 0;
  const frequency = plan.frequency;
  switch (frequency.kind) {
    case 'weekly':
      return frequency.weekdays.includes(weekday);
    case 'every_n_weeks': {
      if (weekday !== frequency.weekday) return false;
      const days = daysBetween(frequency.anchorDate, date);
      return days >= 0 && Math.floor(days / 7) % frequency.n === 0;
    }
    case 'monthly': {
      const day = Number(date.slice(8, 10));
      const year = Number(date.slice(0, 4));
      const month = Number(date.slice(5, 7));
      const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
      return day === Math.min(frequency.dayOfMonth, lastDay);
    }
  }
}

/** One visit planned for a day. */
export interface PlannedVisit {
  routeId: string;
  member: RouteMember;
}

/**
 * "Who do I visit today": across the employee's routes that day (active assignment, route in use), the members
 * in route whose plan is due, in each route's visit order.
 */
export function visitsForDay<R extends Route & { id: string }>(routes: readonly R[], assignments: readonly RouteAssignment[], userId: string, date: string): PlannedVisit[] {
  return routesForDay(routes, assignments, userId, date).flatMap((route) =>
    servedMembers(route)
      .filter((member) => isVisitDue(member.visitPlan, date))
      .map((member) => ({ routeId: route.id, member })),
  );
}
