import type { Interaction } from '../schema/interaction.js';
import type { Route, RouteMember } from '../schema/route.js';
import { DEFAULT_UTC_OFFSET_MINUTES, localDate } from '../sales/calendar.js';
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

/** Where the salespeople are: the UTC offset, in minutes, that days are counted in (UTC+7 by default). */
export interface CoverageOptions {
  utcOffsetMinutes?: number;
}

/**
 * Whether a member was in route on a local day, from what its history says held then. Before its first history
 * entry the customer was not on the route yet; a member without any history (saved without one) is taken at
 * its current participation.
 */
function inRouteOn(member: RouteMember, day: string, utcOffsetMinutes: number): boolean {
  if (member.history.length === 0) return member.participation === 'in_route';
  let participation: RouteMember['participation'] | undefined;
  for (const entry of member.history) if (localDate(entry.at, utcOffsetMinutes) <= day) participation = entry.participation;
  return participation === 'in_route';
}

/**
 * Coverage of a route between two dates (inclusive): every day a member in route was due is a planned visit;
 * it is done when an interaction with that customer on that route happened that day. A member counts as in
 * route on a day from what its history says held then (not before it joined). Days are local days at the
 * salespeople's UTC offset (Vietnam's by default), so a visit at 06:30 on the 12th counts on the 12th.
 */
export function routeCoverage(route: Route & { id: string }, interactions: readonly Interaction[], from: string, to: string, options: CoverageOptions = {}): RouteCoverage {
  const offset = options.utcOffsetMinutes ?? DEFAULT_UTC_OFFSET_MINUTES;
  const visited = new Set(interactions.filter((interaction) => interaction.routeId === route.id).map((interaction) => `${interaction.customerId}|${localDate(interaction.at, offset)}`));
  let planned = 0;
  let done = 0;
  const missed: RouteCoverage['missed'] = [];
  for (const day of days(from, to)) {
    for (const member of route.members) {
      if (!inRouteOn(member, day, offset) || !isVisitDue(member.visitPlan, day)) continue;
      planned += 1;
      if (visited.has(`${member.customerId}|${day}`)) done += 1;
      else missed.push({ customerId: member.customerId, date: day });
    }
  }
  return { planned, done, rate: planned === 0 ? 1 : done / planned, missed };
}

/** Members in route not visited since a date (no interaction on or after that local day). */
export function notVisitedSince(route: Route, interactions: readonly Interaction[], since: string, options: CoverageOptions = {}): string[] {
  const offset = options.utcOffsetMinutes ?? DEFAULT_UTC_OFFSET_MINUTES;
  const seen = new Set(interactions.filter((interaction) => localDate(interaction.at, offset) >= since.slice(0, 10)).map((interaction) => interaction.customerId));
  return route.members.filter((member) => member.participation === 'in_route' && !seen.has(member.customerId)).map((member) => member.customerId);
}
