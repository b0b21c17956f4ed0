import { RelayMessagingTransport } from '../transports/relay/relay-messaging-transport.js';
import type { MessagingTransport } from '../transports/types.js';
import { SupportError } from './errors.js';
import type { SupportClientOptions } from './types.js';

/** The transport a client uses: the injected one, else the relay at `server` (default: the page origin). */
export function createTransport(options: SupportClientOptions, timeoutMs: number): MessagingTransport {
  if (options.transport) return options.transport;
  if (options.backend === 'agora') {
    throw new SupportError('config', 'the agora backend arrives in a later release', { retryable: false });
  }
  const origin = (globalThis as { location?: { origin?: string } }).location?.origin;
  const url = options.server ?? (origin && origin !== 'null' ? origin : undefined);
  if (!url) throw new SupportError('config', 'SupportClient needs `server` (the relay URL)', { retryable: false });
  return new RelayMessagingTransport({ url, timeoutMs });
}
