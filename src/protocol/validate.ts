/**
 * Hand-written validators for inbound (client -> server) relay frames. DOM-free and
 * dependency-free so the browser can reuse them. Every accepted frame is rebuilt from its
 * known fields only: unknown fields are dropped, never stored or relayed.
 *
 * Kinds: the validator accepts every `MessageKind` but `event` (written by the relay alone); who
 * may send which kind is a question of role, answered by the server (customers: `text` only;
 * staff: `text`, `system`, `call-summary`, `note`, `steps`; a `steps` body must be a checklist).
 */
import type {
  ClientFrame,
  ContextFrame,
  ConversationsRequestFrame,
  HelloFrame,
  HistoryRequestFrame,
  PingFrame,
  ReceiptFrame,
  SearchRequestFrame,
  SendFrame,
  SignalFrame,
  TypingFrame,
} from './frames.js';
import { LIMITS } from './model.js';
import { isAttachmentUrl } from './attachment-url.js';
import { draftProblem } from './message-draft.js';
import { parseStepsBody } from './validate-steps.js';
import { searchQueryProblem } from './search-query.js';
import type { DeskView } from './desk.js';
import { parseDesk } from './validate-desk.js';
import { parseContext } from './validate-context.js';
import { parseCustomer } from './validate-relationship.js';
import {
  InvalidFrame,
  asObject,
  fail,
  isId,
  isObject,
  optionalInt,
  optionalOneOf,
  optionalString,
  requireId,
  requireInt,
  requireOneOf,
  requireString,
  type JsonObject,
} from './validate-fields.js';
import type {
  Attachment,
  AttachmentKind,
  ErrorCode,
  MessageKind,
  ReceiptKind,
  SignalAction,
} from './model.js';

/** Result of `parseClientFrame`: the clean frame, or a coded reason (with the frame's clientMsgId/requestId as `ref`). */
export type ParseResult =
  | { ok: true; frame: ClientFrame }
  | { ok: false; code: ErrorCode; message: string; ref?: string };

// Moved to modules of their own (see attachment-url.ts, validate-fields.ts); re-exported for existing imports.
export { isAllowedAttachmentUrl, isAttachmentUrl, isHttpUrl } from './attachment-url.js';
export { isId } from './validate-fields.js';
export { parseContext } from './validate-context.js';
export { normalizeLabel } from './validate-desk.js';
export { isContactEmail } from './validate-relationship.js';
export { isIsoDate, isTimeZone, minutesOf, parseOfficeHours } from './validate-hours.js';

