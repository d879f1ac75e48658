import type { ReportActivity } from './report-inputs.js';

/** One user's activities: done, planned and overdue (planned and past due at the report's time). */
export interface ActivityRow {
  userId: string;
  done: number;
  planned: number;
  overdue: number;
  cancelled: number;
}

/** Activities done vs overdue per assignee at `now`, most overdue first. */
export function activitiesByUser(activities: readonly ReportActivity[], now: string): ActivityRow[] {
  const rows = new Map<string, ActivityRow>();
  const at = Date.parse(now);
  for (const activity of activities) {
    const userId = activity.assigneeId ?? '';
    let row = rows.get(userId);
    if (!row) rows.set(userId, (row = { userId, done: 0, planned: 0, overdue: 0, cancelled: 0 }));
    row[activity.status] += 1;
    if (activity.status === 'planned' && Date.parse(activity.dueAt) < at) row.overdue += 1;
  }
  return [...rows.values()].sort((a, b) => b.overdue - a.overdue || (a.userId < b.userId ? -1 : 1));
}
