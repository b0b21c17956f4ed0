/** Options of `AgoraRtcMediaTransport`. */
import type { RtcSdkModule } from './rtc-sdk.js';
import type { RtcTokenFetcher } from './rtc-token-fetcher.js';

export type { RtcTokenFetcher };

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
