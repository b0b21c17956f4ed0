/**
 * The Agora backend's messaging and media adapters. Importing this module never loads `agora-rtm-sdk`
 * or `agora-rtc-sdk-ng`: each SDK is fetched with a dynamic `import()` when a transport connects
 * (RTM) or a call joins (RTC).
 */
export { agoraBackend } from './agora-backend.js';
export type { AgoraBackendOptions } from './backend-options.js';
export { LazyAgoraMessagingTransport, type AgoraTransportSettings } from './lazy-messaging-transport.js';
export { exchangeAgoraToken, isAgoraToken, AGORA_TOKEN_PATH, type AgoraRtmGrant, type AgoraRtcGrant, type AgoraTokenRequest, type AgoraExchangeOptions } from './token-exchange.js';
export {
  AgoraRtmMessagingTransport,
  type AgoraRtmMessagingTransportOptions,
  type AgoraRtmTransportEvents,
} from './rtm-messaging-transport.js';
export type { HistoryLoadOptions, HistoryProvider, HistorySession } from './history-provider.js';
export { rtmHistoryProvider, RTM_HISTORY_MAX_COUNT, type RtmHistoryProviderOptions } from './rtm-history-provider.js';
export { httpHistoryProvider, type HttpHistoryProviderOptions } from './http-history-provider.js';
export { loadAgoraRtmSdk, type RtmClientApi, type RtmSdkModule } from './rtm-sdk.js';
export { RTM_MAX_MESSAGE_BYTES } from './rtm-envelope.js';
export { RTM_MAX_SUBSCRIPTIONS } from './rtm-session.js';
export {
  AgoraRtcMediaTransport,
  type AgoraRtcMediaTransportOptions,
} from './rtc-media-transport.js';
export type { RtcTokenFetcher } from './rtc-transport-options.js';
export {
  loadAgoraRtcSdk,
  type RtcClientApi,
  type RtcLocalAudioTrackApi,
  type RtcLocalVideoTrackApi,
  type RtcRemoteTrackApi,
  type RtcSdkModule,
} from './rtc-sdk.js';
export { rtcUidFor, rtcUidCandidates, RTC_UID_ATTEMPTS } from '../../protocol/rtc-uid.js';
export { rtcChannelName, isRtcChannelName, RTC_CHANNEL_MAX_BYTES } from '../../protocol/rtc-channel.js';
export type { AgoraCallQuality, AgoraQualityLevel } from './rtc-quality.js';
