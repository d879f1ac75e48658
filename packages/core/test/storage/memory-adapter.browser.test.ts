// The memory adapter in real Chromium (it runs in Node too: memory-adapter.test.ts). Mocha's globals come from
// @web/test-runner.
import { createMemoryAdapter, MemoryDatabase, type StorageSchema, crmStorageSchema } from '@crmkit/core';
import { runStorageConformance, entitySamples } from '@crmkit/storage-testing';

declare const describe: (name: string, body: () => void) => void;
declare const it: (name: string, body: () => Promise<void> | void) => void;

const databases = new Map<string, MemoryDatabase>();

function open(name: string, schema: StorageSchema) {
  const database = databases.get(name) ?? new MemoryDatabase();
  databases.set(name, database);
  return createMemoryAdapter({ schema, database });
}

async function destroy(name: string) {
  databases.delete(name);
}

runStorageConformance({ name: 'memory (Chromium)', entities: { schema: crmStorageSchema, samples: entitySamples }, capabilities: { persistent: false, multiTab: false }, open, destroy }, { describe, it });

// Reopening and sharing one MemoryDatabase in the page behaves like tabs on one IndexedDB database.
runStorageConformance({ name: 'memory (Chromium, reopened on one MemoryDatabase)', capabilities: { persistent: true, multiTab: true }, open, destroy }, { describe, it });
