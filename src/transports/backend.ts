/**
 * A backend as a plug-in: what `SupportClient({ backend })` takes. `relayBackend()` and
 * `agoraBackend()` are the two we ship; each lives in its own folder, so a page that imports one
 * never bundles the other. A custom backend implements the same two methods.
 */
import type { TokenProvider } from '../tokens/types.js';
import type { MediaSignalChannel, MediaTransport } from './media-types.js';
import type { MessagingTransport } from './types.js';

/** What a backend is given when a client is made. */
export interface BackendContext {
  /** The client's token provider: the backend renews through it, so renewals share its cache. */
  tokens: TokenProvider;
  /** The client's timeout for connect, send and history, ms. */
  timeoutMs: number;
}

/** Options of one call's media transport (`SupportClient.createMediaTransport()`). */
export interface CallMediaOptions {
  /** Relay backend: STUN/TURN servers of this call (default: the backend's `iceServers`). Agora ignores it. */
  iceServers?: RTCIceServer[];
}

/** What a backend makes for one client. */
export interface BackendTransports {
  /** The client's messaging transport. */
  messaging: MessagingTransport;
  /**
   * The media of a call in `conversationId`. Listens to `signalling` at once (synchronously), so no
   * negotiation message is lost while its code loads. Rejects with a `SupportError`.
   */
  createMediaTransport(conversationId: string, signalling: MediaSignalChannel, options?: CallMediaOptions): Promise<MediaTransport>;
  /** A relay server whose `/uploads` stores the files of queued messages when the client has no `uploadProvider`. */
  uploadServer?: string;
}

/**
 * A backend: makes the transports of each client that uses it.
 *
 * @example
 * const client = new SupportClient({ backend: relayBackend({ server: 'https://help.example.com' }), tokenProvider });
 */
export interface SupportBackend {
  /** `relay`, `agora`, or a custom backend's name. */
  readonly name: string;
  /** Called once per client, in its constructor; throws a `config` `SupportError` when misconfigured. */
  create(context: BackendContext): BackendTransports;
}
