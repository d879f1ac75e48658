export { memberCapacity, isTeamMember, teamIssues, type TeamWithId } from './team-rules.js';
export { TeamsService, type StoredSalesTeam } from './teams-service.js';
