import type { CrmContext } from '../crm/context.js';
import { WriteSet } from '../crm/write-set.js';
import { CrmNotFoundError } from '../errors.js';
import type { GeoPoint } from '../schema/common.js';
import type { Interaction } from '../schema/interaction.js';
import type { RouteAssignment } from '../schema/route-assignment.js';
import type { Route, RouteMember } from '../schema/route.js';
import { failField } from '../schema/validate.js';
import type { StoredRecord } from '../storage/contract.js';
import { assessCheckIn, DEFAULT_CHECK_IN_RADIUS_METRES } from './check-in.js';
import { notVisitedSince, routeCoverage, type RouteCoverage } from './coverage.js';
import { addRouteMember, reorderMembers, servedMembers, setParticipation } from './membership.js';
import { optimizeStops } from './optimize/optimize-stops.js';
import { applyProfileUpdates } from './profile-updates.js';
import { routesForDay, visitsForDay, type PlannedVisit } from './visit-plan.js';

/** Options of the field-sales service. */
export interface FieldSalesOptions {
  /** A check-in farther than this from the customer's GPS is flagged. Default 300 m. */
  checkInRadiusMetres?: number;
}

/** A stored route. */
export type StoredRoute = StoredRecord<Route>;

/**
 * Sales routes and field visits (`crm.fieldSales`): members in and out of route with their history, stop
 * order and optimisation, assignment to employees, today's visits, coverage, and recording calls and visits —
 * a check-in's distance to the customer, the next action as an activity, and profile updates, in one commit.
 */
export class FieldSalesService {
  private readonly radius: number;

  constructor(
    private readonly context: CrmContext,
    options: FieldSalesOptions = {},
  ) {
    this.radius = options.checkInRadiusMetres ?? DEFAULT_CHECK_IN_RADIUS_METRES;
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

  private async positions(members: readonly RouteMember[]): Promise<(GeoPoint | undefined)[]> {
    const byEntity = new Map<string, string[]>();
    for (const member of members) byEntity.set(member.customerEntity, [...(byEntity.get(member.customerEntity) ?? []), member.customerId]);
    const found = new Map<string, GeoPoint | undefined>();
    for (const [entity, ids] of byEntity) {
      const records = await this.context.storage.get(entity, ids);
      records.forEach((record, i) => found.set(`${entity}/${ids[i]}`, record?.['gps'] as GeoPoint | undefined));
    }
    return members.map((member) => found.get(`${member.customerEntity}/${member.customerId}`));
  }

  /**
   * Orders the route's stops (members in route with GPS) from a start point — the first stop by default —
   * and saves the new order; members without GPS keep their place after the ordered ones. Returns the
   * order and the distance before and after, in metres.
   */
  async optimizeRoute(routeId: string, options: { start?: GeoPoint; closed?: boolean; seed?: number } = {}): Promise<{ order: string[]; before: number; after: number }> {
    const route = await this.route(routeId);
    const served = servedMembers(route);
    const gps = await this.positions(served);
    const located = served.filter((_, i) => gps[i]);
    const points = located.map((member) => gps[served.indexOf(member)]!);
    const withStart = options.start ? [options.start, ...points] : points;
    if (located.length < 2) return { order: served.map((member) => member.customerId), before: 0, after: 0 };
    const result = optimizeStops({ points: withStart, closed: options.closed ?? false, seed: options.seed ?? 1 });
    const ordered = result.order.filter((index) => !options.start || index > 0).map((index) => located[options.start ? index - 1 : index]!.customerId);
    const rest = route.members.map((member) => member.customerId).filter((id) => !ordered.includes(id));
    await this.save(route, reorderMembers(route, [...ordered, ...rest]), 'route.optimize');
    return { order: ordered, before: Math.round(result.initialLength), after: Math.round(result.length) };
  }

  private async knownUser(userId: string): Promise<void> {
    const [user] = await this.context.storage.get('user', [userId]);
    if (!user) failField('userId', 'no employee with this id', 'unknown_reference', 'route assignment');
  }

  /** Assigns a route to an employee from a date (to a date or open-ended); an unknown employee is refused. */
  async assignRoute(routeId: string, userId: string, options: { from: string; to?: string; note?: string }): Promise<StoredRecord<RouteAssignment>> {
    await this.route(routeId);
    await this.knownUser(userId);
    const writes = new WriteSet(this.context, 'route.assign');
    writes.create('routeAssignment', { routeId, userId, effectiveFrom: options.from, ...(options.to ? { effectiveTo: options.to } : {}), ...(options.note ? { note: options.note } : {}) });
    const { records } = await writes.commit('routeAssignment');
    return records[0] as unknown as StoredRecord<RouteAssignment>;
  }

  /**
   * Hands a route to another employee from a date: current assignments end the day before (history kept) and
   * the new one starts, in one commit.
   */
  async reassignRoute(routeId: string, userId: string, options: { from: string; note?: string }): Promise<StoredRecord<RouteAssignment>> {
    await this.route(routeId);
    await this.knownUser(userId);
    const current = (await this.context.storage.query({ entity: 'routeAssignment', where: [{ field: 'routeId', op: 'eq', value: routeId }] })).records as unknown as StoredRecord<RouteAssignment>[];
    const dayBefore = new Date(Date.parse(`${options.from}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const writes = new WriteSet(this.context, 'route.reassign');
    for (const assignment of current) {
      if (assignment.effectiveTo !== undefined && assignment.effectiveTo < options.from) continue;
      if (assignment.effectiveFrom >= options.from) writes.remove('routeAssignment', assignment);
      else writes.update('routeAssignment', assignment, { effectiveTo: dayBefore });
    }
    const created = writes.create('routeAssignment', { routeId, userId, effectiveFrom: options.from, ...(options.note ? { note: options.note } : {}) });
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
    const customers = await this.positionsAndRecords(visits.map((visit) => visit.member));
    return visits.map((visit, i) => ({ ...visit, customer: customers[i] }));
  }

  private async positionsAndRecords(members: readonly RouteMember[]): Promise<(StoredRecord | undefined)[]> {
    return Promise.all(members.map(async (member) => (await this.context.storage.get(member.customerEntity, [member.customerId]))[0]));
  }

  private async interactionsOf(routeId: string): Promise<Interaction[]> {
    return (await this.context.storage.query({ entity: 'interaction', where: [{ field: 'routeId', op: 'eq', value: routeId }] })).records as unknown as Interaction[];
  }

  /** Planned against done visits of a route over a period. */
  async coverage(routeId: string, options: { from: string; to: string }): Promise<RouteCoverage> {
    const route = await this.route(routeId);
    return routeCoverage(route, await this.interactionsOf(routeId), options.from, options.to);
  }

  /** Customers of the route not visited since a date. */
  async notVisitedSince(routeId: string, date: string): Promise<string[]> {
    const route = await this.route(routeId);
    return notVisitedSince(route, await this.interactionsOf(routeId), date);
  }

  /**
   * Records a call or a visit. A face-to-face check-in gets its distance to the customer's GPS and is flagged
   * beyond the radius; a next action becomes an activity assigned as asked; profile updates change the
   * customer — all in one commit, so a bad profile value (named by its field) writes nothing.
   */
  async recordInteraction(input: Omit<Interaction, 'checkIn'> & { checkIn?: { at: string; gps: GeoPoint } }): Promise<{ interaction: StoredRecord<Interaction>; activityId?: string }> {
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
