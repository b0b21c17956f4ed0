import { SupportError } from '../../protocol/errors.js';

interface Waiter<T> {
  resolve: (value: T) => void;
  reject: (error: SupportError) => void;
  timer: ReturnType<typeof setTimeout>;
}

/** Requests waiting for a reply frame, keyed by clientMsgId / requestId, each with a timeout. */
export class PendingRequests<T> {
  private readonly waiters = new Map<string, Waiter<T>[]>();

  /** Waits for `resolve(key)`; rejects with `timeout` after `timeoutMs`. */
  wait(key: string, timeoutMs: number, what: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter<T> = {
        resolve,
        reject,
        timer: setTimeout(() => {
          this.drop(key, waiter);
          reject(new SupportError('timeout', `${what} timed out after ${timeoutMs} ms`));
        }, timeoutMs),
      };
      const list = this.waiters.get(key);
      if (list) list.push(waiter);
      else this.waiters.set(key, [waiter]);
    });
  }

  resolve(key: string, value: T): boolean {
    return this.settle(key, (waiter) => waiter.resolve(value));
  }

  reject(key: string, error: SupportError): boolean {
    return this.settle(key, (waiter) => waiter.reject(error));
  }

  rejectAll(error: SupportError): void {
    for (const key of [...this.waiters.keys()]) this.reject(key, error);
  }

  private settle(key: string, action: (waiter: Waiter<T>) => void): boolean {
    const list = this.waiters.get(key);
    if (!list) return false;
    this.waiters.delete(key);
    for (const waiter of list) {
      clearTimeout(waiter.timer);
      action(waiter);
    }
    return true;
  }

  private drop(key: string, waiter: Waiter<T>): void {
    const list = this.waiters.get(key);
    if (!list) return;
    const rest = list.filter((w) => w !== waiter);
    if (rest.length === 0) this.waiters.delete(key);
    else this.waiters.set(key, rest);
  }
}
