/**
 * The periodic quality loop of a connected call: every interval it reads the peer connection's
 * stats, reports a `CallQuality`, and feeds the degradation policy with how the peer receives
 * this side's video.
 */
import type { CallQuality } from '../media-types.js';
import { BitrateDegradation, type BitrateDegradationOptions } from './bitrate-degradation.js';
import { CallQualityStats, type QualitySample, type StatsReportLike } from './call-quality-stats.js';

/** Options of `QualityMonitor`. */
export interface QualityMonitorOptions {
  /** Sampling interval while running, ms. */
  intervalMs: number;
  degradation?: BitrateDegradationOptions;
  /** Reads the current stats report; `undefined` when there is no connection. */
  readStats(): Promise<StatsReportLike> | undefined;
  /** A periodic sample. */
  onQuality(quality: CallQuality): void;
  /** The video bitrate cap changed (see `maxBitrateBps`). */
  onCapChange(): void;
  /** Each periodic report as read, after `onQuality` (the audio-only fallback reads the send side). */
  onReport?(report: StatsReportLike): void;
  onError(error: unknown): void;
}

/**
 * Samples on demand and, between `start()` and `stop()`, on a timer.
 *
 * @example
 * ```ts
 * const monitor = new QualityMonitor({ intervalMs: 2000, readStats: () => pc.getStats(), onQuality, onCapChange, onError });
 * monitor.start();
 * ```
 */
export class QualityMonitor {
  private readonly options: QualityMonitorOptions;
  private readonly stats = new CallQualityStats();
  private readonly degradation: BitrateDegradation;
  private timer: ReturnType<typeof setInterval> | undefined;
  private sampling = false;

  constructor(options: QualityMonitorOptions) {
    this.options = options;
    this.degradation = new BitrateDegradation(options.degradation);
  }

  /** The video bitrate cap in force, bit/s; `undefined` when not capped. */
  get maxBitrateBps(): number | undefined {
    return this.degradation.maxBitrateBps;
  }

  /** Reads the stats now. */
  async sample(): Promise<QualitySample> {
    return (await this.read()).sample;
  }

  private async read(): Promise<{ sample: QualitySample; report?: StatsReportLike }> {
    const report = await this.options.readStats();
    return report ? { sample: this.stats.sample(report), report } : { sample: { quality: {}, sender: {} } };
  }

  /** Starts the periodic samples (no-op when running). */
  start(): void {
    if (this.timer !== undefined) return;
    this.timer = setInterval(() => void this.tick(), this.options.intervalMs);
  }

  /** Stops the periodic samples (a sample in flight is dropped). */
  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  private async tick(): Promise<void> {
    if (this.sampling) return;
    this.sampling = true;
    try {
      const { sample, report } = await this.read();
      if (this.timer === undefined) return;
      this.options.onQuality(sample.quality);
      if (this.degradation.assess(sample.sender)) this.options.onCapChange();
      if (report) this.options.onReport?.(report);
    } catch (error) {
      if (this.timer !== undefined) this.options.onError(error);
    } finally {
      this.sampling = false;
    }
  }
}
