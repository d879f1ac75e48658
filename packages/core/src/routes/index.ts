export { optimizeStops, optimizeStopsInputSchema, haversineMetres, parseTsplib, tsplibDistanceMatrix, type OptimizeStopsInput, type OptimizedStops, type TsplibInstance } from './optimize/index.js';
export { addRouteMember, setParticipation, servedMembers, reorderMembers, type ParticipationChange } from './membership.js';
export { isAssignmentActive, routesForDay, planReassignment, dayBefore, checkAssignment, type ReassignmentPlan, type KnownAssignees } from './assignment.js';
export { isVisitDue, visitsForDay, weekdayOf, type PlannedVisit } from './visit-plan.js';
export { routeCoverage, notVisitedSince, type RouteCoverage, type CoverageOptions } from './coverage.js';
export { assessCheckIn, DEFAULT_CHECK_IN_RADIUS_METRES } from './check-in.js';
export { applyProfileUpdates, type ProfileUpdateOptions } from './profile-updates.js';
export { FieldSalesService, optimizeRouteOptionsSchema, type FieldSalesOptions, type StoredRoute, type OptimizeRouteOptions, type OptimizedRoute, type AssignmentOptions } from './field-sales-service.js';
