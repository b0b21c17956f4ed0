/**
 * Follows the calls of the element's client and gives each one its `CallMedia`: made when the
 * call rings out (the caller previews) or is accepted, connected on `connecting`, left on `ended`
 * and when the element leaves the page (which also hangs up: a call without its UI cannot go on).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CallManager } from '../../core/call/call-manager.js';
import type { CallSession } from '../../core/call/call-session.js';
import type { CallStateChange } from '../../core/call/call-events.js';
import { isCallAccepted, isCallActive } from '../../core/call/call-states.js';
import { SupportError } from '../../protocol/errors.js';
import type { SupportClient } from '../../core/support-client.js';
import type { MediaTransport } from '../../transports/media-types.js';
import { CallMedia } from './call-media.js';

/** The element: its `client` makes the media transports of the calls it follows. */
type Host = ReactiveControllerHost & HTMLElement & { readonly client?: SupportClient | undefined };

export interface CallMediaControllerOptions {
  /** STUN/TURN servers for the peer connection, relay backend (read when a call connects). */
  iceServers(): RTCIceServer[] | undefined;
  /** A failure the user must hear about (visible message + `support-error`). */
  onError(error: SupportError): void;
  /** Whether calls of this conversation are the host's (default all). */
  handles?(conversationId: string): boolean;
}

/** Media of `<support-call>`: `current` is the running call's media, which the element renders. */
export class CallMediaController implements ReactiveController {
  private calls: CallManager | undefined;
  private offCalls: (() => void)[] = [];
  private media: CallMedia | undefined;
  private tick: ReturnType<typeof setInterval> | undefined;
  private pagehide: AbortController | undefined;

  constructor(
    private readonly host: Host,
    private readonly options: CallMediaControllerOptions,
  ) {
    host.addController(this);
  }

  /** The media of the current call, if any. */
  get current(): CallMedia | undefined {
    return this.media;
  }

  /** Follows the calls of `calls` (the element's client); `undefined` lets go (and ends local media). */
  attach(calls: CallManager | undefined): void {
    if (calls === this.calls) return;
    this.detach();
    this.calls = calls;
    if (!calls) return;
    this.offCalls = [
      calls.on('call-state', (change) => this.onCallState(change)),
      calls.on('remote-media-state', (state) => {
        if (state.callId === this.media?.callId) this.media.setRemote(state);
      }),
    ];
    // A call that began before this element (accepted from the chat, or the UI loaded late).
    const session = calls.session;
    if (session && isCallActive(session.state) && this.handles(session)) {
      const media = this.begin(session);
      if (isCallAccepted(session.state)) media.connect();
      else if (session.direction === 'outgoing') void media.openLocal();
      if (session.state === 'connected') this.startTick(media);
    }
  }

  hostConnected(): void {
    // The element attaches its client again on its next update.
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    // A move within the page reconnects at once: only a real removal ends the call.
    queueMicrotask(() => {
      if (this.host.isConnected) return;
      const calls = this.calls;
      this.detach();
      void calls?.hangup();
    });
  }

  private onCallState(change: CallStateChange): void {
    const session = this.calls?.session;
    if (!session || session.callId !== change.callId || !this.handles(session)) return;
    switch (change.state) {
      case 'outgoing-ringing':
        void this.begin(session).openLocal();
        break;
      case 'connecting':
        this.begin(session).connect();
        break;
      case 'connected':
        if (this.media) this.startTick(this.media);
        break;
      case 'ended':
        void this.end();
        break;
      default:
        break;
    }
    this.host.requestUpdate();
  }

  /** The media of `session`'s call, made fresh for a new call. */
  private begin(session: CallSession): CallMedia {
    if (this.media && this.media.callId === session.callId) return this.media;
    void this.end();
    const media = new CallMedia(session, {
      createTransport: (call) => this.createTransport(call),
      onChange: () => this.host.requestUpdate(),
      onError: (error) => this.options.onError(error),
    });
    this.media = media;
    // A closing tab hangs up, so the other side learns at once instead of after the reconnect timeout.
    this.pagehide = new AbortController();
    globalThis.addEventListener?.('pagehide', () => void this.calls?.hangup(), { signal: this.pagehide.signal });
    return media;
  }

  /** Call timer: one render a second while connected. */
  private startTick(media: CallMedia): void {
    media.connectedAt ??= Date.now();
    this.tick ??= setInterval(() => this.host.requestUpdate(), 1000);
  }

  private async end(): Promise<void> {
    const media = this.media;
    this.media = undefined;
    if (this.tick !== undefined) clearInterval(this.tick);
    this.tick = undefined;
    this.pagehide?.abort();
    this.pagehide = undefined;
    await media?.leave();
    this.host.requestUpdate();
  }

  private detach(): void {
    for (const off of this.offCalls) off();
    this.offCalls = [];
    this.calls = undefined;
    void this.end();
  }

  /** The client whose calls these are makes the media for its backend (relay or agora). */
  private createTransport(session: CallSession): Promise<MediaTransport> {
    const client = this.host.client;
    if (!client || client.calls !== this.calls) {
      return Promise.reject(new SupportError('config', '<support-call> needs `client` (the SupportClient whose call this is)', { retryable: false }));
    }
    const iceServers = this.options.iceServers();
    return client.createMediaTransport(session.conversationId ?? '', session, iceServers ? { iceServers } : {});
  }

  private handles(session: CallSession): boolean {
    return !session.conversationId || (this.options.handles?.(session.conversationId) ?? true);
  }
}
