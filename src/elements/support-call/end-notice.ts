/**
 * The end of a call on screen, on both sides: a short notice ("Call ended · 4:12", a status the
 * screen reader announces politely), after which the call's surface closes by itself: nothing to
 * dismiss. Remembers when the call connected, since its media (and their clock) leave with it.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CallState } from '../../core/call/call-states.js';

/** How long the end of a call stays on screen before the surface closes. */
export const END_NOTICE_MS = 4000;

export class EndNotice implements ReactiveController {
  private callId: string | undefined;
  private connectedAt: number | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private scheduledFor: string | undefined;
  /** Talk time of the call that ended, when it connected. */
  talkMs: number | undefined;

  constructor(
    host: ReactiveControllerHost,
    private readonly close: () => void,
  ) {
    host.addController(this);
  }

  /** Follows the call at each update: which one it is, where it stands, when its media connected. */
  follow(callId: string | undefined, state: CallState, connectedAt: number | undefined): void {
    if (callId !== this.callId) {
      this.cancel();
      this.callId = callId;
      this.connectedAt = undefined;
      this.talkMs = undefined;
    }
    if (connectedAt !== undefined) this.connectedAt = connectedAt;
    if (state !== 'ended' || this.scheduledFor === callId) return;
    this.scheduledFor = callId;
    this.talkMs = this.connectedAt === undefined ? undefined : Date.now() - this.connectedAt;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.close();
    }, END_NOTICE_MS);
  }

  hostDisconnected(): void {
    this.cancel();
  }

  private cancel(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.scheduledFor = undefined;
  }
}
