import type { CrmContext } from '../crm/context.js';
import { WriteSet } from '../crm/write-set.js';
import { CrmNotFoundError, CrmRuleError } from '../errors.js';
import type { Activity } from '../schema/activity.js';
import { isoDateTimeSchema } from '../schema/common.js';
import { failField, parseWith } from '../schema/validate.js';
import { DEFAULT_UTC_OFFSET_MINUTES } from '../sales/calendar.js';
import { loadReadable } from '../sales/load.js';
import type { StoredRecord } from '../storage/contract.js';
import { agendaRange, defaultDueAt, followUpOf, reminderState, type ActivityTypeWithId, type AgendaSpan } from './activity-rules.js';

/** A stored activity. */
export type PlannedActivity = StoredRecord<Activity>;

/** What completing an activity produced: the done activity, and the next one scheduled or suggested by its type. */
export interface CompletionResult {
  activity: PlannedActivity;
  /** The next activity, scheduled in the same commit (the type's `nextMode` is `schedule`). */
  next?: PlannedActivity;
  /** The next activity to propose to the user (the type's `nextMode` is `suggest`); pass it to `schedule`. */
  suggestion?: Record<string, unknown>;
}

/** Options of the activity planner. */
export interface ActivityPlannerOptions {
  /** The UTC offset that decides where a day begins for agendas (default Vietnam's, +420). */
  utcOffsetMinutes?: number;
}

/**
 * Planning activities (`crm.activityPlanner`): schedule (the type's default delay applies), complete with an
 * outcome — which schedules or suggests the type's next activity N days after completion, in the same
 * commit —, reschedule, cancel; reminders (overdue, due soon) and a user's agenda for a day or a week.
 */
export class ActivityPlanner {
  private readonly offset: number;

  constructor(
    private readonly context: CrmContext,
    options: ActivityPlannerOptions = {},
  ) {
    this.offset = options.utcOffsetMinutes ?? DEFAULT_UTC_OFFSET_MINUTES;
  }

  /** The UTC offset (minutes) at which this planner's days begin; a calendar showing its agenda uses the same. */
  get utcOffsetMinutes(): number {
    return this.offset;
  }

  private async type(id: string | undefined, path: string): Promise<ActivityTypeWithId | undefined> {
    if (id === undefined) return undefined;
    const [type] = (await this.context.storage.get('activityType', [id])) as (ActivityTypeWithId | undefined)[];
    if (!type) failField(path, `no activity type with id "${id}"`, 'unknown_reference', 'activity');
    return type;
  }

  private async activity(id: string, expectedRev?: number): Promise<PlannedActivity> {
    const [record] = (await this.context.storage.get('activity', [id])) as (PlannedActivity | undefined)[];
    if (!record) throw new CrmNotFoundError('activity', id);
    return expectedRev === undefined ? record : { ...record, rev: expectedRev };
  }

  /**
   * Schedules an activity. With a type, its kind and summary default to the type's and it falls due after the
   * type's default delay unless `dueAt` is given; the assignee defaults to the acting user.
   */
  async schedule(input: Record<string, unknown>): Promise<PlannedActivity> {
    const type = await this.type(typeof input['typeId'] === 'string' ? input['typeId'] : undefined, 'typeId');
    const now = this.context.now().toISOString();
    const data: Record<string, unknown> = { status: 'planned', assigneeId: this.context.actor.role === 'system' ? undefined : this.context.actor.id, ...input };
    if (type) {
      data['kind'] ??= type.kind;
      data['summary'] ??= type.name;
    }
    // a given time is stored in UTC by the schema (isoDateTimeSchema), so due times sort and compare as strings
    if (data['dueAt'] === undefined) data['dueAt'] = defaultDueAt(type, now);
    const writes = new WriteSet(this.context, 'activity.schedule');
    writes.create('activity', data);
    const { records } = await writes.commit('activity');
    return records[0] as unknown as PlannedActivity;
  }

