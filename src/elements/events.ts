/**
 * The `support-*` DOM events of the elements, typed: one detail type per event, an event map per
 * element (`SupportChatEventMap`, `SupportInboxEventMap`, `SupportCallEventMap`) and the global
 * `HTMLElementEventMap` augmentation, so that
 * `chat.addEventListener('support-message', (e) => e.detail.message.body)` compiles without a cast.
 *
 * Every event is a bubbling, composed `CustomEvent`: a listener on `document` hears them all.
 * Events of an inner `<support-call>` (the chat's and the inbox's call) bubble out of their host,
 * so the chat and the inbox maps include the call's events.
 *
 * Type-only: importing this file adds no code to a bundle.
 */
import type { ChatMessage, ConnectionState } from '../core/types.js';
import type { CallStateChange } from '../core/call/call-events.js';
import type { ErrorCode, SupportError } from '../protocol/errors.js';
import type { Attachment } from '../protocol/model.js';
import type { SupportSnapshotDetail } from './support-call/support-call.js';

/** Detail of `support-message`: a new message, sent or received. */
export interface SupportMessageDetail {
  conversationId: string;
  message: ChatMessage;
}

/** Detail of `support-before-send` (cancelable: `preventDefault()` stops the send). */
export interface SupportBeforeSendDetail {
  body: string;
  conversationId: string;
  /** Files already stored. */
  attachments: Attachment[];
  /** Names of files still uploading: the message waits for them. */
  uploading: string[];
}

/** Detail of `support-unread`: a conversation's unread count and the total over all of them. */
export interface SupportUnreadDetail {
  conversationId: string;
  unread: number;
  total: number;
}

/** Detail of `support-connection`: the client's connection state changed. */
export interface SupportConnectionDetail {
  state: ConnectionState;
  error?: SupportError;
}

/** Detail of `support-error`: something failed (also shown in the element, localised). */
export interface SupportErrorDetail {
  error: SupportError;
  code: ErrorCode;
  message: string;
}

/** Detail of `support-conversation-open`: the agent opened a conversation in the inbox. */
export interface SupportConversationOpenDetail {
  conversationId: string;
}

/** Detail of `support-call-state`: the call moved (`reason` is set when `state` is `ended`). */
export type SupportCallStateDetail = CallStateChange;

/** Detail of `support-call-chat`: the user asks for the chat over the call to open (or close). */
export interface SupportCallChatDetail {
  open: boolean;
}

/** Detail of `support-call-close`: none. */
export type SupportCallCloseDetail = Record<string, never>;

/** Events of `<support-call>`. */
export interface SupportCallEventMap {
  'support-call-state': CustomEvent<SupportCallStateDetail>;
  /** Cancelable: `preventDefault()` keeps the still frame out of the conversation. */
  'support-snapshot': CustomEvent<SupportSnapshotDetail>;
  'support-error': CustomEvent<SupportErrorDetail>;
  'support-call-chat': CustomEvent<SupportCallChatDetail>;
  /** The ended call's notice closed: the host places the focus that was in the call. */
  'support-call-close': CustomEvent<SupportCallCloseDetail>;
}

/** Events of `<support-chat>` (its inner call's events bubble out of it too). */
export interface SupportChatEventMap extends SupportCallEventMap {
  /** Cancelable: `preventDefault()` stops the send. */
  'support-before-send': CustomEvent<SupportBeforeSendDetail>;
  'support-message': CustomEvent<SupportMessageDetail>;
  'support-unread': CustomEvent<SupportUnreadDetail>;
  'support-connection': CustomEvent<SupportConnectionDetail>;
}

/** Events of `<support-inbox>` (its inner call's events bubble out of it too). */
export interface SupportInboxEventMap extends SupportChatEventMap {
  'support-conversation-open': CustomEvent<SupportConversationOpenDetail>;
}

/** Every `support-*` event, by name. */
export type SupportEventMap = SupportInboxEventMap;

/** The `detail` of the `support-*` event `K`. */
export type SupportEventDetail<K extends keyof SupportEventMap> = SupportEventMap[K]['detail'];

declare global {
  // Bubbling and composed: any element (or `document`) can listen for them with a typed `detail`.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends SupportEventMap {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface DocumentEventMap extends SupportEventMap {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface WindowEventMap extends SupportEventMap {}
}
