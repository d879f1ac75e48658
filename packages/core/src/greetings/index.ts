export { greetingOccasionSchema, greetingRecordSchema, type GreetingOccasion, type GreetingRecord } from './greeting-record.js';
export { DEFAULT_GREETING_TEMPLATES, anniversaryYears, greetingId, greetingsDue, type GreetingTemplate, type DueGreeting } from './greeting-rules.js';
export { GreetingsService, type GreetingMessage, type GreetingSender, type GreetingsOptions, type GreetingsRun } from './greetings-service.js';
