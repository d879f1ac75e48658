import { crmStorageSchema } from '@crmkit/core';
// The conformance suite on fake-indexeddb in Node: a quick check of the adapter's logic without a browser.
// The authoritative run is in real Chromium (dexie-adapter.browser.test.ts).
import { describe, it } from 'node:test';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import Dexie from 'dexie';
import type { StorageSchema } from '@crmkit/core';
import { runStorageConformance, entitySamples } from '@crmkit/storage-testing';
import { createDexieAdapter } from '@crmkit/storage-dexie';

const dexie = { indexedDB, IDBKeyRange };

runStorageConformance(
  {
    name: 'dexie (fake-indexeddb in Node)',
    entities: { schema: crmStorageSchema, samples: entitySamples },
    capabilities: { persistent: true, multiTab: true },
    open: (name: string, schema: StorageSchema) => createDexieAdapter({ name, schema, dexie }),
    destroy: (name: string) => new Dexie(name, dexie).delete(),
  },
  { describe, it },
);
