/**
 * The Agora backend's messaging adapter. Importing this module never loads `agora-rtm-sdk`:
 * the SDK is fetched with a dynamic `import()` when a transport connects.
 */
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
