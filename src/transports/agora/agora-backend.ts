/**
 * `agoraBackend()`: Agora's RTM for messaging and RTC for calls. What this module holds is a
 * small shim; the token exchange, the RTM adapter and the SDKs load with dynamic `import()` when
 * the client first connects (RTC when a call starts). No relay transport is reachable from here.
 */
import type { BackendTransports, SupportBackend } from '../backend.js';
import type { AgoraBackendOptions } from './backend-options.js';
import { LazyAgoraMessagingTransport } from './lazy-messaging-transport.js';

/**
 * The agora backend for `SupportClient({ backend })`. Tokens: the client's token source gives
 * relay tokens (exchanged at `<server>/agora/token` for Agora tokens and the identity they are
 * bound to) or Agora tokens (then `appId` and `userId` are needed here).
 *
 * @example
 * const client = new SupportClient({ backend: agoraBackend({ server: 'https://help.example.com' }), tokenProvider });
 */
export function agoraBackend(options: AgoraBackendOptions = {}): SupportBackend {
  return {
    name: 'agora',
    create({ tokens, timeoutMs }): BackendTransports {
      const messaging = new LazyAgoraMessagingTransport({ ...options, tokens, timeoutMs });
      return {
        messaging,
        // RTC tokens come from the same exchange as RTM's, so the call needs a connection first.
        createMediaTransport: (conversationId) => messaging.createMediaTransport(conversationId),
      };
    },
  };
}
