/** Options and events of `AgoraRtmMessagingTransport`. */
import type { Role } from '../../protocol/model.js';
import type { MessagingTransportEvents } from '../types.js';
import type { HistoryProvider } from './history-provider.js';
import type { RTMConfig, RtmSdkModule } from './rtm-sdk.js';

export interface AgoraRtmMessagingTransportOptions {
  /** Agora App ID (32 characters). */
  appId: string;
  /** RTM user id (at most 64 characters); must match the token. */
  userId: string;
  userName: string;
  role: Role;
  /** Customer: their conversation ids (default `[userId]`). Agent: conversations to follow from the start. */
  conversations?: string[];
  /** Where `history()` reads; default `rtmHistoryProvider()`. */
  history?: HistoryProvider;
  /** Loads the SDK; default: dynamic `import('agora-rtm-sdk')`. Tests inject a fake. */
  loadSdk?: () => Promise<RtmSdkModule>;
  /** Bound of every wait on the SDK when the caller gives none. Default 10 000 ms. */
  timeoutMs?: number;
  /** Called when RTM warns that the token expires soon; its answer is passed to `renewToken`. */
  onTokenWillExpire?: () => Promise<string>;
  /** Channel name prefix (several widgets in one Agora project). Default `support`. */
  channelPrefix?: string;
  /**
   * The shop the user belongs to (the relay's token exchange names it): message channels then carry
   * it, `<prefix>.<shop>~<conversationId>` and `<prefix>.<shop>~queue`, as call channels do.
   * Without it the names are `<prefix>.<conversationId>` and `<prefix>.queue`.
   */
  shop?: string;
  /** Customer: how often to recount the agents online in the queue channel. Default 30 000 ms; 0: never. */
  presencePollMs?: number;
  /**
   * Extra RTM client settings (e.g. `privateConfig` for a private deployment, `presenceTimeout`).
   * Defaults: `{ logLevel: 'none', logUpload: false, cloudProxy: false }`.
   */
  rtmConfig?: RTMConfig;
}

/** Events of the Agora transport: the common ones plus a token warning. */
export interface AgoraRtmTransportEvents extends MessagingTransportEvents {
  /** RTM warned that the token expires soon; `renewing` when `onTokenWillExpire` is handling it. */
  'token-will-expire': { renewing: boolean };
}
