/**
 * `relayBackend()`: the embedded default. Messaging over the relay's WebSocket; call media
 * browser to browser (WebRTC), signalled over that messaging and loaded when a call is accepted;
 * files of queued messages stored at the relay's `/uploads`. No Agora code is reachable from here.
 */
import { pageOrigin } from '../../base/page-origin.js';
import { SupportError } from '../../protocol/errors.js';
import type { BackendTransports, CallMediaOptions, SupportBackend } from '../backend.js';
import type { MediaSignalChannel, MediaTransport } from '../media-types.js';
import { BufferedMediaSignals } from './buffered-media-signals.js';
import { RelayMessagingTransport, type RelayTransportOptions } from './relay-messaging-transport.js';

/** Options of `relayBackend()`. */
export interface RelayBackendOptions extends Omit<RelayTransportOptions, 'url' | 'timeoutMs'> {
  /** Relay server URL (http(s) or ws(s)). Default: the page's origin. */
  server?: string;
  /** STUN/TURN servers for calls. Default none (same machine or LAN). */
  iceServers?: RTCIceServer[];
}

/**
 * A WebRTC media transport negotiated over `signalling`, which it listens to from now on: the
 * peer's offer that arrives while the code loads is kept for it. Rejects with `network` when the
 * code cannot be loaded.
 */
function relayMediaTransport(signalling: MediaSignalChannel, iceServers: RTCIceServer[] | undefined): Promise<MediaTransport> {
  const buffered = new BufferedMediaSignals(signalling);
  return import('./relay-media-transport.js').then(
    ({ RelayMediaTransport }) => new RelayMediaTransport({ signalling: buffered, ...(iceServers ? { iceServers } : {}) }),
    (error: unknown) => {
      buffered.close();
      throw new SupportError('network', 'the call media could not be loaded', { cause: error });
    },
  );
}

/**
 * The relay backend for `SupportClient({ backend })`. Throws a `config` error (when a client is
 * made) without `server` outside a page.
 *
 * @example
 * const client = new SupportClient({ backend: relayBackend({ server: 'https://help.example.com' }), tokenProvider });
 */
export function relayBackend(options: RelayBackendOptions = {}): SupportBackend {
  const { server, iceServers, ...transportOptions } = options;
  return {
    name: 'relay',
    create({ timeoutMs }): BackendTransports {
      const url = server ?? pageOrigin();
      if (!url) throw new SupportError('config', 'the relay backend needs `server` (the relay URL)', { retryable: false });
      return {
        messaging: new RelayMessagingTransport({ ...transportOptions, url, timeoutMs }),
        uploadServer: url,
        createMediaTransport: (_conversationId: string, signalling: MediaSignalChannel, call: CallMediaOptions = {}) =>
          relayMediaTransport(signalling, call.iceServers ?? iceServers),
      };
    },
  };
}
