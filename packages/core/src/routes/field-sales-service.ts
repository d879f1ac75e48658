import type { CrmContext } from '../crm/context.js';
import { WriteSet } from '../crm/write-set.js';
import { CrmNotFoundError } from '../errors.js';
import { z } from 'zod';
import { geoPointSchema, idSchema, isoDateSchema, type GeoPoint } from '../schema/common.js';
import type { Interaction } from '../schema/interaction.js';
import type { RouteAssignment } from '../schema/route-assignment.js';
import type { Route, RouteMember } from '../schema/route.js';
import { failField, parseWith } from '../schema/validate.js';
import { DEFAULT_UTC_OFFSET_MINUTES, startOfLocalDay } from '../sales/calendar.js';
import type { Query, StoredRecord } from '../storage/contract.js';
import { assessCheckIn, DEFAULT_CHECK_IN_RADIUS_METRES } from './check-in.js';
import { notVisitedSince, routeCoverage, type RouteCoverage } from './coverage.js';
import { addRouteMember, reorderMembers, servedMembers, setParticipation } from './membership.js';
import { optimizeStops } from './optimize/optimize-stops.js';
import { applyProfileUpdates } from './profile-updates.js';
import { planReassignment, routesForDay } from './assignment.js';
import { haversineMetres } from './optimize/distance.js';
import { visitsForDay, type PlannedVisit } from './visit-plan.js';

/** Options of the field-sales service. */
export interface FieldSalesOptions {
  /** A check-in farther than this from the customer's GPS is flagged. Default 300 m. */
  checkInRadiusMetres?: number;
  /** The salespeople's UTC offset in minutes, for the days of coverage; default Vietnam's (UTC+7). */
  utcOffsetMinutes?: number;
}

/** A stored route. */
export type StoredRoute = StoredRecord<Route>;

/**
 * How to optimise a route: where the day starts (a point, e.g. the depot; the first stop by default), whether
 * to come back to it, and where it must end — a point (home, the depot) or the customer id of a member.
 */
export const optimizeRouteOptionsSchema = z.object({
  start: geoPointSchema.optional(),
  closed: z.boolean().optional(),
  end: z.union([geoPointSchema, idSchema]).optional(),
  seed: z.number().int().optional(),
});
/** Options of {@link FieldSalesService.optimizeRoute}. */
export type OptimizeRouteOptions = z.input<typeof optimizeRouteOptionsSchema>;

/** The optimised order of a route's stops (customer ids) and its length before and after, in metres. */
export interface OptimizedRoute {
  order: string[];
  before: number;
  after: number;
}

const assignmentOptionsSchema = z.object({ from: isoDateSchema, to: isoDateSchema.optional(), note: z.string().trim().max(1000).optional() });
/** When an assignment runs and why. */
export interface AssignmentOptions {
  /** The first day (ISO date). */
  from: string;
  /** The last day, included; left out: open-ended. */
  to?: string;
  note?: string;
}

/**
 * Sales routes and field visits (`crm.fieldSales`): members in and out of route with their history, stop
 * order and optimisation, assignment to employees, today's visits, coverage, and recording calls and visits —
 * a check-in's distance to the customer, the next action as an activity, and profile updates, in one commit.
 */
export class FieldSalesService {
  private readonly radius: number;
  private readonly offset: number;

  constructor(
    private readonly context: CrmContext,
    options: FieldSalesOptions = {},
  ) {
    this.radius = options.checkInRadiusMetres ?? DEFAULT_CHECK_IN_RADIUS_METRES;
    this.offset = options.utcOffsetMinutes ?? DEFAULT_UTC_OFFSET_MINUTES;
  }

  private async route(routeId: string): Promise<StoredRoute> {
    const [route] = await this.context.storage.get('route', [routeId]);
    if (!route) throw new CrmNotFoundError('route', routeId);
    return route as unknown as StoredRoute;
  }

  private async save(route: StoredRoute, next: Route, action: string): Promise<StoredRoute> {
    const writes = new WriteSet(this.context, action);
    writes.update('route', route, next as unknown as Record<string, unknown>);
    const { records } = await writes.commit('route');
    return records[0] as unknown as StoredRoute;
  }

  private now(): string {
    return this.context.now().toISOString();
  }

