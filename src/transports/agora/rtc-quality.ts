/**
 * Turns Agora's quality signals into our `CallQuality`: the `network-quality` levels (0..6) plus
 * the numbers of `client.getRTCStats()` and the peer's remote audio/video stats.
 */
import type { AgoraRTCStats, NetworkQuality, RemoteAudioTrackStats, RemoteVideoTrackStats } from 'agora-rtc-sdk-ng';
import type { CallQuality } from '../media-types.js';

/** Agora's network quality level: 0 unknown, 1 excellent … 5 very poor, 6 down. */
export type AgoraQualityLevel = NetworkQuality['uplinkNetworkQuality'];

/** `CallQuality` plus Agora's own levels (`undefined` while Agora reports 0, unknown). */
export interface AgoraCallQuality extends CallQuality {
  /** How well this side sends, 1 excellent … 6 down. */
  uplinkLevel?: Exclude<AgoraQualityLevel, 0>;
  /** How well this side receives, 1 excellent … 6 down. */
  downlinkLevel?: Exclude<AgoraQualityLevel, 0>;
}

/** What one quality sample is made of; any part may be missing (before the first report, audio-only). */
export interface AgoraQualityInputs {
  network?: NetworkQuality;
  rtc?: AgoraRTCStats;
  video?: RemoteVideoTrackStats;
  audio?: RemoteAudioTrackStats;
}

function positive(value: number | undefined): number | undefined {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : undefined;
}

function fraction(value: number | undefined): number | undefined {
  return value !== undefined && Number.isFinite(value) && value >= 0 ? Math.min(1, value) : undefined;
}

function level(value: AgoraQualityLevel | undefined): Exclude<AgoraQualityLevel, 0> | undefined {
  return value === undefined || value === 0 ? undefined : value;
}

/** Recent loss of one remote track (0..1): the last interval when known, else the call so far. */
function trackLoss(stats: RemoteVideoTrackStats | RemoteAudioTrackStats | undefined): number | undefined {
  if (!stats) return undefined;
  // Both are fractions in 4.24.8 (`lost / (received + lost)` and the server's percent / 100).
  return fraction(stats.currentPacketLossRate) ?? fraction(stats.packetLossRate);
}

/**
 * One `CallQuality` sample. Bitrate and RTT come from the whole call (`getRTCStats`; RTT is to
 * Agora's edge server, not to the peer), size and frame rate from the peer's video, loss is the
 * worse of the peer's audio and video.
 */
export function toCallQuality(inputs: AgoraQualityInputs): AgoraCallQuality {
  const quality: AgoraCallQuality = {};
  const rtt = positive(inputs.rtc?.RTT);
  if (rtt !== undefined) quality.rttMs = rtt;
  const bitrate = positive(inputs.rtc?.RecvBitrate);
  if (bitrate !== undefined) quality.bitrateKbps = Math.round(bitrate / 1000);
  const losses = [trackLoss(inputs.video), trackLoss(inputs.audio)].filter((loss): loss is number => loss !== undefined);
  if (losses.length > 0) quality.packetLoss = Math.max(...losses);
  const width = positive(inputs.video?.receiveResolutionWidth);
  const height = positive(inputs.video?.receiveResolutionHeight);
  if (width !== undefined && height !== undefined) {
    quality.width = width;
    quality.height = height;
  }
  const video = inputs.video;
  const frameRate = positive(video?.receiveFrameRate) ?? positive(video?.decodeFrameRate) ?? positive(video?.renderFrameRate);
  if (frameRate !== undefined) quality.frameRate = frameRate;
  const uplink = level(inputs.network?.uplinkNetworkQuality);
  if (uplink !== undefined) quality.uplinkLevel = uplink;
  const downlink = level(inputs.network?.downlinkNetworkQuality);
  if (downlink !== undefined) quality.downlinkLevel = downlink;
  return quality;
}
