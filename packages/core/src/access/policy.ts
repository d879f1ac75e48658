import type { Actor } from './actor.js';

/** What an actor wants to do with a record. */
export type AccessAction = 'read' | 'create' | 'update' | 'delete';

/**
 * Decides what an actor may do. The services enforce it (never the UI): reads filter or refuse, writes refuse
 * with `CrmPermissionError`. A host passes its own to `createCrm({ access })` to change the rules.
 */
export interface AccessPolicy {
  /** May `actor` do `action` on this record of `entity`? For create and update, `record` is the new state. */
  can(actor: Actor, action: AccessAction, entity: string, record: Readonly<Record<string, unknown>>): boolean;
}

/** Options of {@link createAccessPolicy}. */
export interface AccessPolicyOptions {
  /**
   * Entities that are configuration (stages, tags, products, ...): everyone reads them, only the roles in
   * `configWriters` change them.
   */
  configEntities: ReadonlySet<string>;
  /** Roles that may change configuration. Default: manager and admin. */
  configWriters?: readonly string[];
  /** Roles that see and change every record. Default: manager and admin. */
  allAccessRoles?: readonly string[];
  /** Whether a salesperson may read records nobody owns yet (a shared pool). Default: true. */
  salespersonReadsUnowned?: boolean;
}

/**
 * crmkit's default rules: a salesperson reads and changes their own records (and reads the unowned pool), a
 * team leader their team's and their own, a manager or admin everything; configuration is read by all and
 * changed by managers and admins; a system actor may do anything.
 */
export function createAccessPolicy(options: AccessPolicyOptions): AccessPolicy {
  const configWriters = new Set(options.configWriters ?? ['manager', 'admin']);
  const allAccess = new Set(options.allAccessRoles ?? ['manager', 'admin']);
  const readsUnowned = options.salespersonReadsUnowned ?? true;
  return {
    can(actor, action, entity, record) {
      if (actor.role === 'system' || allAccess.has(actor.role)) return true;
      if (options.configEntities.has(entity)) return action === 'read' || configWriters.has(actor.role);
      const ownerId = record['ownerId'];
      const teamId = record['teamId'];
      const own = ownerId === actor.id;
      const unowned = ownerId === undefined || ownerId === null;
      if (actor.role === 'team_leader') {
        const inTeam = typeof teamId === 'string' && (actor.teamIds ?? []).includes(teamId);
        return own || inTeam || (action === 'read' && unowned);
      }
      if (actor.role === 'salesperson') return own || (action === 'read' && unowned && readsUnowned);
      return false;
    },
  };
}
