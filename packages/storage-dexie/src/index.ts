/**
 * `@crmkit/storage-dexie`: crmkit's storage adapter on IndexedDB through Dexie — persistent, atomic commits
 * across entities, native index queries, and changes delivered to every tab on the same database.
 * @packageDocumentation
 */
export { createDexieAdapter, DexieAdapter, type DexieAdapterOptions } from './dexie-adapter.js';
