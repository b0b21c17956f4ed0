/**
 * Audio-only fallback of the sent video (issue 19): when the uplink cannot carry video even at the
 * lowest bitrate, stop sending it (audio goes on) rather than push frames that freeze and crowd
 * out the voice; probe now and then, and resume by itself once the network allows. DOM-free: the
 * transport feeds it one `VideoSendSample` per quality tick and applies what it decides.
 */

/** What the sender's stats say about its video, at one moment. */
export interface VideoSendSample {
  /** When it was read, ms (any monotonic clock). */
  atMs: number;
  /** The congestion controller's estimate for the whole uplink, bit/s (candidate pair's `availableOutgoingBitrate`). */
  availableOutgoingBps?: number;
  /** The encoder reports it is held back by bandwidth (`qualityLimitationReason === 'bandwidth'`). */
  limitedByBandwidth?: boolean;
  /** Video frames sent so far (`outbound-rtp` `framesSent`). */
  framesSent?: number;
}

/** Thresholds of `VideoFallback`; each has a default fit for a 2 s sampling interval. */
export interface VideoFallbackOptions {
  /** An uplink estimate below this cannot carry video next to the voice, bit/s. Default 100 000. */
  pauseBelowBps?: number;
  /** Sent frame rate under this while limited by bandwidth is a stalled video. Default 3 fps. */
  minFps?: number;
  /** Starved for this long before pausing, ms. Default 4 000. */
  pauseAfterMs?: number;
  /** While paused, an uplink estimate at or above this for `resumeAfterMs` resumes at once, bit/s. Default 250 000. */
  resumeAboveBps?: number;
  /** Default 3 000 ms. */
  resumeAfterMs?: number;
  /** While paused, the video is tried again this long after the pause, ms. Default 12 000. */
  probeAfterMs?: number;
  /** After resuming, starvation is not judged for this long (the encoder and estimate restart), ms. Default 4 000. */
  graceMs?: number;
  /** Bitrate cap of resumed video until it has held for `holdCapMs`, bit/s. Default 125 000 (the lowest degradation step). */
  resumeBitrateBps?: number;
  /** Default 10 000 ms. */
  holdCapMs?: number;
}

/** What the transport must do after a sample. */
export type VideoFallbackDecision = 'pause' | 'resume' | undefined;

/**
 * The pause/resume state of one call's sent video.
 *
 * @example
 * ```ts
 * const fallback = new VideoFallback();
 * const decision = fallback.assess({ atMs: Date.now(), availableOutgoingBps: 60_000 });
 * if (decision) await setVideoActive(sender, !fallback.paused);
 * ```
 */
export class VideoFallback {
  private readonly pauseBelowBps: number;
  private readonly minFps: number;
  private readonly pauseAfterMs: number;
  private readonly resumeAboveBps: number;
  private readonly resumeAfterMs: number;
  private readonly probeAfterMs: number;
  private readonly graceMs: number;
  private readonly resumeBitrateBps: number;
  private readonly holdCapMs: number;
  private pausedAt: number | undefined;
  private resumedAt: number | undefined;
  /** The last resume was a probe (not a recovered estimate): one starved sample pauses again. */
  private probing = false;
  private starvedSince: number | undefined;
  private healthySince: number | undefined;
  private last: VideoSendSample | undefined;
  private pauseCount = 0;

  constructor(options: VideoFallbackOptions = {}) {
    this.pauseBelowBps = options.pauseBelowBps ?? 100_000;
    this.minFps = options.minFps ?? 3;
    this.pauseAfterMs = options.pauseAfterMs ?? 4_000;
    this.resumeAboveBps = options.resumeAboveBps ?? 250_000;
    this.resumeAfterMs = options.resumeAfterMs ?? 3_000;
    this.probeAfterMs = options.probeAfterMs ?? 12_000;
    this.graceMs = options.graceMs ?? 4_000;
    this.resumeBitrateBps = options.resumeBitrateBps ?? 125_000;
    this.holdCapMs = options.holdCapMs ?? 10_000;
  }

  /** True while the video is held back by the network. */
  get paused(): boolean {
    return this.pausedAt !== undefined;
  }

  /** How often the video was paused in this call. */
  get pauses(): number {
    return this.pauseCount;
  }

  /** The cap of video resumed lately, bit/s; `undefined` when the fallback imposes none. */
  maxBitrateBps(nowMs: number): number | undefined {
    if (this.resumedAt === undefined || this.paused) return undefined;
    return nowMs - this.resumedAt < this.holdCapMs ? this.resumeBitrateBps : undefined;
  }

  /** Takes one sample; says whether to pause or resume the video now. */
  assess(sample: VideoSendSample): VideoFallbackDecision {
    const fps = this.sentFps(sample);
    this.last = sample;
    return this.paused ? this.assessPaused(sample) : this.assessSending(sample, fps);
  }

  /** Forgets everything (the user turned the camera off or changed it); returns whether it was paused. */
  reset(): boolean {
    const was = this.paused;
    this.pausedAt = undefined;
    this.resumedAt = undefined;
    this.probing = false;
    this.starvedSince = undefined;
    this.healthySince = undefined;
    this.last = undefined;
    return was;
  }

  private assessSending(sample: VideoSendSample, fps: number | undefined): VideoFallbackDecision {
    const at = sample.atMs;
    if (this.resumedAt !== undefined && at - this.resumedAt < this.graceMs) {
      this.starvedSince = undefined;
      return undefined;
    }
    if (!this.starved(sample, fps)) {
      this.starvedSince = undefined;
      this.probing = false;
      return undefined;
    }
    this.starvedSince ??= at;
    if (!this.probing && at - this.starvedSince < this.pauseAfterMs) return undefined;
    this.pausedAt = at;
    this.probing = false;
    this.starvedSince = undefined;
    this.healthySince = undefined;
    this.pauseCount++;
    return 'pause';
  }

  private assessPaused(sample: VideoSendSample): VideoFallbackDecision {
    const at = sample.atMs;
    const estimate = sample.availableOutgoingBps;
    if (estimate !== undefined && estimate >= this.resumeAboveBps) this.healthySince ??= at;
    else this.healthySince = undefined;
    const recovered = this.healthySince !== undefined && at - this.healthySince >= this.resumeAfterMs;
    const probe = at - (this.pausedAt ?? at) >= this.probeAfterMs;
    if (!recovered && !probe) return undefined;
    this.pausedAt = undefined;
    this.resumedAt = at;
    this.probing = !recovered;
    this.healthySince = undefined;
    return 'resume';
  }

  private starved(sample: VideoSendSample, fps: number | undefined): boolean {
    const estimate = sample.availableOutgoingBps;
    if (estimate !== undefined && estimate < this.pauseBelowBps) return true;
    return sample.limitedByBandwidth === true && fps !== undefined && fps < this.minFps;
  }

  /** Frames sent per second since the previous sample; `undefined` without two readings. */
  private sentFps(sample: VideoSendSample): number | undefined {
    const last = this.last;
    if (!last || last.framesSent === undefined || sample.framesSent === undefined) return undefined;
    const elapsed = sample.atMs - last.atMs;
    if (elapsed <= 0 || sample.framesSent < last.framesSent) return undefined;
    return ((sample.framesSent - last.framesSent) * 1000) / elapsed;
  }
}
