import { toSupportError, type SupportError } from '../protocol/errors.js';
import { draftOf } from '../protocol/message-draft.js';
import type { Outbox, OutboxEntry } from './outbox.js';
import type { TabLock } from './tab-lock.js';
import type { OutgoingMessage, TransportAck } from '../transports/types.js';

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 10_000;

export interface OutboxSenderOptions {
  outbox: Outbox;
  send: (message: OutgoingMessage) => Promise<TransportAck>;
  /** True while a connection is established. */
  isConnected: () => boolean;
  /** Stores an entry's files (when it has some) and resolves to it, ready to send. */
  prepare?: (entry: OutboxEntry) => Promise<OutboxEntry>;
  /** Holds an entry's lock across the tabs of the user while it is prepared and sent. */
  lock?: TabLock;
  onAck: (entry: OutboxEntry, ack: TransportAck) => void;
  onFailed: (entry: OutboxEntry, error: SupportError) => void;
  /** A send came back with a retryable error (`storage-full`, `rate-limited`...): the entry stays queued and is tried again. */
  onHeld?: (entry: OutboxEntry, error: SupportError) => void;
}

/** The lock an entry is prepared and sent under, so two tabs never send it at once. */
export function entryLockName(clientMsgId: string): string {
  return `support-widget:outbox:${clientMsgId}`;
}

type Outcome = 'done' | 'failed' | 'retry';

/**
 * Sends the outbox one message at a time, oldest first, so the server assigns seqs in send
 * order; a message with files waits for them to be stored. Each is sent holding its lock (see
 * `entryLockName`), after checking that no other tab has sent it meanwhile. Final errors (and
 * an upload that fails while connected) mark the entry failed and move on; retryable ones keep
 * it queued (retried after a pause while connected, or after the next welcome).
 */
export class OutboxSender {
  private running = false;
  private again = false;
  private pauseTimer: ReturnType<typeof setTimeout> | undefined;
  private wake: (() => void) | undefined;
  private readonly stopping = new AbortController();

  constructor(private readonly options: OutboxSenderOptions) {}

  /** Starts sending when connected; while already sending, makes it look again once done. */
  flush(): void {
    if (this.stopping.signal.aborted) return;
    if (this.running) {
      this.again = true; // the drain under way may have seen the outbox empty already
      return;
    }
    this.running = true;
    this.again = false;
    void this.drain().finally(() => {
      this.running = false;
      if (this.again) this.flush();
    });
  }

  stop(): void {
    this.stopping.abort();
    if (this.pauseTimer !== undefined) clearTimeout(this.pauseTimer);
    this.wake?.();
  }

  private async drain(): Promise<void> {
    const { outbox, isConnected } = this.options;
    const lock = this.options.lock ?? ((_name, task) => task());
    let retryMs = FIRST_RETRY_MS;
    while (isConnected() && !this.stopping.signal.aborted) {
      const entry = outbox.next();
      if (!entry) return;
      let outcome: Outcome;
      try {
        outcome = await lock(entryLockName(entry.clientMsgId), () => this.attempt(entry.clientMsgId), this.stopping.signal);
      } catch {
        return; // stopped while waiting for another tab
      }
      if (outcome !== 'retry') {
        retryMs = FIRST_RETRY_MS;
        continue;
      }
      if (!isConnected()) return;
      await this.pause(retryMs);
      retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
    }
  }

  /** One try at one entry, as it is now in the (shared) outbox. */
  private async attempt(clientMsgId: string): Promise<Outcome> {
    const { outbox, send, isConnected, onAck, onFailed } = this.options;
    outbox.sync(); // another tab may have sent it, or stored its files, while this one waited
    const entry = outbox.get(clientMsgId);
    if (!entry || entry.failed || !isConnected()) return 'done';
    let ready = entry;
    if (entry.files?.length && this.options.prepare) {
      try {
        ready = await this.options.prepare(entry);
      } catch (caught) {
        const error = toSupportError(caught);
        // Discarded meanwhile: gone. Offline: it waits. Connected: the person sees it failed, with a retry.
        const current = outbox.get(clientMsgId);
        if (!current) return 'done';
        if (!isConnected()) return 'retry';
        onFailed(current, error);
        return 'failed';
      }
    }
    try {
      const ack = await send(draftOf(ready));
      onAck(ready, ack);
      return 'done';
    } catch (caught) {
      const error = toSupportError(caught, 'network');
      if (!error.retryable) {
        onFailed(ready, error);
        return 'failed';
      }
      this.options.onHeld?.(ready, error);
      return 'retry';
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
      this.pauseTimer = setTimeout(() => {
        this.pauseTimer = undefined;
        this.wake = undefined;
        resolve();
      }, ms);
    });
  }
}
