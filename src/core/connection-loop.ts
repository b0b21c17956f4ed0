import { SupportError, toSupportError } from '../protocol/errors.js';
import type { ReconnectPolicy } from './reconnect-policy.js';
import type { ConnectionState } from './types.js';

/** What one connection attempt is given. */
export interface ConnectionAttempt {
  /** Ask the token provider for a new token (the last attempt said `token-expired`). */
  forceRefresh: boolean;
  signal: AbortSignal;
}

export interface ConnectionLoopOptions {
  policy: ReconnectPolicy;
  /** Gets a token and connects once; resolves on the welcome, rejects with a `SupportError`. */
  attempt: (attempt: ConnectionAttempt) => Promise<void>;
  onState: (state: ConnectionState, error?: SupportError) => void;
}

interface Waiter {
  resolve: () => void;
  reject: (error: SupportError) => void;
}

/**
 * Owns the connection state and reconnecting: retries retryable failures on the policy's
 * schedule, refreshes the token once after `token-expired`, and gives up on final errors or
 * when the policy returns `null`.
 */
export class ConnectionLoop {
  private current: ConnectionState = 'idle';
  private timer: ReturnType<typeof setTimeout> | undefined;
  private controller: AbortController | undefined;
  private retryCount = 0;
  private lostAt = 0;
  private forceRefresh = false;
  private waiters: Waiter[] = [];
  private lostDuringAttempt: SupportError | undefined;

  constructor(private readonly options: ConnectionLoopOptions) {}

  get state(): ConnectionState {
    return this.current;
  }

  /** Connects; resolves on the first welcome, rejects on a final failure or `stop()`. */
  start(): Promise<void> {
    if (this.current === 'connected') return Promise.resolve();
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    if (this.current === 'idle' || this.current === 'disconnected') {
      this.retryCount = 0;
      this.lostAt = Date.now();
      this.setState('connecting');
      void this.run();
    }
    return done;
  }

  /** The established connection closed. */
  connectionLost(error: SupportError | undefined, retryable: boolean): void {
    if (this.controller) {
      // Lost before the attempt's own continuation ran: the attempt counts as failed.
      this.lostDuringAttempt = error ?? new SupportError('network', 'connection lost');
      return;
    }
    if (this.current !== 'connected') return;
    this.retryCount = 0;
    this.lostAt = Date.now();
    if (error?.code === 'token-expired') {
      this.forceRefresh = true;
      this.setState('reconnecting', error);
      this.schedule(0);
      return;
    }
    if (!retryable) {
      this.setState('disconnected', error);
      return;
    }
    this.retryLater(error ?? new SupportError('network', 'connection lost'));
  }

  /** The device came back online: retry now instead of waiting for the timer. */
  retryNow(): void {
    if (this.current === 'reconnecting' && this.timer !== undefined) this.schedule(0);
  }

  stop(): void {
    this.clearTimer();
    this.controller?.abort();
    this.controller = undefined;
    if (this.current !== 'idle' && this.current !== 'disconnected') this.setState('disconnected');
    this.rejectWaiters(new SupportError('closed', 'disconnected', { retryable: false }));
  }

  private async run(): Promise<void> {
    this.clearTimer();
    const controller = new AbortController();
    this.controller = controller;
    this.lostDuringAttempt = undefined;
    const forceRefresh = this.forceRefresh;
    this.forceRefresh = false;
    try {
      await this.options.attempt({ forceRefresh, signal: controller.signal });
    } catch (error) {
      if (this.controller !== controller) return;
      this.controller = undefined;
      this.failed(toSupportError(error, 'network'), forceRefresh);
      return;
    }
    if (this.controller !== controller) return;
    this.controller = undefined;
    const lost = this.lostDuringAttempt;
    this.lostDuringAttempt = undefined;
    if (lost) {
      this.failed(lost, forceRefresh);
      return;
    }
    this.retryCount = 0;
    this.setState('connected');
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter.resolve();
  }

  private failed(error: SupportError, usedForceRefresh: boolean): void {
    if (error.code === 'token-expired' && !usedForceRefresh) {
      this.forceRefresh = true;
      this.schedule(0);
      return;
    }
    if (!error.retryable || error.code === 'token-expired') {
      this.giveUp(error);
      return;
    }
    this.retryLater(error);
  }

  private retryLater(error: SupportError): void {
    const delay = this.options.policy.nextRetryDelayInMs({
      retryCount: this.retryCount,
      elapsedMs: Date.now() - this.lostAt,
      reason: error,
    });
    if (delay === null) {
      this.giveUp(error);
      return;
    }
    this.retryCount++;
    this.setState('reconnecting', error);
    this.schedule(delay);
  }

  private giveUp(error: SupportError): void {
    this.setState('disconnected', error);
    this.rejectWaiters(error);
  }

  private schedule(delayMs: number): void {
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.run();
    }, delayMs);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private rejectWaiters(error: SupportError): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter.reject(error);
  }

  private setState(state: ConnectionState, error?: SupportError): void {
    if (state === this.current && error === undefined) return;
    this.current = state;
    this.options.onState(state, error);
  }
}