  /** Adds a customer to a route; a customer already on it is refused naming `customerId`. */
  async addMember(routeId: string, member: Omit<RouteMember, 'history' | 'participation'>, options: { reason?: string } = {}): Promise<StoredRoute> {
    const route = await this.route(routeId);
    const customer = await this.context.storage.get(member.customerEntity ?? 'contact', [member.customerId]);
    if (!customer[0]) failField('customerId', `no ${member.customerEntity ?? 'contact'} with this id`, 'unknown_reference', 'route');
    const change = { at: this.now(), byUserId: this.context.actor.id, ...(options.reason ? { reason: options.reason } : {}) };
    return this.save(route, addRouteMember(route, member, change), 'route.member.add');
  }

  /** Marks a customer in or out of the route, keeping the history. */
  async setParticipation(routeId: string, customerId: string, participation: RouteMember['participation'], options: { reason?: string } = {}): Promise<StoredRoute> {
    const route = await this.route(routeId);
    const change = { at: this.now(), byUserId: this.context.actor.id, ...(options.reason ? { reason: options.reason } : {}) };
    return this.save(route, setParticipation(route, customerId, participation, change), 'route.member.participation');
  }

  /** Puts the stops in the given order. */
  async reorderStops(routeId: string, customerIds: readonly string[]): Promise<StoredRoute> {
    const route = await this.route(routeId);
    return this.save(route, reorderMembers(route, customerIds), 'route.reorder');
  }

  /** The customer records of members, one query per entity. */
  private async customersOf(members: readonly RouteMember[]): Promise<(StoredRecord | undefined)[]> {
    const byEntity = new Map<string, string[]>();
    for (const member of members) byEntity.set(member.customerEntity, [...(byEntity.get(member.customerEntity) ?? []), member.customerId]);
    const found = new Map<string, StoredRecord | undefined>();
    for (const [entity, ids] of byEntity) {
      const records = await this.context.storage.get(entity, ids);
      records.forEach((record, i) => found.set(`${entity}/${ids[i]}`, record ?? undefined));
    }
    return members.map((member) => found.get(`${member.customerEntity}/${member.customerId}`));
  }

  /**
   * Orders the route's stops (members in route with GPS) by great-circle distance and saves the new order;
   * members without GPS keep their place after the ordered ones. The day starts at `start` (the first stop by
   * default) and is an open path unless `closed`; `end` fixes the last stop (a point or a member's customer id).
   * `before` is the length of the saved order under the same start and end, `after` the optimised one
   * (never longer, unless `end` names a member the saved order does not finish with).
   */
  async optimizeRoute(routeId: string, options: OptimizeRouteOptions = {}): Promise<OptimizedRoute> {
    const { start, end, closed = false, seed = 1 } = parseWith(optimizeRouteOptionsSchema, options, 'route optimisation');
    const route = await this.route(routeId);
    const served = servedMembers(route);
    const customers = await this.customersOf(served);
    const located = served.flatMap((member, i) => {
      const gps = customers[i]?.['gps'] as GeoPoint | undefined;
      return gps ? [{ customerId: member.customerId, gps }] : [];
    });
    const lastStop = typeof end === 'string' ? located.findIndex((stop) => stop.customerId === end) : -1;
    if (typeof end === 'string' && lastStop < 0) failField('end', 'must be the customer id of a member in route with GPS', 'unknown_member', 'route');
    if (located.length < 2) return { order: located.map((stop) => stop.customerId), before: 0, after: 0 };
    const offset = start ? 1 : 0;
    const points = [...(start ? [start] : []), ...located.map((stop) => stop.gps), ...(end && typeof end !== 'string' ? [end] : [])];
    const endIndex = end === undefined ? undefined : typeof end === 'string' ? offset + lastStop : points.length - 1;
    const result = optimizeStops({ points, closed, seed, ...(endIndex !== undefined ? { end: endIndex } : {}) });
    let before = 0;
    for (let i = 0; i + 1 < points.length; i++) before += haversineMetres(points[i]!, points[i + 1]!);
    if (closed) before += haversineMetres(points[points.length - 1]!, points[0]!);
    const order = result.order.filter((index) => index >= offset && index < offset + located.length).map((index) => located[index - offset]!.customerId);
    const rest = route.members.map((member) => member.customerId).filter((id) => !order.includes(id));
    await this.save(route, reorderMembers(route, [...order, ...rest]), 'route.optimize');
    return { order, before: Math.round(before), after: Math.round(result.length) };
  }

