import type { z } from 'zod';
import type { Actor } from '../access/actor.js';
import type { AccessPolicy } from '../access/policy.js';
import type { StorageAdapter } from '../storage/contract.js';
import type { EntityDefinition } from './entities.js';

/**
 * What every service works with: the store, who is acting, the rules of access, the clock and id source, and
 * each entity's effective schema (with the host's custom fields). Services are built on it; hosts normally
 * use the facade from `createCrm` instead.
 */
export interface CrmContext {
  readonly storage: StorageAdapter;
  readonly actor: Actor;
  readonly access: AccessPolicy;
  /** The current time; injectable so rules that depend on "today" are testable. */
  now(): Date;
  /** A new record id. */
  newId(): string;
  /** The definition of an entity by its storage name, with its effective schema. */
  definition(entity: string): EntityDefinition<z.ZodType>;
}
