/**
 * Public types of the headless client. Elements and integrators code against these.
 */
import type { AgentInfo, DeskFields } from '../protocol/desk.js';
import type { Attachment, AttachmentKind, MessageKind, ProductContext, UserRef } from '../protocol/model.js';
import type { MessageDraft } from '../protocol/message-draft.js';
import type { FollowUp, HoursStatus } from '../protocol/relationship.js';
import type { AssistantDelta } from '../protocol/assistant.js';
import type { RelationshipFields } from './relationship-fields.js';
import type { UploadProvider } from '../uploads/types.js';
import type { KeyValueStorage } from '../base/storage.js';

export type { KeyValueStorage };
import type { PreparedFile, UploadJob, UploadJobState } from '../uploads/upload-job.js';
import type { OutboxFileStore } from './outbox-file-store.js';
import type { SupportBackend } from '../transports/backend.js';
import type { SupportError } from '../protocol/errors.js';
import type { TypingEvent, ReceiptEvent, SignalEvent, MessagingTransport } from '../transports/types.js';
import type { TokenSource } from '../tokens/types.js';
import type { ReconnectPolicy } from './reconnect-policy.js';
import type { CallOptions } from './call/call-line-types.js';

/** Explicit connection state, mirrored by `support-connection` events. */
export type ConnectionState = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

/** Delivery state of a message from its sender's point of view. */
export type DeliveryStatus = 'sending' | 'sent' | 'delivered' | 'read' | 'failed';

/** A message as the UI shows it: server messages and optimistic local ones alike (a draft, with who, when and how far it got). */
export interface ChatMessage extends MessageDraft {
  /** Server sequence number; absent until acknowledged. */
  seq?: number;
  from: UserRef;
  /** Ms since epoch (server time once acknowledged, local time before). */
  at: number;
  /** True when the current user sent it. */
  mine: boolean;
  status: DeliveryStatus;
  /** Why sending failed, when `status` is `failed`. */
  error?: SupportError;
  /** My unsent message's files that are not stored yet, in order; it is sent once they all are. */
  uploads?: readonly MessageUpload[];
}

/** A file of my unsent message on its way to storage. */
export interface MessageUpload {
  name: string;
  kind: AttachmentKind;
  /** `waiting`: for the connection (or for another tab of the same user that is uploading it). */
  state: UploadJobState;
  /** Uploaded share, 0..1. */
  progress: number;
}

/** Read-only view of one conversation; for staff, with its desk fields (status, assignee, labels) as the last summary said. */
export interface ConversationView extends DeskFields, RelationshipFields {
  id: string;
  customer: { id: string; name: string };
  context?: ProductContext;
  /** Ordered by seq; unacknowledged local messages last, in send order. */
  messages: readonly ChatMessage[];
  /** Messages from others with seq above what the current user has read. */
  unread: number;
  /** Other members currently typing. */
  typing: readonly UserRef[];
  /** True when older messages can be loaded with `loadOlder()`. */
  hasMore: boolean;
  lastSeq: number;
  updatedAt: number;
}


export interface SupportClientOptions {
  /**
   * What the client runs on: `relayBackend({ server })` (our Node relay) or `agoraBackend(…)`
   * (Agora RTM/RTC), or a custom `SupportBackend`. Required unless `transport` is given.
   */
  backend?: SupportBackend;
  /** Where tokens come from. */
  tokenProvider: TokenSource;
  /** Inject a messaging transport (tests); overrides `backend`. Such a client makes call media only when the transport does. */
  transport?: MessagingTransport;
  reconnectPolicy?: ReconnectPolicy;
  /** Outbox persistence; default `localStorage` when present, else memory. */
  storage?: KeyValueStorage | null;
  /**
   * Where the files of queued messages wait until they are stored (so they survive a reload);
   * default IndexedDB when present, else memory (also with `storage: null`).
   */
  fileStore?: OutboxFileStore;
  /** Where files of queued messages are stored; default: the backend's (`relayBackend()`: the relay server's `/uploads`; `agoraBackend()`: none). */
  uploadProvider?: UploadProvider;
  /** Timeout for connect, send and history, ms. Default 10 000. */
  timeoutMs?: number;
  /** Product/order context attached to the customer's conversation. */
  context?: ProductContext;
  /** Call timing (ring, connect and reconnect timeouts; default 45 s, 30 s, 30 s) and `mediaDevices` (default the browser's). */
  calls?: CallOptions;
}

/** Events of `SupportClient`. */
export interface SupportClientEvents {
  state: { state: ConnectionState; error?: SupportError };
  /** A message was added or changed (ack, receipt, failure). */
  message: { conversationId: string; message: ChatMessage; isNew: boolean };
  /** A conversation appeared or its summary changed (agents' queue). */
  conversation: { conversationId: string };
  unread: { conversationId: string; unread: number; total: number };
  typing: TypingEvent;
  receipt: ReceiptEvent;
  presence: { agentsOnline: number };
  signal: SignalEvent;
  /** Staff: the shop's roster changed (`client.desk.agents`). */
  agents: { agents: readonly AgentInfo[] };
  /** The shop's office hours now (`client.relationship.hours`): at each welcome and when it opens or closes. */
  hours: { hours: HoursStatus | undefined };
  /** Staff: a follow-up fell due (`client.desk.followUps()` lists the due ones). */
  followUpDue: { followUp: FollowUp };
  /** The assistant's answer so far while a model writes it (issue 18); its `assistant` message replaces it. */
  assistantDelta: AssistantDelta;
  error: SupportError;
  /**
   * My messages wait because the server cannot store them (`error.code` `storage-full`: they stay
   * `sending` and are retried), or, without `error`, a message was stored again. Fired when that changes.
   */
  held: { error?: SupportError };
}

export interface SendInput {
  body: string;
  /**
   * Idempotency key; default a random id. Posters that may race for the same message (a call's
   * summary from several agents) pass the same key and the server stores it once.
   */
  clientMsgId?: string;
  kind?: MessageKind;
  /** Files already stored. */
  attachments?: Attachment[];
  /**
   * Files to store first (after `attachments`): uploads under way (`UploadJob`, as the composer
   * starts them) or bytes to upload. The message shows at once with their progress and is sent
   * once they are all stored; their bytes wait in the `fileStore` meanwhile (across reloads).
   */
  files?: readonly (UploadJob | PreparedFile)[];
  context?: ProductContext;
}
