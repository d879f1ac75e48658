import type { ChangeBatch, ChangeListener, LiveChangeBatch, StoredRecord } from './contract.js';

/** What one instance posts to the others after a commit. */
interface BatchMessage {
  type: 'crmkit-batch';
  sender: string;
  batch: ChangeBatch;
  records: StoredRecord[];
}

/** The channel every crmkit instance on the database `name` listens to. */
export function channelName(name: string): string {
  return `crmkit:${name}`;
}

/**
 * Delivers change batches to this instance's subscribers, and carries them to the other instances and tabs on
 * the same database through a `BroadcastChannel` (which never echoes a message to the channel that sent it;
 * the sender id guards against a second channel of the same instance all the same).
 */
export class ChangeHub {
  private readonly listeners = new Set<ChangeListener>();
  private readonly sender = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  private channel: BroadcastChannel | undefined;

  constructor(database: string) {
    if (typeof BroadcastChannel === 'function') {
      this.channel = new BroadcastChannel(channelName(database));
      this.channel.onmessage = (event: MessageEvent<BatchMessage>) => {
        const message = event.data;
        if (message?.type !== 'crmkit-batch' || message.sender === this.sender) return;
        this.deliver(message.batch, message.records, true);
      };
    }
  }

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Hands a committed batch to local subscribers, then to the other instances. */
  publish(batch: ChangeBatch, records: StoredRecord[]): void {
    this.deliver(batch, records, false);
    if (this.channel) {
      const message: BatchMessage = { type: 'crmkit-batch', sender: this.sender, batch, records };
      try {
        this.channel.postMessage(message);
      } catch (error) {
        // The commit has landed; a batch that cannot be posted must not turn it into a failure.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  private deliver(batch: ChangeBatch, records: StoredRecord[], remote: boolean): void {
    for (const listener of this.listeners) {
      // Each listener gets its own copy, as with the memory adapter: one cannot change what another sees.
      const live: LiveChangeBatch = { ...structuredClone(batch), records: structuredClone(records), remote };
      try {
        listener(live);
      } catch (error) {
        // A failing subscriber must not break the commit or the other subscribers.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  close(): void {
    this.listeners.clear();
    this.channel?.close();
    this.channel = undefined;
  }
}