  private async knownUser(userId: string): Promise<void> {
    const [user] = await this.context.storage.get('user', [userId]);
    if (!user) failField('userId', 'no employee with this id', 'unknown_reference', 'route assignment');
  }

  /**
   * Assigns a route to an employee from a date (to a date, or open-ended); an employee may hold several routes
   * and a route several employees. An unknown employee is refused naming `userId`, and nothing is written.
   */
  async assignRoute(routeId: string, userId: string, options: AssignmentOptions): Promise<StoredRecord<RouteAssignment>> {
    const { from, to, note } = parseWith(assignmentOptionsSchema, options, 'route assignment');
    await this.route(routeId);
    await this.knownUser(userId);
    const writes = new WriteSet(this.context, 'route.assign');
    writes.create('routeAssignment', { routeId, userId, effectiveFrom: from, ...(to ? { effectiveTo: to } : {}), ...(note ? { note } : {}) });
    const { records } = await writes.commit('routeAssignment');
    return records[0] as unknown as StoredRecord<RouteAssignment>;
  }

  /**
   * Hands a route to an employee from a date, open-ended or until `to`: current assignments end the day before
   * and stay as history, ones that had not started yet and fall within the new one are dropped, and the new one
   * starts. With `to`, the current holders take the route back the day after, until the next assignment already
   * scheduled, which stays — all in one commit.
   */
  async reassignRoute(routeId: string, userId: string, options: AssignmentOptions): Promise<StoredRecord<RouteAssignment>> {
    const { from, to, note } = parseWith(assignmentOptionsSchema, options, 'route assignment');
    await this.route(routeId);
    await this.knownUser(userId);
    const current = (await this.context.storage.query({ entity: 'routeAssignment', where: [{ field: 'routeId', op: 'eq', value: routeId }] })).records as unknown as StoredRecord<RouteAssignment>[];
    const plan = planReassignment(current, routeId, userId, { from, ...(to ? { to } : {}), ...(note ? { note } : {}) });
    const writes = new WriteSet(this.context, 'route.reassign');
    for (const { assignment, effectiveTo } of plan.end) writes.update('routeAssignment', assignment, { effectiveTo });
    for (const assignment of plan.drop) writes.remove('routeAssignment', assignment);
    for (const { assignment, effectiveFrom } of plan.postpone) writes.update('routeAssignment', assignment, { effectiveFrom });
    for (const resumed of plan.resume) writes.create('routeAssignment', resumed);
    const created = writes.create('routeAssignment', plan.create);
    const { records } = await writes.commit('routeAssignment');
    return records.find((record) => record.id === created?.id) as unknown as StoredRecord<RouteAssignment>;
  }

  private async allRoutesAndAssignments(userId: string): Promise<{ routes: StoredRoute[]; assignments: StoredRecord<RouteAssignment>[] }> {
    const assignments = (await this.context.storage.query({ entity: 'routeAssignment', where: [{ field: 'userId', op: 'eq', value: userId }] })).records as unknown as StoredRecord<RouteAssignment>[];
    const routeIds = [...new Set(assignments.map((assignment) => assignment.routeId))];
    const routes = (await this.context.storage.get('route', routeIds)).filter(Boolean) as unknown as StoredRoute[];
    return { routes, assignments };
  }

  /** The routes an employee works on a date. */
  async routesForDay(userId: string, date: string): Promise<StoredRoute[]> {
    const { routes, assignments } = await this.allRoutesAndAssignments(userId);
    return routesForDay(routes, assignments, userId, date);
  }

  /** "Who do I visit today": the due members of the employee's routes that day, with their records. */
  async visitsForDay(userId: string, date: string): Promise<(PlannedVisit & { customer: StoredRecord | undefined })[]> {
    const { routes, assignments } = await this.allRoutesAndAssignments(userId);
    const visits = visitsForDay(routes, assignments, userId, date);
    const customers = await this.customersOf(visits.map((visit) => visit.member));
    return visits.map((visit, i) => ({ ...visit, customer: customers[i] }));
  }

