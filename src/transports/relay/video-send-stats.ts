/**
 * Reads what `VideoFallback` needs from a `getStats()` report: the uplink estimate of the
 * selected candidate pair and the sent video's limitation and frame counter. DOM-free.
 */
import type { StatsReportLike } from './call-quality-stats.js';
import type { VideoSendSample } from './video-fallback.js';

type Stats = Record<string, unknown>;

function asStats(value: unknown): Stats | undefined {
  return typeof value === 'object' && value !== null ? (value as Stats) : undefined;
}

function numberOf(stats: Stats | undefined, key: string): number | undefined {
  const value = stats?.[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * The sample of `report`, taken at `atMs`.
 *
 * @example
 * ```ts
 * fallback.assess(videoSendSample(await pc.getStats(), Date.now()));
 * ```
 */
export function videoSendSample(report: StatsReportLike, atMs: number): VideoSendSample {
  const sample: VideoSendSample = { atMs };
  let pairs: Stats[] = [];
  let video: Stats | undefined;
  for (const value of report.values()) {
    const stats = asStats(value);
    if (!stats) continue;
    if (stats.type === 'transport' && typeof stats.selectedCandidatePairId === 'string') {
      const pair = asStats(report.get(stats.selectedCandidatePairId));
      if (pair) pairs = [pair, ...pairs];
    } else if (stats.type === 'candidate-pair' && stats.nominated === true && stats.state === 'succeeded') {
      pairs.push(stats);
    } else if (stats.type === 'outbound-rtp' && stats.kind === 'video') {
      // Several with simulcast: the one that sent the most frames speaks for the video.
      if ((numberOf(stats, 'framesSent') ?? 0) >= (numberOf(video, 'framesSent') ?? -1)) video = stats;
    }
  }
  const estimate = numberOf(pairs[0], 'availableOutgoingBitrate');
  if (estimate !== undefined) sample.availableOutgoingBps = estimate;
  if (video) {
    sample.limitedByBandwidth = video.qualityLimitationReason === 'bandwidth';
    const frames = numberOf(video, 'framesSent');
    if (frames !== undefined) sample.framesSent = frames;
  }
  return sample;
}
