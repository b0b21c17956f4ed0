/**
 * Turns `RTCPeerConnection.getStats()` reports into `CallQuality` samples: RTT from the selected
 * candidate pair, loss and bitrate from the change of the `inbound-rtp` counters over the last
 * second or so, and the received video's size and frame rate. Also reports how the peer
 * receives what this side sends (`remote-inbound-rtp`), which is what degradation acts on.
 * DOM-free: a report is any map of stats objects, so it can be checked with a plain `Map`.
 */
import type { CallQuality } from '../media-types.js';

/** How the peer receives this side's video, from its RTCP receiver reports. */
export interface SenderHealth {
  /** Fraction of sent packets lost, 0..1. */
  lossFraction?: number;
  /** Round-trip time, ms. */
  rttMs?: number;
}

/** One reading of a stats report. */
export interface QualitySample {
  /** What this side receives. */
  quality: CallQuality;
  /** What the peer receives from this side (falls back to `quality` when it has not reported yet). */
  sender: SenderHealth;
}

/** A stats report: `RTCStatsReport`, or a `Map` of stats objects in tests. */
export type StatsReportLike = ReadonlyMap<string, unknown>;

interface ReceivedTotals {
  timestamp: number;
  bytes: number;
  packets: number;
  lost: number;
  framesDecoded: number;
}

type Stats = Record<string, unknown>;

/** Loss and bitrate are measured over at least this long when the reports allow it, ms. */
const WINDOW_MS = 1000;
/** Reports kept for baselines. */
const MAX_HISTORY = 32;

function field(stats: Stats | undefined, key: string): number | undefined {
  const value = stats?.[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function text(stats: Stats | undefined, key: string): string | undefined {
  const value = stats?.[key];
  return typeof value === 'string' ? value : undefined;
}

function clampFraction(value: number): number {
  return Math.min(1, Math.max(0, value));
}

/** Stats objects by type, in report order. */
function byType(report: StatsReportLike): Map<string, Stats[]> {
  const groups = new Map<string, Stats[]>();
  for (const value of report.values()) {
    if (typeof value !== 'object' || value === null) continue;
    const stats = value as Stats;
    const type = text(stats, 'type');
    if (!type) continue;
    const group = groups.get(type) ?? [];
    group.push(stats);
    groups.set(type, group);
  }
  return groups;
}

/** When the report was taken, ms: its newest stats object (a report with none of ours still counts). */
function reportTimestamp(groups: Map<string, Stats[]>): number {
  let latest = 0;
  for (const group of groups.values()) {
    for (const stats of group) latest = Math.max(latest, field(stats, 'timestamp') ?? 0);
  }
  return latest;
}

/** The candidate pair in use: the transport's selected pair, else a nominated succeeded one. */
function selectedPair(report: StatsReportLike, groups: Map<string, Stats[]>): Stats | undefined {
  for (const transport of groups.get('transport') ?? []) {
    const id = text(transport, 'selectedCandidatePairId');
    const pair = id ? report.get(id) : undefined;
    if (typeof pair === 'object' && pair !== null) return pair as Stats;
  }
  return (groups.get('candidate-pair') ?? []).find((pair) => pair.nominated === true && pair.state === 'succeeded');
}

/**
 * Keeps recent reports' counters so each sample measures change over time.
 *
 * @example
 * ```ts
 * const stats = new CallQualityStats();
 * const { quality } = stats.sample(await pc.getStats());
 * ```
 */
export class CallQualityStats {
  /** Recent counters, oldest first: the baseline of the next sample is among them. */
  private history: ReceivedTotals[] = [];

  /**
   * Reads one report. Loss and bitrate cover the last second or more (against the newest earlier
   * report at least `WINDOW_MS` old, else the oldest kept), so back-to-back calls (a UI poll right
   * after the periodic sample) still measure a meaningful interval. The first call has no
   * bitrate, and its loss covers the whole call.
   */
  sample(report: StatsReportLike): QualitySample {
    const groups = byType(report);
    const inbound = groups.get('inbound-rtp') ?? [];
    const video = inbound
      .filter((stats) => stats.kind === 'video')
      .sort((a, b) => (field(b, 'bytesReceived') ?? 0) - (field(a, 'bytesReceived') ?? 0))[0];
    const totals = this.totals(inbound, video, reportTimestamp(groups));
    const usable = this.baseline(totals);

    const quality: CallQuality = {};
    const pair = selectedPair(report, groups);
    const pairRtt = field(pair, 'currentRoundTripTime');
    const remoteVideo = (groups.get('remote-inbound-rtp') ?? []).find((stats) => stats.kind === 'video');
    const remoteRtt = field(remoteVideo, 'roundTripTime');
    const rtt = pairRtt ?? remoteRtt;
    if (rtt !== undefined) quality.rttMs = Math.round(rtt * 1000);

    const lost = totals.lost - (usable?.lost ?? 0);
    const received = totals.packets - (usable?.packets ?? 0);
    if (inbound.length > 0 && lost + received > 0) quality.packetLoss = clampFraction(Math.max(0, lost) / (Math.max(0, lost) + received));

    const elapsedMs = usable ? totals.timestamp - usable.timestamp : 0;
    if (usable && elapsedMs > 0) quality.bitrateKbps = Math.round(((totals.bytes - usable.bytes) * 8) / elapsedMs);

    const width = field(video, 'frameWidth');
    const height = field(video, 'frameHeight');
    if (width !== undefined) quality.width = width;
    if (height !== undefined) quality.height = height;
    const fps = field(video, 'framesPerSecond');
    if (fps !== undefined) quality.frameRate = fps;
    else if (video && usable && elapsedMs > 0) {
      quality.frameRate = Math.round(((totals.framesDecoded - usable.framesDecoded) * 1000) / elapsedMs);
    }

    const sender: SenderHealth = {};
    const remoteLoss = field(remoteVideo, 'fractionLost');
    const senderLoss = remoteLoss ?? quality.packetLoss;
    if (senderLoss !== undefined) sender.lossFraction = clampFraction(senderLoss);
    if (rtt !== undefined) sender.rttMs = Math.round((remoteRtt ?? rtt) * 1000);
    return { quality, sender };
  }

  /** Forgets the earlier reports (the next sample starts a new interval). */
  reset(): void {
    this.history = [];
  }

  /** Picks the baseline for `totals` and records `totals` for the samples to come. */
  private baseline(totals: ReceivedTotals): ReceivedTotals | undefined {
    // Fewer bytes than before means the streams were replaced (renegotiation): start over.
    if (this.history.some((earlier) => earlier.bytes > totals.bytes)) this.history = [];
    const earlier = this.history.filter((entry) => entry.timestamp < totals.timestamp);
    const baseline = earlier.findLast((entry) => totals.timestamp - entry.timestamp >= WINDOW_MS) ?? earlier[0];
    const kept = baseline ? earlier.slice(earlier.indexOf(baseline)) : [];
    this.history = [...kept, totals].slice(-MAX_HISTORY);
    return baseline;
  }

  private totals(inbound: Stats[], video: Stats | undefined, timestamp: number): ReceivedTotals {
    const totals: ReceivedTotals = { timestamp, bytes: 0, packets: 0, lost: 0, framesDecoded: field(video, 'framesDecoded') ?? 0 };
    for (const stats of inbound) {
      totals.bytes += field(stats, 'bytesReceived') ?? 0;
      totals.packets += field(stats, 'packetsReceived') ?? 0;
      totals.lost += field(stats, 'packetsLost') ?? 0;
    }
    return totals;
  }
}
