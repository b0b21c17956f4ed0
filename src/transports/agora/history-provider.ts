/**
 * Where the Agora backend reads older messages. RTM delivers live messages only; history comes
 * from RTM's history service (when the Agora project has it enabled: `rtmHistoryProvider`) or
 * from the shop's own endpoint (`httpHistoryProvider`), or any object with this shape.
 */
import type { SupportError } from '../../protocol/errors.js';
import type { HistoryPage } from '../types.js';

/**
 * The slice of RTM's history API a provider may call (`RTMHistory.getMessages` of
 * `agora-rtm-sdk`), declared here so the public types need no Agora package installed; the RTM
 * transport hands the SDK's own object, which the compiler checks against this shape.
 */
export interface RtmHistoryApi {
  getMessages(
    channelName: string,
    channelType: 'MESSAGE' | 'USER',
    options?: { messageCount?: number; start?: number; end?: number },
  ): Promise<{ messageList: Array<{ message: string | Uint8Array; publisher: string; timestamp: number; customType: string }>; newStart: number; count: number }>;
}

export interface HistoryLoadOptions {
  /** Only messages with a smaller seq (omitted: the latest page). */
  beforeSeq?: number;
  /** At most this many messages (the transport passes 1..200). */
  limit: number;
  /** Aborted when the transport gives up (timeout, disconnect). */
  signal?: AbortSignal;
}

/** What the RTM transport hands a provider while a session is logged in. */
export interface HistorySession {
  /** The logged-in client's history API. */
  history: RtmHistoryApi;
  /** The RTM channel name of a conversation. */
  channelOf(conversationId: string): string;
  /** Reports a non-fatal problem; the transport emits it as its `error` event. */
  warn(error: SupportError): void;
}

/**
 * A page of messages of one conversation, oldest first, `hasMore` when older ones exist.
 * Providers may return duplicates or unsorted pages: the transport dedupes by `clientMsgId`
 * and sorts by `seq`.
 */
export interface HistoryProvider {
  load(conversationId: string, options: HistoryLoadOptions): Promise<HistoryPage>;
  /** Called after each RTM login, before any `load`. */
  attach?(session: HistorySession): void;
  /** Called when the session ends. */
  detach?(): void;
}
