import { toSupportError, type SupportError } from './errors.js';
import type { Outbox, OutboxEntry } from './outbox.js';
import type { OutgoingMessage, TransportAck } from '../transports/types.js';

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 10_000;

export interface OutboxSenderOptions {
  outbox: Outbox;
  send: (message: OutgoingMessage) => Promise<TransportAck>;
  /** True while a connection is established. */
  isConnected: () => boolean;
  onAck: (entry: OutboxEntry, ack: TransportAck) => void;
  onFailed: (entry: OutboxEntry, error: SupportError) => void;
}

/** The wire form of an outbox entry. */
export function toOutgoing(entry: OutboxEntry): OutgoingMessage {
  const message: OutgoingMessage = {
    clientMsgId: entry.clientMsgId,
    conversationId: entry.conversationId,
    kind: entry.kind,
    body: entry.body,
  };
  if (entry.attachments) message.attachments = entry.attachments;
  if (entry.context) message.context = entry.context;
  return message;
}

/**
 * Sends the outbox one message at a time, oldest first, so the server assigns seqs in send
 * order. Final errors mark the entry failed and move on; retryable ones keep it queued (retried
 * after a pause while connected, or after the next welcome).
 */
export class OutboxSender {
  private running = false;
  private pauseTimer: ReturnType<typeof setTimeout> | undefined;
  private wake: (() => void) | undefined;
  private stopped = false;

  constructor(private readonly options: OutboxSenderOptions) {}

  /** Starts sending when connected; a no-op while already sending. */
  flush(): void {
    if (this.running || this.stopped) return;
    this.running = true;
    void this.drain().finally(() => {
      this.running = false;
    });
  }

  stop(): void {
    this.stopped = true;
    if (this.pauseTimer !== undefined) clearTimeout(this.pauseTimer);
    this.wake?.();
  }

  private async drain(): Promise<void> {
    const { outbox, send, isConnected, onAck, onFailed } = this.options;
    let retryMs = FIRST_RETRY_MS;
    while (isConnected() && !this.stopped) {
      const entry = outbox.next();
      if (!entry) return;
      try {
        const ack = await send(toOutgoing(entry));
        retryMs = FIRST_RETRY_MS;
        onAck(entry, ack);
      } catch (caught) {
        const error = toSupportError(caught, 'network');
        if (!error.retryable) {
          onFailed(entry, error);
          continue;
        }
        if (!isConnected()) return;
        await this.pause(retryMs);
        retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
      }
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
