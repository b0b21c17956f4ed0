/**
 * Settings of the `agora` backend (`agoraBackend(options)`). Type-only: importing it never loads Agora code.
 */
import type { Role } from '../../protocol/model.js';
import type { HistoryProvider } from './history-provider.js';
import type { RtcTokenFetcher } from './rtc-token-fetcher.js';

/**
 * Loads an Agora SDK: resolves to `agora-rtm-sdk`'s or `agora-rtc-sdk-ng`'s default export (or a
 * test's fake). Opaque in the public types, so they compile without the optional Agora packages
 * installed; the adapters check the real shape (`RtmSdkModule`, `RtcSdkModule`).
 */
export type AgoraSdkLoader = () => Promise<object>;

/** Agora's `RTMConfig` (e.g. `{ privateConfig }`), passed to the RTM client as it is. */
export type AgoraRtmConfig = Readonly<Record<string, unknown>>;

/**
 * Most pages need none of these: `agoraBackend()` on a page served by the relay (which exchanges
 * its tokens for Agora tokens), or `agoraBackend({ appId, userId })` with Agora tokens from the shop.
 *
 * @example
 * new SupportClient({ backend: agoraBackend({ appId, history: httpHistoryProvider('/support/history') }), tokenProvider });
 */
export interface AgoraBackendOptions {
  /** The relay server that exchanges relay tokens for Agora tokens (http(s) or ws(s)). Default: the page's origin. */
  server?: string;
  /** Agora App ID. Default: the one the token exchange names (a different one is a `config` error). */
  appId?: string;
  /** Who signs in to RTM. Default: the user the token exchange names (needed when the token source gives Agora tokens). */
  userId?: string;
  /** The display name. Default: from the token exchange, else `userId`. */
  userName?: string;
  /** `customer` (default) or `agent`, when the token exchange does not say. */
  role?: Role;
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
  rtmConfig?: AgoraRtmConfig;
  /**
   * Calls: where RTC tokens come from. Default: `POST tokenEndpoint` `{ kind: 'rtc', channel, uid }`
   * with the token source's token as bearer (same-origin cookies go along).
   */
  rtcTokens?: RtcTokenFetcher;
  /** Loads the RTM SDK; default: dynamic `import('agora-rtm-sdk')`. Tests inject a fake. */
  loadRtmSdk?: AgoraSdkLoader;
  /** Loads the RTC SDK for calls; default: dynamic `import('agora-rtc-sdk-ng')`. Tests inject a fake. */
  loadRtcSdk?: AgoraSdkLoader;
  /** `MediaStream` constructor for calls (tests outside a browser). Default `globalThis.MediaStream`. */
  MediaStreamImpl?: new () => MediaStream;
  /** `fetch` for the token exchange (tests, SSR). Default `globalThis.fetch`. */
  fetch?: typeof fetch;
}
