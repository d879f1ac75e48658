export type {
  JsonValue,
  RecordMeta,
  StoredRecord,
  Write,
  CommitRequest,
  Change,
  ChangeBatch,
  LiveChangeBatch,
  IndexValue,
  Condition,
  Query,
  QueryPage,
  EntityStoreDefinition,
  UpgradeContext,
  StorageSchema,
  StorageCapabilities,
  CommitResult,
  ChangesPage,
  RecordHistoryEntry,
  ChangeListener,
  StorageAdapter,
} from './contract.js';
export { applyWrites, validateCommit, recordKey } from './commit-plan.js';
export { compareIndexValues, isIndexValue, readPath, parseIndexSpec, indexValuesOf, type IndexSpec } from './keys.js';
export {
  planQuery,
  isKnownEntity,
  findIndex,
  encodeCursor,
  decodeCursor,
  isEmptyRange,
  comparePositions,
  orderValueOf,
  withinBounds,
  type QueryPlan,
  type KeyBounds,
  type CursorPosition,
} from './query-plan.js';
export { createMemoryAdapter, MemoryAdapter, MemoryDatabase, type MemoryAdapterOptions } from './memory-adapter.js';
export { ChangeHub, channelName } from './change-hub.js';
export { historyIndexKeys, historyFromRows } from './change-log.js';
