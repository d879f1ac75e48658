import { addDaysToDate, agendaDates, mondayOf, type AgendaSpan } from '@crmkit/core';

/**
 * The calendar arithmetic of `<crm-agenda>`, on ISO strings at a fixed UTC offset (the activity planner's, so the
 * grid's days are the agenda's days whatever the browser's own time zone).
 */

const MINUTE_MS = 60_000;

/** The local date (YYYY-MM-DD) and time (HH:MM) of an instant at `utcOffsetMinutes`. */
export function localParts(at: string, utcOffsetMinutes: number): { date: string; time: string; hour: number; minute: number } {
  const shifted = new Date(Date.parse(at) + utcOffsetMinutes * MINUTE_MS).toISOString();
  return { date: shifted.slice(0, 10), time: shifted.slice(11, 16), hour: Number(shifted.slice(11, 13)), minute: Number(shifted.slice(14, 16)) };
}

/** The instant (ISO, UTC) of a local date and time (`HH:MM`) at `utcOffsetMinutes`. */
export function instantOf(date: string, time: string, utcOffsetMinutes: number): string {
  return new Date(Date.parse(`${date}T${time}:00.000Z`) - utcOffsetMinutes * MINUTE_MS).toISOString();
}

/** `HH:00` for an hour of the day. */
export function hourLabel(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`;
}

/** The dates a view shows as columns (day, week) or cells (month: whole Monday-to-Sunday weeks around the month). */
export function viewDates(date: string, view: AgendaSpan): string[] {
  if (view === 'day') return [date];
  if (view === 'week') return Array.from({ length: 7 }, (_, i) => addDaysToDate(mondayOf(date), i));
  const { first, after } = agendaDates(date, 'month');
  const start = mondayOf(first);
  const lastDay = addDaysToDate(after, -1);
  const end = addDaysToDate(mondayOf(lastDay), 7);
  const dates: string[] = [];
  for (let day = start; day < end; day = addDaysToDate(day, 1)) dates.push(day);
  return dates;
}

/** The date the previous / next button leads to. */
export function stepDate(date: string, view: AgendaSpan, direction: -1 | 1): string {
  if (view === 'day') return addDaysToDate(date, direction);
  if (view === 'week') return addDaysToDate(date, 7 * direction);
  const [year, month] = [Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1 + direction];
  const y = year + Math.floor(month / 12);
  const m = ((month % 12) + 12) % 12;
  return `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/**
 * Where an activity moves when the user presses Alt + an arrow key on it: an hour earlier / later (Up / Down)
 * or a day earlier / later (Left / Right) in the day and week views; a week (Up / Down) or a day in the month view.
 */
export function shiftedDueAt(dueAt: string, key: string, view: AgendaSpan): string | undefined {
  const hour = 60 * MINUTE_MS;
  const day = 24 * hour;
  const steps: Record<string, number> =
    view === 'month' ? { ArrowUp: -7 * day, ArrowDown: 7 * day, ArrowLeft: -day, ArrowRight: day } : { ArrowUp: -hour, ArrowDown: hour, ArrowLeft: -day, ArrowRight: day };
  const step = steps[key];
  return step === undefined ? undefined : new Date(Date.parse(dueAt) + step).toISOString();
}

/** The hour row an activity is drawn in: its own hour, kept inside the rows shown. */
export function rowHour(hour: number, firstHour: number, lastHour: number): number {
  return Math.min(Math.max(hour, firstHour), lastHour);
}
