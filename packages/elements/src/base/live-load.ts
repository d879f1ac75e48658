import type { ReactiveController } from 'lit';
import type { Crm } from '@crmkit/core';
import type { CrmElement } from './crm-element.js';

/** What a {@link LiveLoad} reads and when it reads it again. */
export interface LiveLoadOptions<T> {
  /** The entities whose changes make the data stale (`activity`, `notification`, ...). */
  entities: readonly string[];
  /** Reads the data; runs one at a time, again after every relevant change in the store. */
  load: (crm: Crm) => Promise<T>;
  /** The inputs of `load` (the element's properties); a new key reloads. */
  key?: () => string;
  /** Called with a failed load's error (the element shows it). */
  onError?: (error: unknown) => void;
}

/**
 * Keeps an element's data in step with the store: loads when the element has a crm, reloads when the store
 * reports a change to one of `entities` (another tab, an import) or when `key` changes, one load at a time,
 * and counts each load in the element's `updateComplete`.
 */
export class LiveLoad<T> implements ReactiveController {
  /** The latest data; undefined until the first load finished. */
  value: T | undefined;
  private subscribedTo: Crm | undefined;
  private unsubscribe: (() => void) | undefined;
  private queue: Promise<void> = Promise.resolve();
  private loadedKey: string | undefined;

  constructor(
    private readonly host: CrmElement<string>,
    private readonly options: LiveLoadOptions<T>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.follow();
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.subscribedTo = undefined;
  }

  hostUpdate(): void {
    this.follow();
    const key = this.options.key?.() ?? '';
    if (this.subscribedTo && key !== this.loadedKey) void this.reload();
  }

  /** Loads again now (after the load in progress); resolves when the new data is in. */
  reload(): Promise<void> {
    const crm = this.subscribedTo;
    if (!crm) return Promise.resolve();
    this.loadedKey = this.options.key?.() ?? '';
    const run = this.queue.then(async () => {
      try {
        this.value = await this.options.load(crm);
      } catch (error) {
        this.options.onError?.(error);
      }
      this.host.requestUpdate();
    });
    this.queue = run;
    return this.host.trackWork(run);
  }

  private follow(): void {
    const crm = this.host.crm;
    if (!crm || !this.host.isConnected || crm === this.subscribedTo) return;
    this.unsubscribe?.();
    this.subscribedTo = crm;
    const entities = new Set(this.options.entities);
    this.unsubscribe = crm.subscribe((batch) => {
      if (batch.changes.some((change) => entities.has(change.entity))) void this.reload();
    });
    void this.reload();
  }
}