  /**
   * Completes a planned activity with its outcome. If its type names a next type, the next activity (due the
   * type's delay after completion) is created in the same commit, or returned as a suggestion. A done or
   * cancelled activity is refused (`activity_closed`).
   */
  async complete(activityId: string, input: { outcome?: string; doneAt?: string; expectedRev?: number } = {}): Promise<CompletionResult> {
    const activity = await this.activity(activityId, input.expectedRev);
    if (activity.status !== 'planned') throw new CrmRuleError('activity_closed', `The activity is already ${activity.status}`);
    const doneAt = input.doneAt === undefined ? this.context.now().toISOString() : parseWith(isoDateTimeSchema, input.doneAt, 'activity');
    const type = activity.typeId ? ((await this.context.storage.get('activityType', [activity.typeId]))[0] as ActivityTypeWithId | undefined) : undefined;
    const nextType = type?.nextTypeId ? ((await this.context.storage.get('activityType', [type.nextTypeId]))[0] as ActivityTypeWithId | undefined) : undefined;
    const followUp = followUpOf(activity, type, nextType, doneAt);
    const writes = new WriteSet(this.context, 'activity.complete');
    writes.update('activity', activity, { status: 'done', doneAt, outcome: input.outcome });
    const nextId = followUp?.mode === 'schedule' ? this.context.newId() : undefined;
    if (followUp && nextId) writes.create('activity', followUp.activity, { id: nextId, pathPrefix: 'next' });
    const { records } = await writes.commit('activity');
    const result: CompletionResult = { activity: records[0] as unknown as PlannedActivity };
    if (nextId) result.next = records.find((record) => record.id === nextId) as unknown as PlannedActivity;
    else if (followUp) result.suggestion = followUp.activity;
    return result;
  }

  /** Moves a planned activity to another time (refused at `dueAt` when it is not an ISO date-time). */
  async reschedule(activityId: string, dueAt: string, options: { expectedRev?: number } = {}): Promise<PlannedActivity> {
    const activity = await this.activity(activityId, options.expectedRev);
    if (activity.status !== 'planned') throw new CrmRuleError('activity_closed', `The activity is already ${activity.status}`);
    const writes = new WriteSet(this.context, 'activity.reschedule');
    writes.update('activity', activity, { dueAt });
    const { records } = await writes.commit('activity');
    return records[0] as unknown as PlannedActivity;
  }

  /** Cancels a planned activity, with an optional reason kept as its outcome. */
  async cancel(activityId: string, options: { reason?: string; expectedRev?: number } = {}): Promise<PlannedActivity> {
    const activity = await this.activity(activityId, options.expectedRev);
    if (activity.status !== 'planned') throw new CrmRuleError('activity_closed', `The activity is already ${activity.status}`);
    const writes = new WriteSet(this.context, 'activity.cancel');
    writes.update('activity', activity, { status: 'cancelled', outcome: options.reason });
    const { records } = await writes.commit('activity');
    return records[0] as unknown as PlannedActivity;
  }

  /** A user's planned activities that are overdue, and those due within `withinMinutes` (default 60), soonest first. */
  async reminders(userId: string, options: { withinMinutes?: number } = {}): Promise<{ overdue: PlannedActivity[]; dueSoon: PlannedActivity[] }> {
    const now = this.context.now().toISOString();
    const planned = await loadReadable<Activity>(this.context, 'activity', [
      { field: 'assigneeId', op: 'eq', value: userId },
      { field: 'status', op: 'eq', value: 'planned' },
    ]);
    planned.sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : 0));
    const overdue: PlannedActivity[] = [];
    const dueSoon: PlannedActivity[] = [];
    for (const activity of planned) {
      const state = reminderState(activity, now, options.withinMinutes);
      if (state === 'overdue') overdue.push(activity);
      else if (state === 'due_soon') dueSoon.push(activity);
    }
    return { overdue, dueSoon };
  }

  /**
   * A user's agenda: their activities (planned and done; cancelled ones left out) due on a local day, in its
   * Monday-to-Sunday week or in its month, in time order.
   */
  async agenda(userId: string, options: { date: string; span?: AgendaSpan }): Promise<PlannedActivity[]> {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(options.date) || Number.isNaN(Date.parse(options.date))) failField('date', 'must be an ISO date, e.g. 2026-11-23', 'invalid_format', 'activity');
    const { from, to } = agendaRange(options.date, options.span ?? 'day', this.offset);
    const activities = await loadReadable<Activity>(this.context, 'activity', [
      { field: 'assigneeId', op: 'eq', value: userId },
      { field: 'dueAt', op: 'range', gte: from, lt: to },
    ]);
    return activities.filter((activity) => activity.status !== 'cancelled').sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : 0));
  }
}
