import type { LiveChangeBatch, StorageAdapter, StoredRecord } from '../storage/contract.js';
import { queryAll } from '../storage/query-all.js';
import { forEachInSlices } from '../scheduling/run-in-slices.js';
import { fieldMapFor, projectRecord, type DedupFieldMap } from './dedup-record.js';
import { DuplicateIndex, type DuplicateIndexOptions } from './duplicate-index.js';
import type { DedupSettings } from './rules.js';
import { isDedupEntity, type DedupEntity } from './dedup-entity.js';

/** What the live indexes are built from: the store, and per entity its settings and field map. */
export interface LiveIndexSource {
  storage: StorageAdapter;
  settings: Readonly<Record<DedupEntity, DedupSettings>>;
  fieldMaps: Readonly<Record<DedupEntity, DedupFieldMap>>;
  index: DuplicateIndexOptions;
}

/**
 * One in-memory {@link DuplicateIndex} per entity over a store, built from the store the first time it is
 * needed (in slices that give the event loop back) and kept in step with the change feed (edits re-filed,
 * deletes removed). It holds every record, readable or not — the services filter by the acting user — so
 * the crms of one store (`crm.as(actor)`) share one set of indexes instead of each building its own.
 */
export class LiveDuplicateIndexes {
  private readonly indexes = new Map<DedupEntity, Promise<DuplicateIndex>>();
  private readonly ready = new Map<DedupEntity, DuplicateIndex>();
  private readonly pending = new Map<DedupEntity, StoredRecord[]>();
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly source: LiveIndexSource) {}

  /** The live index of an entity (built on first use). */
  indexFor(entity: DedupEntity): Promise<DuplicateIndex> {
    let index = this.indexes.get(entity);
    if (index === undefined) {
      this.subscribe();
      this.pending.set(entity, []);
      index = this.load(entity);
      this.indexes.set(entity, index);
    }
    return index;
  }

  /** Stops following the change feed and drops the indexes (they are rebuilt on next use). */
  dispose(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.indexes.clear();
    this.ready.clear();
    this.pending.clear();
  }

  /** Every live record of an entity, page by page. */
  loadAll(entity: string): Promise<StoredRecord[]> {
    return queryAll(this.source.storage, { entity }, 2000);
  }

  private async load(entity: DedupEntity): Promise<DuplicateIndex> {
    const index = new DuplicateIndex(this.source.settings[entity], this.source.index);
    const map = fieldMapFor(this.source.fieldMaps[entity], index.matcher.usedSettings.fields);
    // filed in slices: normalising a 100k-record store is most of a second of main thread
    await forEachInSlices(await this.loadAll(entity), (record) => index.add(projectRecord(record, map)));
    // changes committed while the store was read: applying them again is harmless (add replaces)
    for (const record of this.pending.get(entity) ?? []) this.apply(index, entity, record);
    this.pending.delete(entity);
    this.ready.set(entity, index);
    return index;
  }

  private apply(index: DuplicateIndex, entity: DedupEntity, record: StoredRecord): void {
    if (record.deleted) index.remove(record.id);
    else index.update(projectRecord(record, this.source.fieldMaps[entity]));
  }

  private subscribe(): void {
    if (this.unsubscribe) return;
    this.unsubscribe = this.source.storage.subscribe((batch: LiveChangeBatch) => {
      batch.changes.forEach((change, i) => {
        if (!isDedupEntity(change.entity)) return;
        const record = batch.records[i];
        if (!record) return;
        const index = this.ready.get(change.entity);
        if (index) this.apply(index, change.entity, change.op === 'delete' ? { ...record, deleted: true } : record);
        else this.pending.get(change.entity)?.push(change.op === 'delete' ? { ...record, deleted: true } : record);
      });
    });
  }
}
