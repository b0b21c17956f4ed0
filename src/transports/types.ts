/**
 * The two small interfaces every backend implements. Elements never see these; the headless
 * `SupportClient` drives them. Each backend passes the same contract suite (`test/contract/`).
 */
import type { AgentInfo, DeskAction, DeskResult, DeskView } from '../protocol/desk.js';
import type { AckFrame } from '../protocol/frames.js';
import type { AssistantDelta } from '../protocol/assistant.js';
import type { StepsProgress } from '../protocol/guided-steps.js';
import type { MessageDraft } from '../protocol/message-draft.js';
import type {
  ConversationSummary,
  ProductContext,
  SearchHit,
  ReceiptKind,
  SignalAction,
  UserRef,
  WireMessage,
} from '../protocol/model.js';
import type { SupportError } from '../protocol/errors.js';
import type { CustomerAction, CustomerResult, FollowUp, HoursStatus } from '../protocol/relationship.js';

/** What a successful connection tells the client. */
export interface TransportWelcome {
  user: UserRef;
  conversations: ConversationSummary[];
  agentsOnline: number;
  serverTime: number;
  /** Agents on the relay: more of the queue follows `conversationPage(nextCursor)`. */
  nextCursor?: string;
  /** The shop's office hours now (absent: none set, or a backend without them). */
  hours?: HoursStatus;
  /** Customers: the backend can email replies, so the widget may ask for an email. */
  emailOffered?: boolean;
}

/** A page of an agent's conversation queue, most recently active first. */
export interface ConversationPage {
  conversations: ConversationSummary[];
  /** Present when there are more. */
  nextCursor?: string;
}

/** What a desk search found (see the relay's `search` frame). */
export interface SearchResults {
  /** Customers that match first, then conversations by their newest matching message. */
  hits: SearchHit[];
  /** True when the backend did not look at every message (e.g. a query of words under 3 characters). */
  partial: boolean;
}

/** A message the client asks the backend to store and deliver: its draft (build one with `draftOf`). */
export type OutgoingMessage = MessageDraft;

/** The backend's acknowledgement: the message is durably stored with this seq (the relay's `ack` frame without its type). */
export type TransportAck = Omit<AckFrame, 'type'>;

export interface HistoryPage {
  messages: WireMessage[];
  hasMore: boolean;
}

export interface TypingEvent {
  conversationId: string;
  user: UserRef;
  typing: boolean;
}

export interface ReceiptEvent {
  conversationId: string;
  userId: string;
  kind: ReceiptKind;
  upTo: number;
}

export interface PresenceEvent {
  agentsOnline: number;
  user?: UserRef;
  online?: boolean;
}

export interface SignalMessage {
  conversationId: string;
  callId: string;
  action: SignalAction;
  payload?: unknown;
}

export interface SignalEvent extends SignalMessage {
  from: UserRef;
}

/** Why a connection ended. `error` is absent for a clean `disconnect()`. */
export interface TransportClose {
  error?: SupportError;
  /** False when reconnecting cannot help (bad token, forbidden). */
  retryable: boolean;
}

/** Events a messaging transport emits. */
export interface MessagingTransportEvents {
  message: WireMessage;
  typing: TypingEvent;
  receipt: ReceiptEvent;
  presence: PresenceEvent;
  conversation: ConversationSummary;
  signal: SignalEvent;
  /** Staff: the shop's roster changed (presence, load, capacity). */
  agents: AgentInfo[];
  /** The shop opened or closed, or its hours changed (`null`: it has none any more). */
  hours: HoursStatus | null;
  /** Staff: a follow-up fell due (relay only; sent once, when it fires). */
  followUpDue: FollowUp;
  /** The assistant's answer so far while a model writes it (relay only; its message replaces it). */
  assistantDelta: AssistantDelta;
  /** A checklist's steps were ticked (issue 20): its message's new states. */
  steps: StepsProgress;
  /** A non-fatal error the server reported (e.g. rate-limited). */
  error: SupportError;
  /** The connection is gone; the client decides whether and when to reconnect. */
  close: TransportClose;
}

export interface ConnectOptions {
  token: string;
  /** conversationId -> last seq the client has; missed messages follow the welcome. */
  resume: Record<string, number>;
  /** A visitor token to merge into the signed-in customer's conversation (relay only; see docs/identity.md). */
  mergeFrom?: string;
  /** Abort the attempt. */
  signal?: AbortSignal;
  /** Fail with `timeout` after this many ms. */
  timeoutMs?: number;
}

/**
 * One connection attempt at a time. Reconnecting is the client's job (it owns the policy);
 * a transport reports `close` and waits for the next `connect()`.
 */
export interface MessagingTransport {
  readonly backend: 'relay' | 'agora';
  connect(options: ConnectOptions): Promise<TransportWelcome>;
  /** Clean close; emits `close` without an error. */
  disconnect(): void;
  /** Resolves when the backend has stored the message. Rejects with a `SupportError`. */
  send(message: OutgoingMessage, options?: { timeoutMs?: number }): Promise<TransportAck>;
  history(
    conversationId: string,
    options?: { beforeSeq?: number; limit?: number; timeoutMs?: number },
  ): Promise<HistoryPage>;
  /**
   * The next page of an agent's queue after `cursor` (a welcome's or page's `nextCursor`; absent:
   * the first page) in `view` (default `all`); backends whose welcome lists everything omit it.
   */
  conversationPage?(cursor: string | undefined, options?: { limit?: number; timeoutMs?: number; view?: DeskView }): Promise<ConversationPage>;
  /** Staff: one desk action (assign, status, labels, roster, canned replies, profile); backends without a desk (Agora) omit it. */
  desk?(action: DeskAction, options?: { timeoutMs?: number }): Promise<DeskResult>;
  /** Customers: contact email, CSAT answer, their conversations, a new one (issue 17); backends without them (Agora) omit it. */
  customer?(action: CustomerAction, options?: { timeoutMs?: number }): Promise<CustomerResult>;
  /**
   * A checklist's new states, published by the client itself on a backend without a relay to store
   * a tick (Agora: an RTM message kept in history); the relay omits it (ticks are `customer`/`desk` actions there).
   */
  publishSteps?(conversationId: string, seq: number, done: readonly boolean[], options?: { timeoutMs?: number }): Promise<StepsProgress>;
  /** Agents: searches the shop's customers and message text on the backend; backends without server search omit it. */
  search?(query: string, options?: { limit?: number; timeoutMs?: number }): Promise<SearchResults>;
  setTyping(conversationId: string, typing: boolean): void;
  sendReceipt(conversationId: string, kind: ReceiptKind, upTo: number): void;
  setContext(conversationId: string, context: ProductContext): void;
  sendSignal(signal: SignalMessage): Promise<void>;
  on<K extends keyof MessagingTransportEvents>(
    event: K,
    listener: (payload: MessagingTransportEvents[K]) => void,
  ): () => void;
}
