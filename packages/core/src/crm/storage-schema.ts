import type { StorageSchema } from '../storage/contract.js';
import { entityDefinitions } from './entities.js';

/**
 * The storage schema of crmkit's entities: open an adapter with it. Its `version` rises whenever an entity or
 * index is added, with an upgrade step when existing data must change.
 */
export const crmStorageSchema: StorageSchema = {
  // 2: the `merge` entity; leads by converted contact/company, raw contacts by lead, routes by customer (merge re-pointing)
  version: 2,
  entities: Object.fromEntries(Object.values(entityDefinitions).map((definition) => [definition.entity, { indexes: definition.indexes }])),
};
