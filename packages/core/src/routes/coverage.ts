import type { Interaction } from '../schema/interaction.js';
import type { Route } from '../schema/route.js';
import { isVisitDue } from './visit-plan.js';

/** Planned against done visits of a route over a period. */
export interface RouteCoverage {
  planned: number;
  done: number;
  /** done / planned (1 when nothing was planned). */
  rate: number;
  /** Planned visits not done: which customer on which day. */
  missed: { customerId: string; date: string }[];
}

function* days(from: string, to: string): Generator<string> {
  for (let at = Date.parse(`${from}T00:00:00Z`); at <= Date.parse(`${to}T00:00:00Z`); at += 86_400_000) yield new Date(at).toISOString().slice(0, 10);
}

/**
 * Coverage of a route between two dates (inclusive): every day a member in route was due is a planned visit;
 * it is done when an interaction with that customer on that route happened that day. A member counts as in
 * route on a day from what its history says held then.
 */
export function routeCoverage(route: Route & { id: string }, interactions: readonly Interaction[], from: string, to: string): RouteCoverage {
  const visited = new Set(interactions.filter((interaction) => interaction.routeId === route.id).map((interaction) => `${interaction.customerId}|${interaction.at.slice(0, 10)}`));
  let planned = 0;
  let done = 0;
  const missed: RouteCoverage['missed'] = [];
  for (const day of days(from, to)) {
    for (const member of route.members) {
      const state = [...member.history].filter((entry) => entry.at.slice(0, 10) <= day).pop();
      if ((state?.participation ?? member.participation) !== 'in_route' || !isVisitDue(member.visitPlan, day)) continue;
      planned += 1;
      if (visited.has(`${member.customerId}|${day}`)) done += 1;
      else missed.push({ customerId: member.customerId, date: day });
    }
  }
  return { planned, done, rate: planned === 0 ? 1 : done / planned, missed };
}

/** Members in route not visited since a date (no interaction on or after it). */
export function notVisitedSince(route: Route, interactions: readonly Interaction[], since: string): string[] {
  const seen = new Set(interactions.filter((interaction) => interaction.at.slice(0, 10) >= since.slice(0, 10)).map((interaction) => interaction.customerId));
  return route.members.filter((member) => member.participation === 'in_route' && !seen.has(member.customerId)).map((member) => member.customerId);
}