  /** Every record a query matches, following cursors for adapters that page. */
  private async queryAll<T extends object>(query: Query): Promise<StoredRecord<T>[]> {
    const all: StoredRecord<T>[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.context.storage.query(cursor === undefined ? query : { ...query, cursor });
      all.push(...(page.records as unknown as StoredRecord<T>[]));
      cursor = page.cursor;
    } while (cursor !== undefined);
    return all;
  }

  /**
   * Planned against done visits of a route over a period (local dates, inclusive); a visit counts on its route,
   * on its local day.
   */
  async coverage(routeId: string, options: { from: string; to: string }): Promise<RouteCoverage> {
    const { from, to } = parseWith(z.object({ from: isoDateSchema, to: isoDateSchema }), options, 'coverage');
    const route = await this.route(routeId);
    const interactions = await this.queryAll<Interaction>({ entity: 'interaction', where: [{ field: 'routeId', op: 'eq', value: routeId }] });
    return routeCoverage(route, interactions, from, to, { utcOffsetMinutes: this.offset });
  }

  /** Customers in route not visited since a date — by anyone, on any route: a visit is a visit. */
  async notVisitedSince(routeId: string, date: string): Promise<string[]> {
    const since = parseWith(isoDateSchema, date.slice(0, 10), 'date');
    const route = await this.route(routeId);
    const customerIds = servedMembers(route).map((member) => member.customerId);
    if (customerIds.length === 0) return [];
    const interactions = await this.queryAll<Interaction>({
      entity: 'interaction',
      // the local day begins before midnight UTC (at UTC+7, at 17:00 the day before)
      where: [{ field: 'customerId', op: 'in', values: customerIds }, { field: 'at', op: 'range', gte: startOfLocalDay(since, this.offset) }],
    });
    return notVisitedSince(route, interactions, since, { utcOffsetMinutes: this.offset });
  }

  /**
   * Records a call or a visit. A face-to-face check-in gets its distance to the customer's GPS and is flagged
   * beyond the radius; a next action becomes an activity assigned as asked; profile updates change the
   * customer — all in one commit, so a bad profile value (named by its field) writes nothing.
   */
  async recordInteraction(input: Omit<Interaction, 'checkIn'> & { checkIn?: { at: string; gps: GeoPoint } }): Promise<{ interaction: StoredRecord<Interaction>; activityId?: string }> {
    // the whole input is checked before any of it is used: a check-in without GPS is refused at `checkIn.gps`
    // rather than failing inside the distance check
    parseWith(this.context.definition('interaction').schema, input, 'interaction');
    const entity = input.customerEntity ?? 'contact';
    const [customer] = await this.context.storage.get(entity, [input.customerId]);
    if (!customer) failField('customerId', `no ${entity} with this id`, 'unknown_reference', 'interaction');
    const writes = new WriteSet(this.context, `interaction.${input.channel}`);
    const interaction: Record<string, unknown> = { ...input };
    if (input.checkIn) interaction['checkIn'] = { ...input.checkIn, ...assessCheckIn(input.checkIn.gps, customer['gps'] as GeoPoint | undefined, this.radius) };
    let activityId: string | undefined;
    if (input.nextAction) {
      const activity = writes.create('activity', {
        kind: input.channel === 'tele' ? 'call' : 'visit',
        summary: input.nextAction.summary,
        dueAt: input.nextAction.dueAt,
        assigneeId: input.nextAction.assigneeId,
        related: { entity, id: input.customerId },
      });
      activityId = activity?.id;
      if (activityId) interaction['activityId'] = activityId;
    }
    if (input.profileUpdates && Object.keys(input.profileUpdates).length > 0) {
      const { id: _id, rev: _rev, createdAt: _c, updatedAt: _u, deleted: _d, ...data } = customer;
      writes.update(entity, customer, applyProfileUpdates(data, input.profileUpdates));
    }
    const created = writes.create('interaction', interaction);
    const { records } = await writes.commit('interaction');
    const stored = records.find((record) => record.id === created?.id) as unknown as StoredRecord<Interaction>;
    return activityId ? { interaction: stored, activityId } : { interaction: stored };
  }
}
