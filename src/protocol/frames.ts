/**
 * Relay wire protocol: JSON frames over one WebSocket, each with a `type`.
 * The server validates every inbound (client) frame; see `validate.ts`.
 */
import type { AgentsFrame, DeskRequestFrame, DeskResponseFrame, DeskView } from './desk.js';
import type { MessageDraft } from './message-draft.js';
import type { AssistantDeltaFrame } from './assistant.js';
import type { StepsFrame } from './guided-steps.js';
import type { CustomerRequestFrame, CustomerResponseFrame, FollowUpDueFrame, HoursFrame, HoursStatus } from './relationship.js';
import type {
  ConversationSummary,
  ErrorCode,
  ProductContext,
  ReceiptKind,
  Role,
  SearchHit,
  SignalAction,
  UserRef,
  WireMessage,
} from './model.js';

// ---- client -> server ----

/** First frame on a connection. `resume` maps conversationId to the last seq the client has. */
export interface HelloFrame {
  type: 'hello';
  token: string;
  resume?: Record<string, number>;
  /**
   * A visitor token the same browser held before signing in: with a `merge` claim in `token`,
   * the relay moves that visitor's conversation into this customer's (once; see docs/identity.md).
   */
  mergeFrom?: string;
}

/** Store and fan out a message (its draft). Idempotent by `clientMsgId`. */
export interface SendFrame extends MessageDraft {
  type: 'send';
}

export interface TypingFrame {
  type: 'typing';
  conversationId: string;
  typing: boolean;
}

/** Client reports that the member has received / read up to `upTo`. */
export interface ReceiptFrame {
  type: 'receipt';
  conversationId: string;
  kind: ReceiptKind;
  upTo: number;
}

/** Page of older messages: seq < beforeSeq (or the latest when omitted), newest last. */
export interface HistoryRequestFrame {
  type: 'history';
  requestId: string;
  conversationId: string;
  beforeSeq?: number;
  limit?: number;
}

/** Update the conversation's product/order context without a message. */
export interface ContextFrame {
  type: 'context';
  conversationId: string;
  context: ProductContext;
}

export interface SignalFrame {
  type: 'signal';
  conversationId: string;
  callId: string;
  action: SignalAction;
  /** Action-specific JSON payload (SDP, ICE candidate, media state...). */
  payload?: unknown;
}

export interface PingFrame {
  type: 'ping';
  id?: string;
}

/**
 * The next page of an agent's conversation queue (most recently active first), after the page
 * that ended at `cursor` (the welcome's or the previous page's `nextCursor`).
 */
export interface ConversationsRequestFrame {
  type: 'conversations';
  requestId: string;
  /** Absent: the first page. */
  cursor?: string;
  /** Default and maximum: `LIMITS.maxConversationPage`. */
  limit?: number;
  /** Which queue (default `all`); a cursor belongs to the view it came from. */
  view?: DeskView;
}

/**
 * Agents: the shop's conversations whose customer (name, email, id) or message text holds
 * `query` (every word of it, any language), answered by a `search` frame. Refused with
 * `bad-frame` when the query is blank, longer than `LIMITS.maxSearchChars` or holds control
 * characters, `forbidden` for customers, `rate-limited` when searched too often.
 */
export interface SearchRequestFrame {
  type: 'search';
  requestId: string;
  query: string;
  /** Default and maximum: `LIMITS.maxSearchHits`. */
  limit?: number;
}

export type ClientFrame =
  | HelloFrame
  | SendFrame
  | TypingFrame
  | ReceiptFrame
  | HistoryRequestFrame
  | ContextFrame
  | SignalFrame
  | PingFrame
  | ConversationsRequestFrame
  | SearchRequestFrame
  | DeskRequestFrame
  | CustomerRequestFrame;

// ---- server -> client ----

