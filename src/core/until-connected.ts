import type { Emitter } from '../base/emitter.js';
import { SupportError } from '../protocol/errors.js';
import type { ConnectionState, SupportClientEvents } from './types.js';

export interface UntilConnectedOptions {
  /** True while the link is up. */
  isUp: boolean;
  state: ConnectionState;
  /** The client was disposed. */
  disposed: boolean;
  events: Emitter<SupportClientEvents>;
  timeoutMs: number;
}

/**
 * Resolves at once when connected, or when a connection being made succeeds within `timeoutMs`
 * (else `timeout`). Rejects with `closed` when the client is not connecting or gives up.
 */
export function untilConnected({ isUp, state, disposed, events, timeoutMs }: UntilConnectedOptions): Promise<void> {
  if (isUp) return Promise.resolve();
  if (disposed || state === 'idle' || state === 'disconnected') {
    return Promise.reject(new SupportError('closed', 'not connected'));
  }
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new SupportError('timeout', `not connected within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = events.on('state', ({ state: next }) => {
      if (next !== 'connected' && next !== 'disconnected') return;
      clearTimeout(timer);
      off();
      if (next === 'connected') resolve();
      else reject(new SupportError('closed', 'not connected'));
    });
  });
}
