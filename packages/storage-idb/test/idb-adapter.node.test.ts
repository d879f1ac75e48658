import { crmStorageSchema } from '@crmkit/core';
// The conformance suite on fake-indexeddb in Node: a quick check of the adapter's logic without a browser.
// The authoritative run is in real Chromium (idb-adapter.browser.test.ts).
import 'fake-indexeddb/auto';
import { describe, it } from 'node:test';
import { deleteDB } from 'idb';
import type { StorageSchema } from '@crmkit/core';
import { runStorageConformance, entitySamples } from '@crmkit/storage-testing';
import { createIdbAdapter } from '@crmkit/storage-idb';

runStorageConformance(
  {
    name: 'idb (fake-indexeddb in Node)',
    entities: { schema: crmStorageSchema, samples: entitySamples },
    capabilities: { persistent: true, multiTab: true },
    open: (name: string, schema: StorageSchema) => createIdbAdapter({ name, schema }),
    destroy: (name: string) => deleteDB(name),
  },
  { describe, it },
);
