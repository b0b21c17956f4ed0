/**
 * `<support-call>`'s subscription to its client's calls (`client.calls`): the client drives the
 * media of the calls the element handles (`attachMedia`); the element re-renders when the call or
 * its media changes (once a second while connected, for the timer) and hangs up when the tab
 * closes or the element leaves the page (a call without its UI cannot go on).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CallLine } from '../../core/call/call-line.js';
import type { CallMedia } from '../../core/call/call-media.js';
import type { CallStateChange } from '../../core/call/call-events.js';
import type { SupportError } from '../../protocol/errors.js';
import { AnnotationEntry, type CallElement } from './annotation-entry.js';

export interface CallLineControllerOptions {
  /** STUN/TURN servers for the peer connection, relay backend (read when a call connects). */
  iceServers(): RTCIceServer[] | undefined;
  /** Whether calls of this conversation are the host's. */
  handles(conversationId: string): boolean;
  /** The call moved (after the client started or stopped its media). */
  onCallState(change: CallStateChange): void;
  /** A media failure the user must hear about (visible message + `support-error`). */
  onError(error: SupportError): void;
}

/** Follows one `CallLine` at a time: the one of the element's current client. */
export class CallLineController implements ReactiveController {
  private line: CallLine | undefined;
  private off: (() => void)[] = [];
  private tick: ReturnType<typeof setInterval> | undefined;
  private pagehide: AbortController | undefined;

  /** Freeze-and-draw and the pointer: the entry buttons, and the peer's operations (loads the rest on first use). */
  readonly annotation: AnnotationEntry;

  constructor(
    private readonly host: ReactiveControllerHost & CallElement,
    private readonly options: CallLineControllerOptions,
  ) {
    host.addController(this);
    this.annotation = new AnnotationEntry(host, (error) => options.onError(error));
  }

  /** The calls followed, if any. */
  get calls(): CallLine | undefined {
    return this.line;
  }

  /** The media of the client's current call, if the client drives one. */
  get media(): CallMedia | undefined {
    return this.line?.media;
  }

  /** Follows `calls` (the element's client's); `undefined` lets go (the client then ends the media). */
  follow(calls: CallLine | undefined): void {
    if (calls === this.line) return;
    this.release();
    this.line = calls;
    if (!calls) return;
    this.off = [
      calls.on('call-state', (change) => {
        this.onMedia();
        this.options.onCallState(change);
      }),
      calls.on('media', () => this.onMedia()),
      calls.on('media-error', (error) => this.options.onError(error)),
      // A call that began before this element (accepted from the chat, or the UI loaded late) gets its media now.
      calls.attachMedia({ iceServers: () => this.options.iceServers(), handles: (id) => this.options.handles(id) }),
    ];
    this.onMedia();
  }

  hostConnected(): void {
    // The element follows its client again on its next update.
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    // A move within the page reconnects at once: only a real removal ends the call.
    queueMicrotask(() => {
      if (this.host.isConnected) return;
      const calls = this.line;
      this.release();
      void calls?.hangup();
    });
  }

  /** Pagehide and the call timer follow the media; every change re-renders. */
  private onMedia(): void {
    const media = this.line?.media;
    if (media && !this.pagehide) {
      // A closing tab hangs up, so the other side learns at once instead of after the reconnect timeout.
      this.pagehide = new AbortController();
      globalThis.addEventListener?.('pagehide', () => void this.line?.hangup(), { signal: this.pagehide.signal });
    }
    if (!media) this.stop();
    else if (media.connectedAt !== undefined) this.tick ??= setInterval(() => this.host.requestUpdate(), 1000);
    this.host.requestUpdate();
  }

  private stop(): void {
    if (this.tick !== undefined) clearInterval(this.tick);
    this.tick = undefined;
    this.pagehide?.abort();
    this.pagehide = undefined;
  }

  private release(): void {
    for (const off of this.off) off();
    this.off = [];
    this.line = undefined;
    this.stop();
  }
}
