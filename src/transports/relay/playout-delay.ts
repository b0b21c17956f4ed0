/**
 * Playout delay of the received video on a lossy, long path: a lost packet comes back as a
 * retransmission one round trip later, and the browser's own jitter buffer (sized for jitter, a
 * few tens of ms at first) has by then shown the frame late: a freeze. While the received media
 * loses packets over a long round trip, ask the receiver to hold video for one round trip plus a
 * margin (`RTCRtpReceiver.jitterBufferTarget`), so the retransmission arrives before its frame is
 * due; the browser keeps audio in sync, so the whole call is that much later. After a run of
 * clean reports the browser's own sizing is restored. A long round trip measured as the call
 * connects gets the delay at once (the loss is not known yet). DOM-free.
 */
import type { CallQuality } from '../media-types.js';

/** Options of `PlayoutDelay`; every threshold has a sensible default. */
export interface PlayoutDelayOptions {
  /** Received loss at or above this asks for a delay. Default 0.02 (2 %). */
  lossyAt?: number;
  /** Round trips shorter than this never ask for a delay (the browser's buffer covers them), ms. Default 150. */
  minRttMs?: number;
  /** Added to the round trip, ms. Default 100. */
  marginMs?: number;
  /** Largest delay asked for, ms. Default 600. */
  maxDelayMs?: number;
  /** A new round trip moves the delay only when it differs by more than this, ms. Default 50. */
  hysteresisMs?: number;
  /** Clean reports (loss below `lossyAt / 2` or a short round trip) in a row before the delay is dropped. Default 5. */
  recoverAfter?: number;
}

/**
 * Decides the video receiver's `jitterBufferTarget` from successive `CallQuality` reports.
 *
 * @example
 * ```ts
 * const playout = new PlayoutDelay();
 * if (playout.assess({ rttMs: 300, packetLoss: 0.06 })) applyPlayoutDelay(pc, playout.targetMs); // 400 ms
 * ```
 */
export class PlayoutDelay {
  private readonly lossyAt: number;
  private readonly minRttMs: number;
  private readonly marginMs: number;
  private readonly maxDelayMs: number;
  private readonly hysteresisMs: number;
  private readonly recoverAfter: number;
  private target: number | null = null;
  private cleanStreak = 0;

  constructor(options: PlayoutDelayOptions = {}) {
    this.lossyAt = options.lossyAt ?? 0.02;
    this.minRttMs = options.minRttMs ?? 150;
    this.marginMs = options.marginMs ?? 100;
    this.maxDelayMs = options.maxDelayMs ?? 600;
    this.hysteresisMs = options.hysteresisMs ?? 50;
    this.recoverAfter = Math.max(1, options.recoverAfter ?? 5);
  }

  /** The delay asked of the video receiver, ms; `null` leaves the browser's own. */
  get targetMs(): number | null {
    return this.target;
  }

  /** Takes one report; returns true when `targetMs` changed. */
  assess(quality: Pick<CallQuality, 'rttMs' | 'packetLoss'>): boolean {
    const { rttMs: rtt, packetLoss: loss } = quality;
    if (rtt === undefined || loss === undefined) return false;
    if (rtt >= this.minRttMs && loss >= this.lossyAt) {
      this.cleanStreak = 0;
      const wanted = Math.min(this.maxDelayMs, Math.round(rtt + this.marginMs));
      if (this.target !== null && Math.abs(wanted - this.target) <= this.hysteresisMs) return false;
      this.target = wanted;
      return true;
    }
    const clean = rtt < this.minRttMs || loss < this.lossyAt / 2;
    this.cleanStreak = clean ? this.cleanStreak + 1 : 0;
    if (this.target === null || this.cleanStreak < this.recoverAfter) return false;
    this.target = null;
    this.cleanStreak = 0;
    return true;
  }

  /**
   * The round trip measured by ICE as the media path comes up: a long one gets the delay from the
   * first frames, which come before the first report (2 s in) and would otherwise freeze waiting for
   * their retransmissions; clean reports give it back as usual. Returns true when `targetMs` changed.
   */
  prime(rttMs: number | undefined): boolean {
    if (rttMs === undefined || this.target !== null || rttMs < this.minRttMs) return false;
    this.target = Math.min(this.maxDelayMs, Math.round(rttMs + this.marginMs));
    this.cleanStreak = 0;
    return true;
  }

  /** Back to the browser's own delay (a new connection). */
  reset(): void {
    this.target = null;
    this.cleanStreak = 0;
  }
}

/** The part of `RTCPeerConnection` that `applyPlayoutDelay` needs. */
export interface ReceiversLike {
  getReceivers(): readonly RTCRtpReceiver[];
}

/**
 * Sets `jitterBufferTarget` (ms, `null` for the browser's own) on every video receiver of `pc`;
 * a browser without the property is left alone. Audio follows through the browser's lip sync.
 */
export function applyPlayoutDelay(pc: ReceiversLike, targetMs: number | null): void {
  for (const receiver of pc.getReceivers()) {
    if (receiver.track.kind !== 'video' || !('jitterBufferTarget' in receiver)) continue;
    receiver.jitterBufferTarget = targetMs;
  }
}
