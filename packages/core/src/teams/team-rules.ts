import type { CrmValidationIssue } from '../errors.js';
import type { SalesTeam } from '../schema/sales-team.js';

/** A sales team with its id, as the rules read it. */
export type TeamWithId = SalesTeam & { id: string };

/** The maximum of open leads a member may hold in a team: their own, else the team's default, else no limit. */
export function memberCapacity(team: Pick<SalesTeam, 'memberCapacity' | 'defaultCapacity'>, userId: string): number {
  return team.memberCapacity?.[userId] ?? team.defaultCapacity ?? Number.POSITIVE_INFINITY;
}

/** Whether a user belongs to a team (its leader counts: a leader who sells takes leads too). */
export function isTeamMember(team: Pick<SalesTeam, 'memberIds' | 'leaderId'>, userId: string): boolean {
  return team.memberIds.includes(userId) || team.leaderId === userId;
}

/**
 * The team's own consistency, beyond its schema: members listed once, every member, leader and regional
 * manager a known user, and capacities only for members. `knownUserIds` are the users that exist.
 */
export function teamIssues(team: Pick<SalesTeam, 'memberIds' | 'leaderId' | 'regionalManagerId' | 'memberCapacity'>, knownUserIds: ReadonlySet<string>): CrmValidationIssue[] {
  const issues: CrmValidationIssue[] = [];
  const seen = new Set<string>();
  team.memberIds.forEach((id, i) => {
    if (seen.has(id)) issues.push({ path: `memberIds.${i}`, message: `"${id}" is listed twice`, code: 'duplicate' });
    seen.add(id);
    if (!knownUserIds.has(id)) issues.push({ path: `memberIds.${i}`, message: `no user with id "${id}"`, code: 'unknown_reference' });
  });
  for (const field of ['leaderId', 'regionalManagerId'] as const) {
    const id = team[field];
    if (id !== undefined && !knownUserIds.has(id)) issues.push({ path: field, message: `no user with id "${id}"`, code: 'unknown_reference' });
  }
  for (const id of Object.keys(team.memberCapacity ?? {})) {
    if (!seen.has(id)) issues.push({ path: `memberCapacity.${id}`, message: `"${id}" is not a member of the team`, code: 'not_a_member' });
  }
  return issues;
}