const MIME_PATTERN = /^[A-Za-z0-9!#$&^_.+-]+\/[A-Za-z0-9!#$&^_.+-]+$/;
const MAX_TOKEN_CHARS = 8192;
const MAX_NAME_CHARS = 255;
const MAX_RESUME_ENTRIES = 1000;

/** What a client may send; `event` is the relay's alone, and `note` the relay lets staff send only. */
const MESSAGE_KINDS: readonly MessageKind[] = ['text', 'system', 'call-summary', 'note', 'steps'];
const ATTACHMENT_KINDS: readonly AttachmentKind[] = ['image', 'audio', 'video', 'file'];
const RECEIPT_KINDS: readonly ReceiptKind[] = ['delivered', 'read'];
const SIGNAL_ACTIONS: readonly SignalAction[] = [
  'invite', 'accept', 'decline', 'cancel', 'busy', 'hangup', 'offer', 'answer', 'ice', 'state', 'annotate', 'camera',
];
const DESK_VIEWS: readonly DeskView[] = ['mine', 'unassigned', 'all'];

function parseAttachment(value: unknown): Attachment {
  const o = asObject(value, 'attachment');
  const url = requireString(o, 'url', 2048);
  if (!isAttachmentUrl(url)) fail('attachment.url must be http(s) or /uploads/...');
  const mime = requireString(o, 'mime', MAX_NAME_CHARS);
  if (!MIME_PATTERN.test(mime)) fail('attachment.mime must be type/subtype');
  const attachment: Attachment = {
    id: requireId(o, 'id'),
    kind: requireOneOf(o, 'kind', ATTACHMENT_KINDS),
    mime,
    size: requireInt(o, 'size', 0),
    name: requireString(o, 'name', MAX_NAME_CHARS),
    url,
  };
  const width = optionalInt(o, 'width', 0);
  const height = optionalInt(o, 'height', 0);
  const durationMs = optionalInt(o, 'durationMs', 0);
  const posterUrl = optionalString(o, 'posterUrl', 2048);
  if (width !== undefined) attachment.width = width;
  if (height !== undefined) attachment.height = height;
  if (durationMs !== undefined) attachment.durationMs = durationMs;
  if (posterUrl !== undefined) {
    if (!isAttachmentUrl(posterUrl)) fail('attachment.posterUrl must be http(s) or /uploads/...');
    attachment.posterUrl = posterUrl;
  }
  return attachment;
}

function parseHello(o: JsonObject): HelloFrame {
  const token = requireString(o, 'token', MAX_TOKEN_CHARS);
  if (token.length === 0) fail('token must not be empty');
  const frame: HelloFrame = { type: 'hello', token };
  if (o['resume'] !== undefined) {
    const resume = asObject(o['resume'], 'resume');
    const entries = Object.entries(resume);
    if (entries.length > MAX_RESUME_ENTRIES) fail(`resume has more than ${MAX_RESUME_ENTRIES} entries`);
    const clean: Record<string, number> = {};
    for (const [conversationId, lastSeq] of entries) {
      if (!isId(conversationId)) fail('resume keys must be conversation ids');
      if (typeof lastSeq !== 'number' || !Number.isInteger(lastSeq) || lastSeq < 0) {
        fail('resume values must be integers >= 0');
      }
      clean[conversationId] = lastSeq;
    }
    frame.resume = clean;
  }
  const mergeFrom = optionalString(o, 'mergeFrom', MAX_TOKEN_CHARS);
  if (mergeFrom !== undefined) {
    if (mergeFrom.length === 0) fail('mergeFrom must not be empty');
    frame.mergeFrom = mergeFrom;
  }
  return frame;
}

/** A send: its ids and kind, the draft's content rule (`draftProblem`, as the client applies it), then each attachment's and the context's shape. */
function parseSend(o: JsonObject): SendFrame {
  const clientMsgId = requireId(o, 'clientMsgId');
  const conversationId = requireId(o, 'conversationId');
  const kind = requireOneOf(o, 'kind', MESSAGE_KINDS);
  const { body, attachments: list, context } = o;
  if (typeof body !== 'string') fail('body must be a string');
  if (list !== undefined && !Array.isArray(list)) fail('attachments must be an array');
  const problem = draftProblem(body, list?.length ?? 0);
  if (problem !== undefined) fail(problem.message, problem.code);
  // A checklist is rebuilt from its known fields, as every frame is.
  const frame: SendFrame = { type: 'send', clientMsgId, conversationId, kind, body: kind === 'steps' ? JSON.stringify(parseStepsBody(body)) : body };
  if (list !== undefined && list.length > 0) frame.attachments = list.map(parseAttachment);
  if (context !== undefined) frame.context = parseContext(context);
  return frame;
}

function parseTyping(o: JsonObject): TypingFrame {
  if (typeof o['typing'] !== 'boolean') fail('typing must be a boolean');
  return { type: 'typing', conversationId: requireId(o, 'conversationId'), typing: o['typing'] };
}

function parseReceipt(o: JsonObject): ReceiptFrame {
  return {
    type: 'receipt',
    conversationId: requireId(o, 'conversationId'),
    kind: requireOneOf(o, 'kind', RECEIPT_KINDS),
    upTo: requireInt(o, 'upTo', 0),
  };
}

function parseHistory(o: JsonObject): HistoryRequestFrame {
  const frame: HistoryRequestFrame = {
    type: 'history',
    requestId: requireId(o, 'requestId'),
    conversationId: requireId(o, 'conversationId'),
  };
  const beforeSeq = optionalInt(o, 'beforeSeq', 1);
  const limit = optionalInt(o, 'limit', 1, LIMITS.maxHistoryPage);
  if (beforeSeq !== undefined) frame.beforeSeq = beforeSeq;
  if (limit !== undefined) frame.limit = limit;
  return frame;
}

function parseContextFrame(o: JsonObject): ContextFrame {
  return { type: 'context', conversationId: requireId(o, 'conversationId'), context: parseContext(o['context']) };
}

function parseSignal(o: JsonObject): SignalFrame {
  const frame: SignalFrame = {
    type: 'signal',
    conversationId: requireId(o, 'conversationId'),
    callId: requireId(o, 'callId'),
    action: requireOneOf(o, 'action', SIGNAL_ACTIONS),
  };
  if (o['payload'] !== undefined) frame.payload = o['payload'];
  return frame;
}

function parsePing(o: JsonObject): PingFrame {
  const frame: PingFrame = { type: 'ping' };
  const id = optionalString(o, 'id', LIMITS.maxIdChars);
  if (id !== undefined) frame.id = id;
  return frame;
}

/** Cursors are opaque to clients: the relay makes them base64url. */
const CURSOR_PATTERN = /^[A-Za-z0-9_-]+$/;

/** A page of the queue: the first (no cursor) or the one after a cursor the relay gave, of one view. */
function parseConversations(o: JsonObject): ConversationsRequestFrame {
  const frame: ConversationsRequestFrame = { type: 'conversations', requestId: requireId(o, 'requestId') };
  const cursor = optionalString(o, 'cursor', LIMITS.maxCursorChars);
  if (cursor !== undefined) {
    if (!CURSOR_PATTERN.test(cursor)) fail('cursor must be a cursor the relay gave');
    frame.cursor = cursor;
  }
  const view = optionalOneOf(o, 'view', DESK_VIEWS);
  if (view !== undefined) frame.view = view;
  const limit = optionalInt(o, 'limit', 1, LIMITS.maxConversationPage);
  if (limit !== undefined) frame.limit = limit;
  return frame;
}

/** A desk search: its query must pass `searchQueryProblem` (as the client checks it before sending). */
function parseSearch(o: JsonObject): SearchRequestFrame {
  const frame: SearchRequestFrame = { type: 'search', requestId: requireId(o, 'requestId'), query: requireString(o, 'query', LIMITS.maxSearchChars) };
  const problem = searchQueryProblem(frame.query);
  if (problem !== undefined) fail(problem);
  const limit = optionalInt(o, 'limit', 1, LIMITS.maxSearchHits);
  if (limit !== undefined) frame.limit = limit;
  return frame;
}

const PARSERS: Record<ClientFrame['type'], (o: JsonObject) => ClientFrame> = {
  hello: parseHello,
  send: parseSend,
  typing: parseTyping,
  receipt: parseReceipt,
  history: parseHistory,
  context: parseContextFrame,
  signal: parseSignal,
  ping: parsePing,
  conversations: parseConversations,
  search: parseSearch,
  desk: parseDesk,
  customer: parseCustomer,
};

/** The id an error about this frame should carry: clientMsgId for send, requestId for history, conversations, search, desk and customer. */
function refOf(o: JsonObject): string | undefined {
  const ref = o['type'] === 'send' ? o['clientMsgId'] : ['history', 'conversations', 'search', 'desk', 'customer'].includes(String(o['type'])) ? o['requestId'] : undefined;
  return isId(ref) ? ref : undefined;
}

function byteLength(raw: string | Uint8Array): number {
  if (typeof raw !== 'string') return raw.byteLength;
  // Each UTF-16 unit is at most 3 UTF-8 bytes: skip encoding when that bound already fits.
  return raw.length * 3 <= LIMITS.maxFrameBytes ? raw.length : new TextEncoder().encode(raw).byteLength;
}

function decode(raw: string | Uint8Array): string | undefined {
  if (typeof raw === 'string') return raw;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    return undefined;
  }
}

