/**
 * The draft of a message: what its author writes, declared once. Every hop's shape extends it
 * (the outbox entry, the transport's `send` argument, the `send` frame, the relay's stored
 * message, the Agora envelope, `WireMessage`, the client's `ChatMessage`), `draftOf` is the one
 * copy of its fields from one hop's shape to the next, and `draftProblem` the one rule for its
 * content, applied by the client before it queues a message and by the relay on every `send`.
 */
import { LIMITS } from './model.js';
import type { Attachment, ErrorCode, MessageKind, ProductContext } from './model.js';

/** A message as its author writes it, before any backend has stored it. */
export interface MessageDraft {
  /** Client-generated id that makes sending idempotent (a resend gets the same seq). */
  clientMsgId: string;
  conversationId: string;
  kind: MessageKind;
  body: string;
  /** Stored files; never an empty list (`draftOf` drops one). */
  attachments?: Attachment[];
  /** The product/order the customer is looking at (customers only). */
  context?: ProductContext;
}

/**
 * The draft inside any shape that extends it, with its fields only (an outbox entry's `at` and
 * `files`, a frame's `type`, a stored message's `seq` and `from` are left behind) and without an
 * empty attachment list.
 *
 * @example
 * const frame: SendFrame = { type: 'send', ...draftOf(entry) };
 */
export function draftOf({ clientMsgId, conversationId, kind, body, attachments, context }: MessageDraft): MessageDraft {
  return { clientMsgId, conversationId, kind, body, ...(attachments?.length ? { attachments } : {}), ...(context ? { context } : {}) };
}

/** Why a draft cannot be sent: the code and message the client and the relay both give. */
export interface DraftProblem {
  code: ErrorCode;
  message: string;
}

/** C0 control characters but tab, line feed and carriage return, and DEL: never part of a message a person typed. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;

/**
 * The one rule for a message's content: a body of at most `LIMITS.maxBodyChars` characters
 * without control characters (tab, line feed and carriage return are text), at most
 * `LIMITS.maxAttachments` attachments, and not blank unless something is attached.
 * `attachments` counts the files too (stored or still to store). Undefined when it may be sent.
 * (Terse: this runs in the launcher, whose bytes are budgeted.)
 *
 * @example
 * const problem = draftProblem(input.body, input.attachments?.length ?? 0);
 * if (problem) throw new SupportError(problem.code, problem.message, { retryable: false });
 */
export function draftProblem(body: string, attachments: number): DraftProblem | undefined {
  if (body.length > LIMITS.maxBodyChars) return { code: 'message-too-large', message: 'body too long' };
  if (CONTROL_CHARACTERS.test(body)) return { code: 'bad-frame', message: 'control character in body' };
  if (attachments > LIMITS.maxAttachments) return { code: 'bad-frame', message: 'too many attachments' };
  if (!attachments && !body.trim()) return { code: 'bad-frame', message: 'empty message' };
  return undefined;
}
