import type { CursorPosition } from '@crmkit/core';

/**
 * Walks the records that share the order value of a cursor position and come after its id, straight on the
 * IndexedDB index: `continuePrimaryKey` jumps to the position, so resuming inside a large group of equal
 * values (every contact of one kind, one tag) costs the page, not the records before it. Dexie has no public
 * way to start an index walk at a (value, primary key) position, hence the raw cursor.
 * Resolves true when `visit` asked to stop.
 */
export function walkTieGroup(
  index: IDBIndex,
  keyRange: { only(value: unknown): IDBKeyRange },
  after: CursorPosition,
  direction: 'asc' | 'desc',
  visit: (row: Record<string, unknown>) => boolean,
): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const request = index.openCursor(keyRange.only(after.value), direction === 'asc' ? 'next' : 'prev');
    let jumped = false;
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const cursor = request.result;
      if (!cursor) return resolve(false);
      const id = cursor.primaryKey as string;
      const ahead = direction === 'asc' ? id > after.id : id < after.id;
      if (!ahead) {
        if (id !== after.id && !jumped) {
          jumped = true;
          cursor.continuePrimaryKey(after.value, after.id);
        } else {
          cursor.continue();
        }
        return;
      }
      if (visit(cursor.value as Record<string, unknown>)) resolve(true);
      else cursor.continue();
    };
  });
}
