export { CASE_TRANSITIONS, canMoveCase, type CaseStatus } from './case-states.js';
export { SupportService, type StoredCase } from './support-service.js';
