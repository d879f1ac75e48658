export { defaultDueAt, followUpOf, reminderState, agendaRange, type ActivityTypeWithId, type ReminderState } from './activity-rules.js';
export { ActivityPlanner, type PlannedActivity, type CompletionResult, type ActivityPlannerOptions } from './activity-planner.js';