/**
 * Parses and validates one inbound frame (a `Buffer` is a `Uint8Array`).
 *
 * @example
 * const result = parseClientFrame(data);
 * if (!result.ok) socket.send(JSON.stringify({ type: 'error', code: result.code, message: result.message, ref: result.ref }));
 */
export function parseClientFrame(raw: string | Uint8Array): ParseResult {
  if (byteLength(raw) > LIMITS.maxFrameBytes) {
    return { ok: false, code: 'frame-too-large', message: `frame is larger than ${LIMITS.maxFrameBytes} bytes` };
  }
  const text = decode(raw);
  let value: unknown;
  try {
    if (text === undefined) throw new Error('invalid UTF-8');
    value = JSON.parse(text);
  } catch {
    return { ok: false, code: 'bad-json', message: 'frame is not valid JSON' };
  }
  if (!isObject(value)) return { ok: false, code: 'bad-frame', message: 'frame must be a JSON object' };
  const type = value['type'];
  const parser = typeof type === 'string' && Object.hasOwn(PARSERS, type) ? PARSERS[type as ClientFrame['type']] : undefined;
  if (parser === undefined) return { ok: false, code: 'bad-frame', message: 'unknown frame type' };
  try {
    return { ok: true, frame: parser(value) };
  } catch (error) {
    if (!(error instanceof InvalidFrame)) throw error;
    const ref = refOf(value);
    return ref === undefined
      ? { ok: false, code: error.code, message: error.message }
      : { ok: false, code: error.code, message: error.message, ref };
  }
}
