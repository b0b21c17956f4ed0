/**
 * The media transport of one call for a client's backend (`SupportClient.createMediaTransport`).
 * Relay: a `RelayMediaTransport` negotiated over the call's signalling. Agora: an RTC transport on
 * the conversation's channel, which the agora messaging shim builds. Both are dynamic imports, so
 * neither reaches the chat's bundle; the relay one is fetched when the call is accepted, and the
 * peer's offer that may arrive meanwhile is kept for it (`BufferedMediaSignals`).
 */
import type { MediaSignal, MediaSignalAction, MediaSignalChannel, MediaTransport } from '../transports/media-types.js';
import type { MessagingTransport } from '../transports/types.js';
import { SupportError } from '../protocol/errors.js';

/** Options of `SupportClient.createMediaTransport()`. */
export interface CallMediaTransportOptions {
  /** Relay backend: STUN/TURN servers. Default none (same machine or LAN). Agora ignores it. */
  iceServers?: RTCIceServer[];
}

/** A messaging transport that makes the media transports of its backend (the agora shim does). */
interface MediaTransportSource {
  createMediaTransport(conversationId: string): Promise<MediaTransport>;
}

function isMediaTransportSource(transport: MessagingTransport): transport is MessagingTransport & MediaTransportSource {
  return typeof (transport as Partial<MediaTransportSource>).createMediaTransport === 'function';
}

/** Signals kept until the relay transport exists (as many as it keeps before `join()` itself). */
const MAX_BUFFERED_SIGNALS = 200;

/**
 * A `MediaSignalChannel` that listens to `source` from its construction and hands what arrived
 * before the first listener to that listener, in order, then forwards live.
 *
 * @example
 * const buffered = new BufferedMediaSignals(session); // listening from now on
 * new RelayMediaTransport({ signalling: buffered }); // later: gets what arrived meanwhile
 */
export class BufferedMediaSignals implements MediaSignalChannel {
  private buffered: MediaSignal[] = [];
  private listener: ((signal: MediaSignal) => void) | undefined;
  private readonly offSource: () => void;

  constructor(private readonly source: MediaSignalChannel) {
    this.offSource = source.on('media-signal', (signal) => {
      if (this.listener) return this.listener(signal);
      this.buffered.push(signal);
      if (this.buffered.length > MAX_BUFFERED_SIGNALS) this.buffered.shift();
    });
  }

  sendMediaSignal(action: MediaSignalAction, payload: unknown): Promise<void> {
    return this.source.sendMediaSignal(action, payload);
  }

  /** One listener (the transport); unsubscribing it stops listening to the source too. */
  on(_event: 'media-signal', listener: (signal: MediaSignal) => void): () => void {
    if (this.listener) throw new SupportError('internal', 'a buffered signal channel serves one media transport');
    this.listener = listener;
    for (const signal of this.buffered.splice(0)) listener(signal);
    return () => this.close();
  }

  /** Stops listening to the source and drops what was kept. */
  close(): void {
    this.listener = undefined;
    this.buffered = [];
    this.offSource();
  }
}

/**
 * The media transport of a call in `conversationId` on `transport`'s backend. Listens to
 * `signalling` at once (synchronously), so no negotiation message is lost while the code loads.
 * Rejects with `network` when the code cannot be loaded, `closed` before the first connection
 * (agora), `config` for a custom transport with no media of its own.
 */
export function createCallMediaTransport(
  transport: MessagingTransport,
  conversationId: string,
  signalling: MediaSignalChannel,
  options: CallMediaTransportOptions = {},
): Promise<MediaTransport> {
  if (isMediaTransportSource(transport)) return transport.createMediaTransport(conversationId);
  if (transport.backend !== 'relay') {
    return Promise.reject(new SupportError('config', `the ${transport.backend} transport given to the client makes no media transports`, { retryable: false }));
  }
  const buffered = new BufferedMediaSignals(signalling);
  return import('../transports/relay/relay-media-transport.js').then(
    ({ RelayMediaTransport }) =>
      new RelayMediaTransport({ signalling: buffered, ...(options.iceServers ? { iceServers: options.iceServers } : {}) }),
    (error: unknown) => {
      buffered.close();
      throw new SupportError('network', 'the call media could not be loaded', { cause: error });
    },
  );
}
