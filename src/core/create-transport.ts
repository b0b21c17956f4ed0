import { RelayMessagingTransport } from '../transports/relay/relay-messaging-transport.js';
import type { TokenProvider } from '../tokens/types.js';
import type { MessagingTransport } from '../transports/types.js';
import { LazyAgoraMessagingTransport } from './agora-messaging-transport.js';
import { SupportError } from '../protocol/errors.js';
import type { SupportClientOptions } from './types.js';

/**
 * The transport a client uses: the injected one; on `backend: 'agora'` one that loads the RTM
 * adapter when it first connects (no Agora code until then); else the relay at `server`
 * (default: the page origin). `tokens` is the client's own provider, so renewals share its cache.
 */
export function createTransport(options: SupportClientOptions, timeoutMs: number, tokens: TokenProvider): MessagingTransport {
  if (options.transport) return options.transport;
  if (options.backend === 'agora') {
    return new LazyAgoraMessagingTransport({
      tokens,
      timeoutMs,
      ...(options.appId ? { appId: options.appId } : {}),
      ...(options.userId ? { userId: options.userId } : {}),
      ...(options.userName ? { userName: options.userName } : {}),
      ...(options.role ? { role: options.role } : {}),
      ...(options.server ? { server: options.server } : {}),
      ...(options.agora ? { agora: options.agora } : {}),
    });
  }
  const origin = (globalThis as { location?: { origin?: string } }).location?.origin;
  const url = options.server ?? (origin && origin !== 'null' ? origin : undefined);
  if (!url) throw new SupportError('config', 'SupportClient needs `server` (the relay URL)', { retryable: false });
  return new RelayMessagingTransport({ url, timeoutMs });
}
