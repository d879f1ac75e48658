import type { CrmContext } from '../crm/context.js';
import { WriteSet } from '../crm/write-set.js';
import { CrmNotFoundError, CrmValidationError } from '../errors.js';
import { salesTeamSchema, type SalesTeam } from '../schema/sales-team.js';
import type { User } from '../schema/user.js';
import { parseWith } from '../schema/validate.js';
import type { StoredRecord } from '../storage/contract.js';
import { teamIssues } from './team-rules.js';

/** A stored sales team. */
export type StoredSalesTeam = StoredRecord<SalesTeam>;

/**
 * Sales teams (`crm.teams`): creating and editing a team checks its members, leader and capacities, and keeps
 * each member's `teamIds` in step with the team in the same commit, so "my team" reads the same both ways.
 */
export class TeamsService {
  constructor(private readonly context: CrmContext) {}

  private async users(ids: readonly string[]): Promise<Map<string, StoredRecord<User>>> {
    const unique = [...new Set(ids)];
    const records = (await this.context.storage.get('user', unique)) as (StoredRecord<User> | undefined)[];
    return new Map(records.filter((user): user is StoredRecord<User> => user !== undefined).map((user) => [user.id, user]));
  }

  private async save(current: StoredSalesTeam | undefined, input: Record<string, unknown>, patch: Record<string, unknown>, id: string | undefined): Promise<StoredSalesTeam> {
    const team = parseWith(salesTeamSchema, input, 'salesTeam');
    const before = current?.memberIds ?? [];
    const users = await this.users([...team.memberIds, ...before, ...(team.leaderId ? [team.leaderId] : []), ...(team.regionalManagerId ? [team.regionalManagerId] : [])]);
    const issues = teamIssues(team, new Set(users.keys()));
    if (issues.length > 0) throw new CrmValidationError(issues, 'salesTeam');
    const writes = new WriteSet(this.context, current ? 'salesTeam.update' : 'salesTeam.create');
    const teamId = current?.id ?? id ?? this.context.newId();
    if (current) writes.update('salesTeam', current, patch);
    else writes.create('salesTeam', input, { id: teamId });
    const members = new Set(team.memberIds);
    for (const userId of new Set([...before, ...team.memberIds])) {
      const user = users.get(userId);
      if (!user) continue;
      const has = user.teamIds.includes(teamId);
      if (members.has(userId) && !has) writes.update('user', user, { teamIds: [...user.teamIds, teamId] });
      if (!members.has(userId) && has) writes.update('user', user, { teamIds: user.teamIds.filter((other) => other !== teamId) });
    }
    const { records } = await writes.commit('salesTeam');
    return records[0] as unknown as StoredSalesTeam;
  }

  /** Creates a team (name required; members, leader and regional manager must be users). */
  async create(input: Record<string, unknown>, options: { id?: string } = {}): Promise<StoredSalesTeam> {
    return this.save(undefined, input, input, options.id);
  }

  /** Changes a team; members who join or leave have their `teamIds` updated in the same commit. */
  async update(teamId: string, patch: Record<string, unknown>): Promise<StoredSalesTeam> {
    const current = await this.team(teamId);
    const merged: Record<string, unknown> = { ...current, ...patch };
    for (const field of ['id', 'rev', 'createdAt', 'updatedAt', 'deleted']) delete merged[field];
    for (const [field, value] of Object.entries(merged)) if (value === undefined) delete merged[field];
    return this.save(current, merged, patch, undefined);
  }

  /** Adds a member, optionally with their own capacity (maximum open leads). */
  async addMember(teamId: string, userId: string, options: { capacity?: number } = {}): Promise<StoredSalesTeam> {
    const team = await this.team(teamId);
    const patch: Record<string, unknown> = { memberIds: team.memberIds.includes(userId) ? team.memberIds : [...team.memberIds, userId] };
    if (options.capacity !== undefined) patch['memberCapacity'] = { ...team.memberCapacity, [userId]: options.capacity };
    return this.update(teamId, patch);
  }

  /** Removes a member (and their own capacity). */
  async removeMember(teamId: string, userId: string): Promise<StoredSalesTeam> {
    const team = await this.team(teamId);
    const capacity = { ...team.memberCapacity };
    delete capacity[userId];
    return this.update(teamId, { memberIds: team.memberIds.filter((id) => id !== userId), memberCapacity: Object.keys(capacity).length > 0 ? capacity : undefined });
  }

  /** Reads a team; throws `CrmNotFoundError` if it does not exist. */
  async team(teamId: string): Promise<StoredSalesTeam> {
    const [team] = (await this.context.storage.get('salesTeam', [teamId])) as (StoredSalesTeam | undefined)[];
    if (!team) throw new CrmNotFoundError('salesTeam', teamId);
    return team;
  }
}
