/**
 * Settings of the `agora` backend beyond `appId`. Type-only: importing it never loads Agora code.
 */
import type { HistoryProvider } from '../transports/agora/history-provider.js';
import type { RtcSdkModule } from '../transports/agora/rtc-sdk.js';
import type { RtcTokenFetcher } from '../transports/agora/rtc-transport-options.js';
import type { RTMConfig, RtmSdkModule } from '../transports/agora/rtm-sdk.js';

/**
 * Most pages need none of these: `backend: 'agora'` with `appId` and a token source is enough.
 *
 * @example
 * new SupportClient({ backend: 'agora', appId, tokenProvider, agora: { history: httpHistoryProvider('/support/history') } });
 */
export interface AgoraBackendOptions {
  /**
   * Where a relay token is exchanged for Agora tokens (`POST`, `Authorization: Bearer <relay token>`).
   * Default: `<server>/agora/token`, with `server` defaulting to the page's origin.
   */
  tokenEndpoint?: string;
  /** Customer: the conversation ids on RTM. Default: what the token endpoint names, else `[userId]`. */
  conversations?: string[];
  /** Where older messages come from. Default: RTM's history service (`rtmHistoryProvider()`). */
  history?: HistoryProvider;
  /** Prefix of RTM and RTC channel names (several widgets in one Agora project). Default `support`. */
  channelPrefix?: string;
  /** Customer: how often to recount the agents online, ms. Default 30 000; 0: never. */
  presencePollMs?: number;
  /** Extra RTM client settings (e.g. `privateConfig`). */
  rtmConfig?: RTMConfig;
  /**
   * Calls: where RTC tokens come from. Default: `POST tokenEndpoint` `{ kind: 'rtc', channel, uid }`
   * with the token source's token as bearer (same-origin cookies go along).
   */
  rtcTokens?: RtcTokenFetcher;
  /** Loads the RTM SDK; default: dynamic `import('agora-rtm-sdk')`. Tests inject a fake. */
  loadRtmSdk?: () => Promise<RtmSdkModule>;
  /** Loads the RTC SDK for calls; default: dynamic `import('agora-rtc-sdk-ng')`. Tests inject a fake. */
  loadRtcSdk?: () => Promise<RtcSdkModule>;
  /** `MediaStream` constructor for calls (tests outside a browser). Default `globalThis.MediaStream`. */
  MediaStreamImpl?: new () => MediaStream;
  /** `fetch` for the token exchange (tests, SSR). Default `globalThis.fetch`. */
  fetch?: typeof fetch;
}
