/**
 * Graceful degradation policy for the sent video: when the peer reports heavy loss or a long
 * round trip, cap the video bitrate one step lower (the encoder then lowers resolution or frame
 * rate instead of freezing); after a run of good reports, lift the cap one step. DOM-free.
 */
import type { SenderHealth } from './call-quality-stats.js';

/** Options of `BitrateDegradation`; every threshold has a sensible default. */
export interface BitrateDegradationOptions {
  /** Bitrate caps tried in order as the network gets worse, bit/s. Default 1 Mbit/s halving down to 125 kbit/s. */
  steps?: readonly number[];
  /** Loss above this is bad. Default 0.05 (5 %). */
  badLoss?: number;
  /** RTT above this is bad, ms. Default 400. */
  badRttMs?: number;
  /** Loss at or below this is good. Default 0.02. */
  goodLoss?: number;
  /** RTT at or below this is good, ms. Default 250. */
  goodRttMs?: number;
  /** Good reports in a row before lifting the cap one step. Default 3. */
  recoverAfter?: number;
}

const DEFAULT_STEPS: readonly number[] = [1_000_000, 500_000, 250_000, 125_000];

/**
 * Decides the video bitrate cap from successive `SenderHealth` reports.
 *
 * @example
 * ```ts
 * const policy = new BitrateDegradation();
 * if (policy.assess({ lossFraction: 0.12, rttMs: 80 })) await capSender(policy.maxBitrateBps);
 * ```
 */
export class BitrateDegradation {
  private readonly steps: readonly number[];
  private readonly badLoss: number;
  private readonly badRttMs: number;
  private readonly goodLoss: number;
  private readonly goodRttMs: number;
  private readonly recoverAfter: number;
  /** 0: no cap; n: `steps[n - 1]`. */
  private level = 0;
  private goodStreak = 0;

  constructor(options: BitrateDegradationOptions = {}) {
    this.steps = options.steps ?? DEFAULT_STEPS;
    this.badLoss = options.badLoss ?? 0.05;
    this.badRttMs = options.badRttMs ?? 400;
    this.goodLoss = options.goodLoss ?? 0.02;
    this.goodRttMs = options.goodRttMs ?? 250;
    this.recoverAfter = Math.max(1, options.recoverAfter ?? 3);
  }

  /** The current cap, bit/s; `undefined` when the video is not capped. */
  get maxBitrateBps(): number | undefined {
    return this.level === 0 ? undefined : this.steps[this.level - 1];
  }

  /** True while a cap is in force. */
  get degraded(): boolean {
    return this.level > 0;
  }

  /** Takes one report; returns true when the cap changed. */
  assess(health: SenderHealth): boolean {
    const { lossFraction: loss, rttMs: rtt } = health;
    if (loss === undefined && rtt === undefined) return false;
    const bad = (loss !== undefined && loss > this.badLoss) || (rtt !== undefined && rtt > this.badRttMs);
    if (bad) {
      this.goodStreak = 0;
      if (this.level >= this.steps.length) return false;
      this.level++;
      return true;
    }
    const good = (loss === undefined || loss <= this.goodLoss) && (rtt === undefined || rtt <= this.goodRttMs);
    if (!good) {
      this.goodStreak = 0;
      return false;
    }
    this.goodStreak++;
    if (this.level === 0 || this.goodStreak < this.recoverAfter) return false;
    this.goodStreak = 0;
    this.level--;
    return true;
  }

  /** Back to no cap (a new track, a new network). */
  reset(): void {
    this.level = 0;
    this.goodStreak = 0;
  }
}