export interface WelcomeFrame {
  type: 'welcome';
  user: UserRef;
  /** Conversations this user may see (a customer: their own, created on demand). */
  conversations: ConversationSummary[];
  /** Number of agents currently online (for the customer's header). */
  agentsOnline: number;
  serverTime: number;
  /**
   * Agents: the queue is paged (at most `LIMITS.maxConversationPage` conversations, most recently
   * active first); present when there are more, to ask for with a `conversations` frame.
   */
  nextCursor?: string;
  /** The shop's office hours now (absent: the shop set none). Changes come as `hours` frames. */
  hours?: HoursStatus;
  /** Customers: true when the relay can email replies (SMTP configured), so the widget may ask for an email. */
  emailOffered?: boolean;
}

/** The message is stored: where (its seq) and when, named by its draft's ids. */
export interface AckFrame extends Pick<WireMessage, 'clientMsgId' | 'conversationId' | 'seq' | 'at'> {
  type: 'ack';
}

export interface MessageFrame extends WireMessage {
  type: 'message';
}

export interface TypingEventFrame {
  type: 'typing';
  conversationId: string;
  user: UserRef;
  typing: boolean;
}

export interface ReceiptEventFrame {
  type: 'receipt';
  conversationId: string;
  userId: string;
  kind: ReceiptKind;
  upTo: number;
}

export interface PresenceFrame {
  type: 'presence';
  agentsOnline: number;
  user?: UserRef;
  online?: boolean;
}

/** A conversation appeared or changed (agents receive this for their queue). */
export interface ConversationFrame {
  type: 'conversation';
  conversation: ConversationSummary;
}

export interface HistoryResponseFrame {
  type: 'history';
  requestId: string;
  conversationId: string;
  messages: WireMessage[];
  hasMore: boolean;
}

/** Answer to a `conversations` request: the next page, and a cursor when there are more. */
export interface ConversationsPageFrame {
  type: 'conversations';
  requestId: string;
  conversations: ConversationSummary[];
  nextCursor?: string;
}

/**
 * Answer to a `search` request: customers that match first, then conversations by their newest
 * matching message. `partial` when not every message was looked at (a query whose words are all
 * shorter than 3 characters searches the relay's most recent messages only).
 */
export interface SearchResultsFrame {
  type: 'search';
  requestId: string;
  hits: SearchHit[];
  partial?: boolean;
}

export interface SignalEventFrame {
  type: 'signal';
  conversationId: string;
  callId: string;
  action: SignalAction;
  from: UserRef;
  payload?: unknown;
}

export interface ErrorFrame {
  type: 'error';
  code: ErrorCode;
  message: string;
  /** The clientMsgId / requestId the error refers to, when there is one. */
  ref?: string;
  /** True when the server closes the connection after this frame. */
  fatal?: boolean;
  /** Set when the server knows whether trying again later may succeed (e.g. `storage-full`: true). */
  retryable?: boolean;
}

export interface PongFrame {
  type: 'pong';
  id?: string;
  serverTime: number;
}

export type ServerFrame =
  | WelcomeFrame
  | AckFrame
  | MessageFrame
  | TypingEventFrame
  | ReceiptEventFrame
  | PresenceFrame
  | ConversationFrame
  | HistoryResponseFrame
  | SignalEventFrame
  | ErrorFrame
  | PongFrame
  | ConversationsPageFrame
  | SearchResultsFrame
  | DeskResponseFrame
  | AgentsFrame
  | CustomerResponseFrame
  | HoursFrame
  | FollowUpDueFrame
  | AssistantDeltaFrame
  | StepsFrame;

/** Claims inside a relay token (HMAC-signed). */
export interface TokenClaims {
  /** User id. */
  sub: string;
  name: string;
  role: Role;
  /** Shop (tenant) id; agents see only their shop's conversations. */
  shop: string;
  /** Conversations a customer may reach. Agents: omitted (the whole shop queue). */
  conv?: string[];
  /** Expiry, seconds since epoch. */
  exp: number;
  /** Issued at, seconds since epoch; the relay refuses tokens issued more than 60 s in its future. */
  iat?: number;
  /** The customer's email, as the shop knows it (at most 254 characters). */
  email?: string;
  /** Set by the shop: this sign-in may merge the browser's visitor conversation (`hello.mergeFrom`). */
  merge?: true;
}
