/** The roles crmkit's default access rules know. */
export type Role = 'salesperson' | 'team_leader' | 'manager' | 'admin';

/**
 * Who is acting: every service call runs as an actor, and every change is recorded under its id. A `system`
 * actor (scheduled jobs, imports run by the host) acts with full rights.
 */
export interface Actor {
  /** The user's id (or a system name such as `system:greetings`). */
  id: string;
  role: Role | 'system';
  /** The sales teams the actor belongs to or leads. */
  teamIds?: readonly string[];
}

/** An actor with full rights for jobs the host runs itself. */
export function systemActor(name = 'system'): Actor {
  return { id: name.startsWith('system') ? name : `system:${name}`, role: 'system' };
}
