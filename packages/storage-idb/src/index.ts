/**
 * `@crmkit/storage-idb`: crmkit's small storage adapter on IndexedDB through idb — persistent, atomic commits
 * across entities, cursor-based index queries, and changes delivered to every tab on the same database.
 * @packageDocumentation
 */
export { createIdbAdapter, IdbAdapter, type IdbAdapterOptions } from './idb-adapter.js';
