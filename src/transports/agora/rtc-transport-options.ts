/** Options of `AgoraRtcMediaTransport`. */
import type { RtcSdkModule } from './rtc-sdk.js';

/**
 * Fetches an RTC token for one uid in one channel from the shop's backend (Agora RTC tokens are
 * bound to both). `forceRefresh` is set when the SDK warned that the current token expires soon.
 * An empty string joins without a token (App ID-only projects, for development).
 *
 * @example
 * const getToken: RtcTokenFetcher = async (kind, channel, uid) =>
 *   (await (await fetch(`/agora-token?kind=${kind}&channel=${channel}&uid=${uid}`)).json()).token;
 */
export type RtcTokenFetcher = (
  kind: 'rtc',
  channel: string,
  uid: number,
  request?: { forceRefresh?: boolean; signal?: AbortSignal },
) => Promise<string>;

export interface AgoraRtcMediaTransportOptions {
  /** Agora App ID (32 characters). */
  appId: string;
  /** Our user id; its numeric RTC uid is derived from it (`rtcUidFor`). Default: `join()`'s `selfId`. */
  userId?: string;
  /** The RTC channel. Default: `rtcChannelName(callId, channelPrefix)`, the same on both sides. */
  channel?: string;
  /** Prefix of derived channel names (several widgets in one Agora project). Default `support`. */
  channelPrefix?: string;
  /** Where RTC tokens come from (at join, on each uid retry, and before the token expires). */
  getToken: RtcTokenFetcher;
  /** Bound of every wait on the SDK (and of `join()` when it gives none). Default 15 000 ms. */
  timeoutMs?: number;
  /** Loads the SDK; default: dynamic `import('agora-rtc-sdk-ng')`. Tests inject a fake. */
  loadSdk?: () => Promise<RtcSdkModule>;
  /** Builds the remote `MediaStream`. Default `globalThis.MediaStream` (tests outside a browser inject one). */
  MediaStreamImpl?: new () => MediaStream;
}
