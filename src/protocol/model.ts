/**
 * Domain types shared by the browser SDK and the relay server: one source of truth.
 * Everything here is plain JSON-serialisable data.
 */
import type { DeskFields } from './desk.js';
import type { MessageDraft } from './message-draft.js';
import type { ContactInfo, CsatState } from './relationship.js';

/** Who a user is in a conversation. An `admin` is an agent who also manages the shop's desk (canned replies). */
export type Role = 'customer' | 'agent' | 'admin';

/** A user as other members of a conversation see them. */
export interface UserRef {
  id: string;
  name: string;
  role: Role;
}

/**
 * The product and order the customer is looking at. Travels with the conversation so the
 * agent does not have to ask. All fields optional, all plain strings (never rendered as HTML).
 */
export interface ProductContext {
  sku?: string;
  name?: string;
  /** Absolute http(s) URL of a product image. */
  image?: string;
  serial?: string;
  orderId?: string;
  /** Absolute http(s) URL of the product page. */
  url?: string;
}

/**
 * Kinds of message in a thread. `note` (a private note) and `event` (a desk change, body: a
 * `DeskEvent` as JSON) are staff only: the relay never sends them to a customer. `csat` (body: a
 * `CsatQuestion` as JSON) is the relay's satisfaction question, customer-visible, written by it alone.
 * `assistant` (body: an `AssistantReply` as JSON, from `ASSISTANT_USER`) is the relay's assistant
 * answering or handing over (issue 18), customer-visible, written by it alone. `steps` (body: a
 * `GuidedSteps` as JSON) is a checklist staff send and the customer ticks (issue 20), customer-visible.
 */
export type MessageKind = 'text' | 'system' | 'call-summary' | 'note' | 'event' | 'csat' | 'assistant' | 'steps';

/** Kinds of attachment (issue: multimodal messages). */
export type AttachmentKind = 'image' | 'audio' | 'video' | 'file';

/** Typed metadata of an uploaded file attached to a message. */
export interface Attachment {
  id: string;
  kind: AttachmentKind;
  mime: string;
  /** Bytes. */
  size: number;
  name: string;
  url: string;
  width?: number;
  height?: number;
  durationMs?: number;
  posterUrl?: string;
}

/** A message as stored by the server and delivered to members: its draft, numbered, signed and timed. */
export interface WireMessage extends MessageDraft {
  /** Per-conversation sequence number assigned by the server (1, 2, 3...). */
  seq: number;
  from: UserRef;
  /** Server time, ms since epoch. */
  at: number;
}

/** What a member knows about a conversation without loading its messages (staff also get its `DeskFields`). */
export interface ConversationSummary extends DeskFields {
  id: string;
  /** The customer who owns the conversation. */
  customer: { id: string; name: string };
  /** Latest product/order context sent in the conversation. */
  context?: ProductContext;
  lastMessage?: WireMessage;
  /** Highest seq stored (0 when empty). */
  lastSeq: number;
  /** Highest seq each member has read, by user id. */
  readUpTo: Record<string, number>;
  /** Highest seq each member's client has received, by user id. */
  deliveredUpTo: Record<string, number>;
  /** Ms since epoch of the last activity (creation or last message). */
  updatedAt: number;
  /** The customer's contact email for replies by email, when they gave one (issue 17). */
  contact?: ContactInfo;
  /** The satisfaction question, once asked (issue 17). */
  csat?: CsatState;
}

/** A piece of a message around a search match: plain text (render it as text, never as HTML). */
export interface SearchSnippet {
  text: string;
  /** `[start, end)` character offsets in `text` of each match, in order, not overlapping. */
  highlights: Array<[number, number]>;
}

/** One conversation a desk search found (see the `search` frame). */
export interface SearchHit {
  conversation: ConversationSummary;
  /** Its newest message holding the query; absent when the customer's name, email or id matched. */
  message?: { seq: number; at: number; from: UserRef; snippet: SearchSnippet };
}

/** Receipt kinds: delivered to a member's client, or read by the member. */
export type ReceiptKind = 'delivered' | 'read';

/** Call signalling actions, shared by the relay and the Agora backend. */
export type SignalAction =
  | 'invite'
  | 'accept'
  | 'decline'
  | 'cancel'
  | 'busy'
  | 'hangup'
  | 'offer'
  | 'answer'
  | 'ice'
  | 'state'
  /** Freeze-and-draw and the pointer over a call's video (`core/call/call-annotation-ops.ts`). */
  | 'annotate'
  /** In-call camera help: the camera's torch/zoom capabilities, a request to change them, its answer. */
  | 'camera';

/** Coded errors; also used by the SDK's `SupportError`. */
export type ErrorCode =
  | 'bad-json'
  | 'bad-frame'
  | 'frame-too-large'
  | 'rate-limited'
  | 'not-authenticated'
  | 'unauthorized'
  | 'token-expired'
  | 'token-not-yet-valid'
  | 'forbidden'
  /** The relay refuses pages on this origin (`SUPPORT_ALLOWED_ORIGINS` does not list it). */
  | 'origin-not-allowed'
  | 'not-found'
  | 'message-too-large'
  | 'internal'
  | 'network'
  | 'timeout'
  | 'closed'
  | 'upload-too-large'
  | 'unsupported-type'
  | 'media-denied'
  /** The shop deleted this customer (privacy API): their open sockets are closed with it. */
  | 'customer-deleted'
  /** An attachment that is neither an upload of this relay nor on an allowed origin (`SUPPORT_ATTACHMENT_ORIGINS`). */
  | 'attachment-not-allowed'
  | 'no-device'
  /** The camera was refused when video was turned on during a call: the call goes on with voice only. */
  | 'camera-denied'
  | 'config'
  /** The relay cannot write (disk full, I/O errors) or its disk is below the free-space floor; retry later. */
  | 'storage-full'
  /** An upload quota (bytes per hour, bytes not yet attached, uploads at once) is used up; retry later. */
  | 'quota-exceeded'
  /** Too many open connections for this user or address; the socket is closed. */
  | 'too-many-connections'
  /** The conversation changed since the agent saw it (another agent took it first): nothing was changed. */
  | 'conflict'
  /** Not an email address (one `@`, no spaces, at most 254 characters). */
  | 'invalid-email'
  /** Office hours that are impossible (a time that is not `HH:MM`, an unknown time zone, a bad date) or overlap. */
  | 'invalid-hours'
  /** A time that must be in the future is not (a follow-up's `dueAt`). */
  | 'in-the-past'
  /** A CSAT score outside 1–5, or a comment too long. */
  | 'invalid-score'
  /** The satisfaction question was already answered: the first answer stands. */
  | 'already-answered'
  /** The satisfaction question was not asked in this conversation. */
  | 'not-asked';

/** Limits shared by client and server. */
export const LIMITS = {
  /** Max bytes of one inbound WebSocket frame. */
  maxFrameBytes: 64 * 1024,
  /** Max characters of a message body. */
  maxBodyChars: 4000,
  /** Max attachments per message. */
  maxAttachments: 10,
  /** Max length of an id (conversation, clientMsgId, user). */
  maxIdChars: 128,
  /** Max length of a context field. */
  maxContextFieldChars: 512,
  /** Max messages returned by one history request. */
  maxHistoryPage: 200,
  /** Max conversations in an agent's welcome and in one `conversations` page. */
  maxConversationPage: 50,
  /** Max characters of a conversation-page cursor. */
  maxCursorChars: 256,
  /** Max characters of a desk search query. */
  maxSearchChars: 200,
  /** Max conversations one desk search returns (also its default). */
  maxSearchHits: 50,
} as const;
