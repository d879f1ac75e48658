import type { StorageSchema } from '../storage/contract.js';
import { entityDefinitions } from './entities.js';

/**
 * The storage schema of crmkit's entities: open an adapter with it. Its `version` rises whenever an entity or
 * index is added, with an upgrade step when existing data must change.
 */
export const crmStorageSchema: StorageSchema = {
  // 2: the `merge` entity; leads by converted contact/company, raw contacts by lead, routes by customer (merge re-pointing)
  // 3: the `greeting` log (crm.greetings sends nothing twice a day)
  version: 3,
  entities: Object.fromEntries(Object.values(entityDefinitions).map((definition) => [definition.entity, { indexes: definition.indexes }])),
};
