import type { z } from 'zod';
import type { Actor } from '../access/actor.js';
import type { AccessPolicy } from '../access/policy.js';
import type { StorageAdapter } from '../storage/contract.js';
import type { EntityDefinition } from './entities.js';

/** A record about to be saved through an entity service, for save guards. */
export interface SaveEvent {
  entity: string;
  mode: 'create' | 'edit';
  /** The parsed data to be stored. */
  data: Readonly<Record<string, unknown>>;
  /** The record's id (known for edits; the new id for creates). */
  id: string;
  /**
   * Every record of the commit this save is part of, itself included (the inputs of one `createMany`): for a
   * rule that must hold across them, such as a product code being unique. Absent for a single save.
   */
  batch?: readonly SaveEvent[];
}

/**
 * A check that runs before an entity service saves (the duplicate check is one): it may throw to refuse the
 * save, or return warnings that the save goes through with.
 */
export type SaveGuard = (event: SaveEvent) => Promise<readonly unknown[]> | readonly unknown[];

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
  /** Guards run before entity services save (domain services register theirs when the facade is built). */
  readonly saveGuards: SaveGuard[];
  /** The definition of an entity by its storage name, with its effective schema. */
  definition(entity: string): EntityDefinition<z.ZodType>;
}
