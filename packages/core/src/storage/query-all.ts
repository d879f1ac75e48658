import type { Query, StorageAdapter, StoredRecord } from './contract.js';

/**
 * Every record a query matches, read page by page through the storage's cursors (whatever the actor may read:
 * the callers filter). For the whole-entity reads services need: an index to build, a list to scan.
 */
export async function queryAll<T extends object = Record<string, unknown>>(
  storage: StorageAdapter,
  query: Omit<Query, 'limit' | 'cursor'>,
  pageSize = 1000,
): Promise<StoredRecord<T>[]> {
  const records: StoredRecord<T>[] = [];
  let cursor: string | undefined;
  do {
    const page = await storage.query({ ...query, limit: pageSize, ...(cursor === undefined ? {} : { cursor }) });
    records.push(...(page.records as unknown as StoredRecord<T>[]));
    cursor = page.cursor;
  } while (cursor !== undefined);
  return records;
}
