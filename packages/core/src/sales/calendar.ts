/**
 * Calendar arithmetic on ISO strings. "Today" and "this week" depend on where the salespeople are, so every
 * day boundary takes a UTC offset; crmkit's default is Vietnam's (UTC+7, no daylight saving).
 */

/** Vietnam's offset from UTC in minutes (Asia/Ho_Chi_Minh). */
export const DEFAULT_UTC_OFFSET_MINUTES = 420;

const DAY_MS = 86_400_000;

/** The instant `days` days after `at` (an ISO date-time), as an ISO date-time. */
export function addDays(at: string, days: number): string {
  return new Date(Date.parse(at) + days * DAY_MS).toISOString();
}

/** The local calendar date (YYYY-MM-DD) of an instant at a UTC offset. */
export function localDate(at: Date | string, utcOffsetMinutes = DEFAULT_UTC_OFFSET_MINUTES): string {
  const time = typeof at === 'string' ? Date.parse(at) : at.getTime();
  return new Date(time + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

/** The instant a local date (YYYY-MM-DD) begins at a UTC offset, as an ISO date-time. */
export function startOfLocalDay(date: string, utcOffsetMinutes = DEFAULT_UTC_OFFSET_MINUTES): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) - utcOffsetMinutes * 60_000).toISOString();
}

/** The local date `days` days after `date` (both YYYY-MM-DD). */
export function addDaysToDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The Monday of the week a local date falls in (weeks start on Monday, as in Vietnam). */
export function mondayOf(date: string): string {
  const weekday = new Date(`${date}T00:00:00.000Z`).getUTCDay();
  return addDaysToDate(date, -((weekday + 6) % 7));
}
