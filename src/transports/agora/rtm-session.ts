/**
 * One logged-in RTM client and what hangs off it (listeners, subscriptions, timers). The
 * transport creates one per `connect()`; `end()` undoes everything exactly once.
 */
import type { RTMEvents } from 'agora-rtm-sdk';
import { SupportError } from '../../protocol/errors.js';
import { encodeEnvelope, RTM_CUSTOM_TYPE, RTM_MAX_MESSAGE_BYTES, utf8Bytes, type RtmEnvelope } from './rtm-envelope.js';
import { fromRtmError } from './rtm-errors.js';
import type { RtmClientApi } from './rtm-sdk.js';

type EventMap = RTMEvents.RTMClientEventMap;

/** RTM's limit of subscribed message channels per client (docs: 50; SDK MESSAGE_CHANNEL_COUNT). */
export const RTM_MAX_SUBSCRIPTIONS = 50;

export class RtmSession {
  private phase: 'opening' | 'open' | 'closed' = 'opening';
  /** Subscribed channel names. */
  readonly channels = new Set<string>();
  /** Rejecters of the SDK calls still waiting: `end()` rejects them with `closed`. */
  private readonly waiting = new Set<(error: SupportError) => void>();
  /** Work that arrived before `connect()` resolved; released on the next tick. */
  private held: Array<() => void> | undefined = [];
  private readonly removers: Array<() => void> = [];
  private readonly timers: Array<ReturnType<typeof setInterval>> = [];
  private readonly subscribing = new Map<string, Promise<void>>();
  renewing = false;
  /** The last RTM link state and reason seen, for error messages (`DISCONNECTED/LOGIN_TIMEOUT`). */
  lastLink: string | undefined;
  announceFailed = false;

  constructor(
    readonly client: RtmClientApi,
    private readonly timeoutMs: number,
  ) {}

  /** Logged in and handed to the caller of `connect()`. */
  get open(): boolean {
    return this.phase === 'open';
  }

  get ended(): boolean {
    return this.phase === 'closed';
  }

  markOpen(): void {
    if (this.phase === 'opening') this.phase = 'open';
  }

  /** Adds an SDK listener that `end()` removes. */
  listen<E extends keyof EventMap>(event: E, listener: EventMap[E]): void {
    this.client.addEventListener(event, listener);
    this.removers.push(() => this.client.removeEventListener(event, listener));
  }

  /** Runs `work` now, or after `connect()` resolved when the session is still opening. */
  deliver(work: () => void): void {
    if (this.phase === 'closed') return;
    if (this.held) this.held.push(work);
    else work();
  }

  /** Runs the held work (called one tick after `connect()` resolved). */
  release(): void {
    const held = this.held;
    this.held = undefined;
    for (const work of held ?? []) {
      if (this.phase !== 'open') return;
      work();
    }
  }

  every(ms: number, work: () => void): void {
    this.timers.push(setInterval(work, ms));
  }

  /** One SDK call bounded by `timeoutMs` (default: the transport's) and by the session's end. */
  call<T>(promise: Promise<T>, what: string, timeoutMs = this.timeoutMs): Promise<T> {
    if (this.phase === 'closed') {
      promise.catch(() => undefined);
      return Promise.reject(new SupportError('closed', `${what}: not connected`));
    }
    return new Promise<T>((resolve, reject) => {
      const settle = (): void => {
        clearTimeout(timer);
        this.waiting.delete(cancel);
      };
      const cancel = (error: SupportError): void => {
        settle();
        reject(error);
      };
      const timer = setTimeout(() => cancel(new SupportError('timeout', `${what} did not finish within ${timeoutMs} ms`)), timeoutMs);
      this.waiting.add(cancel);
      promise.then(
        (value) => {
          settle();
          resolve(value);
        },
        (error: unknown) => cancel(fromRtmError(error, what)),
      );
    });
  }

  /**
   * Publishes one envelope. Larger than RTM's packet limit: `message-too-large` without calling
   * the SDK. Only messages are `store`d in RTM history.
   */
  async publish(channel: string, envelope: RtmEnvelope, what: string, options: { store?: boolean; timeoutMs?: number } = {}): Promise<void> {
    const payload = encodeEnvelope(envelope);
    const bytes = utf8Bytes(payload);
    if (bytes > RTM_MAX_MESSAGE_BYTES) {
      throw new SupportError('message-too-large', `${what}: ${bytes} bytes, RTM allows ${RTM_MAX_MESSAGE_BYTES}`, {
        retryable: false,
      });
    }
    const publishing = this.client.publish(channel, payload, {
      customType: RTM_CUSTOM_TYPE,
      storeInHistory: options.store ?? false,
    });
    await this.call(publishing, what, options.timeoutMs);
  }

  /** Subscribes once per channel, with presence; concurrent callers share the attempt. */
  subscribe(channel: string, timeoutMs?: number): Promise<void> {
    if (this.channels.has(channel)) return Promise.resolve();
    const pending = this.subscribing.get(channel);
    if (pending) return pending;
    if (this.channels.size + this.subscribing.size >= RTM_MAX_SUBSCRIPTIONS) {
      return Promise.reject(
        new SupportError('rate-limited', `cannot subscribe to more than ${RTM_MAX_SUBSCRIPTIONS} RTM channels`, {
          retryable: false,
        }),
      );
    }
    const attempt = this.call(
      this.client.subscribe(channel, { withMessage: true, withPresence: true }),
      `subscribing to ${channel}`,
      timeoutMs,
    )
      .then(() => {
        this.channels.add(channel);
      })
      .finally(() => this.subscribing.delete(channel));
    this.subscribing.set(channel, attempt);
    return attempt;
  }

  /** Leaves a channel (our presence there ends with it). */
  async unsubscribe(channel: string): Promise<void> {
    if (!this.channels.delete(channel)) return;
    await this.call(this.client.unsubscribe(channel), `unsubscribing from ${channel}`);
  }

  /** Ends the session: listeners, timers and waits go (rejected with `closed`); the client logs out in the background. */
  end(): void {
    if (this.phase === 'closed') return;
    this.phase = 'closed';
    this.held = undefined;
    for (const cancel of [...this.waiting]) cancel(new SupportError('closed', 'disconnected'));
    for (const timer of this.timers) clearInterval(timer);
    for (const remove of this.removers) {
      try {
        remove();
      } catch {
        // The SDK may already have dropped its listeners (it does on logout).
      }
    }
    // Not awaited, so not bounded: a logout that never answers holds nothing.
    Promise.resolve()
      .then(() => this.client.logout())
      .catch(() => undefined);
  }
}
