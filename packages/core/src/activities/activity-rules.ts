import type { Activity } from '../schema/activity.js';
import type { ActivityType } from '../schema/activity-type.js';
import { addDays, addDaysToDate, DEFAULT_UTC_OFFSET_MINUTES, mondayOf, startOfLocalDay } from '../sales/calendar.js';

/** An activity type with its id, as the rules read it. */
export type ActivityTypeWithId = ActivityType & { id: string };

/** When a new activity of a type falls due: the type's default delay after `now`. */
export function defaultDueAt(type: Pick<ActivityType, 'defaultDelayDays'> | undefined, now: string): string {
  return addDays(now, type?.defaultDelayDays ?? 0);
}

/**
 * What follows a completed activity of `type`: an activity of the next type, due the type's `nextDelayDays`
 * after the completion time, for the same person and the same record — to be scheduled or only suggested
 * (`nextMode`). Undefined when the type names no next type.
 */
export function followUpOf(
  completed: Pick<Activity, 'assigneeId' | 'related' | 'ownerId' | 'teamId'> & { id: string },
  type: Pick<ActivityType, 'nextTypeId' | 'nextDelayDays' | 'nextMode'> | undefined,
  nextType: ActivityTypeWithId | undefined,
  doneAt: string,
): { mode: 'schedule' | 'suggest'; activity: Record<string, unknown> } | undefined {
  if (!type?.nextTypeId || !nextType) return undefined;
  const activity: Record<string, unknown> = {
    typeId: nextType.id,
    kind: nextType.kind,
    summary: nextType.name,
    dueAt: addDays(doneAt, type.nextDelayDays),
    status: 'planned',
    previousActivityId: completed.id,
  };
  for (const field of ['assigneeId', 'related', 'ownerId', 'teamId'] as const) if (completed[field] !== undefined) activity[field] = completed[field];
  return { mode: type.nextMode, activity };
}

/** Where a planned activity stands at `now`: overdue, due within the coming window, or later. */
export type ReminderState = 'overdue' | 'due_soon' | 'later' | 'closed';

/** A planned activity is overdue once its due time has passed, due soon within `soonMinutes` of it. */
export function reminderState(activity: Pick<Activity, 'status' | 'dueAt'>, now: string, soonMinutes = 60): ReminderState {
  if (activity.status !== 'planned') return 'closed';
  const due = Date.parse(activity.dueAt);
  const at = Date.parse(now);
  if (due < at) return 'overdue';
  return due - at <= soonMinutes * 60_000 ? 'due_soon' : 'later';
}

/** How much of the calendar an agenda covers: a local day, its Monday-to-Sunday week, or its calendar month. */
export type AgendaSpan = 'day' | 'week' | 'month';

/** The first local date of the span containing `date` and the first date after it. */
export function agendaDates(date: string, span: AgendaSpan): { first: string; after: string } {
  if (span === 'month') {
    const first = `${date.slice(0, 7)}-01`;
    const [year, month] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
    const after = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
    return { first, after };
  }
  const first = span === 'day' ? date : mondayOf(date);
  return { first, after: addDaysToDate(first, span === 'day' ? 1 : 7) };
}

/** The instants an agenda covers: a local day, the Monday-to-Sunday week or the month of a local date. */
export function agendaRange(date: string, span: AgendaSpan, utcOffsetMinutes = DEFAULT_UTC_OFFSET_MINUTES): { from: string; to: string } {
  const { first, after } = agendaDates(date, span);
  return { from: startOfLocalDay(first, utcOffsetMinutes), to: startOfLocalDay(after, utcOffsetMinutes) };
}
