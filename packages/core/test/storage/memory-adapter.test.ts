import { describe, it } from 'node:test';
import { createMemoryAdapter, MemoryDatabase, type StorageSchema, crmStorageSchema } from '@crmkit/core';
import { runStorageConformance, entitySamples } from '@crmkit/storage-testing';

const databases = new Map<string, MemoryDatabase>();

runStorageConformance(
  {
    name: 'memory',
    entities: { schema: crmStorageSchema, samples: entitySamples },
    capabilities: { persistent: false, multiTab: false },
    open: async (name: string, schema: StorageSchema) => {
      const database = databases.get(name) ?? new MemoryDatabase();
      databases.set(name, database);
      return createMemoryAdapter({ schema, database });
    },
    destroy: async (name: string) => {
      databases.delete(name);
    },
  },
  { describe, it },
);

// The memory adapter also reopens and shares one MemoryDatabase in-process (like tabs on one IndexedDB
// database): run the persistence, upgrade and second-instance checks against that behaviour too.
runStorageConformance(
  {
    name: 'memory (reopened on one MemoryDatabase)',
    entities: { schema: crmStorageSchema, samples: entitySamples },
    capabilities: { persistent: true, multiTab: true },
    open: async (name: string, schema: StorageSchema) => {
      const database = databases.get(name) ?? new MemoryDatabase();
      databases.set(name, database);
      return createMemoryAdapter({ schema, database });
    },
    destroy: async (name: string) => {
      databases.delete(name);
    },
  },
  { describe, it },
);
