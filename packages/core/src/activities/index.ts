export { defaultDueAt, followUpOf, reminderState, agendaRange, agendaDates, type ActivityTypeWithId, type ReminderState, type AgendaSpan } from './activity-rules.js';
export { ActivityPlanner, type PlannedActivity, type CompletionResult, type ActivityPlannerOptions } from './activity-planner.js';
