/**
 * `POST /uploads?conversationId=&name=` stores a file of a conversation (raw bytes as the body);
 * `GET|HEAD /uploads/<id>` serves it back to members of that conversation only, with the relay
 * token as `Authorization: Bearer`, or at a short-lived signed address (`?v=&exp=&sig=`) that
 * `POST /uploads/<id>/url` gives a member (for `<img src>` and links, which send no headers).
 * A token is never taken from the URL.
 * Which origins may call them (CORS) is decided before these routes run (`api-cors.ts`).
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SupportError, isId } from 'support-widget/protocol';
import type { AttachmentKind, TokenClaims } from 'support-widget/protocol';
import { accessConversation } from './access.js';
import type { Viewer } from './access.js';
import { sendJson } from './demo-token.js';
import { errorText } from './log.js';
import type { RelayLog } from './log.js';
import type { SupportStore } from './store.js';
import { verifyToken } from './tokens.js';
import { uploadKind } from './upload-index.js';
import type { UploadRecord } from './upload-index.js';
import { sanitizeUploadName } from './upload-name.js';
import { serveUpload } from './upload-serving.js';
import { UploadUrlSigner } from './upload-url-signing.js';
import { UploadAbortedError, UploadTooLargeError } from './upload-store.js';
import type { ReceivedUpload, UploadFiles } from './upload-store.js';
import { classifyUpload } from './upload-type.js';
import { STORAGE_FULL } from './upload-admission.js';
import type { UploadAdmission } from './upload-admission.js';
import type { UploadTicket } from './upload-quotas.js';
import { isStorageError } from './storage-health.js';

export interface UploadRoutesOptions {
  store: SupportStore;
  files: UploadFiles;
  secret: string;
  /** Longest token lifetime accepted, seconds (`verifyToken`). Default 24 h. */
  maxTokenLifetimeSeconds?: number | undefined;
  maxUploadBytes: number;
  log: RelayLog;
  now?: () => number;
  /** Lifetime of the signed file addresses. Default 10 minutes. */
  urlTtlMs?: number;
  /** Disk floor, quotas, uploads at once and body pace (`upload-admission.ts`); none when absent. */
  admission?: UploadAdmission;
}

/** What `POST /uploads` answers (201). */
export interface UploadResponse {
  id: string;
  url: string;
  mime: string;
  size: number;
  name: string;
  kind: AttachmentKind;
}

/** Handles a request whose path is `/uploads` or below. */
export type UploadRoutes = (req: IncomingMessage, res: ServerResponse, path: string) => Promise<void>;

/** Upload ids: random, URL-safe, never derived from the content. */
export const UPLOAD_ID = /^[A-Za-z0-9_-]{16,64}$/;

const BEARER = /^Bearer\s+(\S+)\s*$/i;

function newUploadId(): string {
  return randomBytes(18).toString('base64url');
}

function viewerOf(claims: TokenClaims): Viewer {
  return {
    user: { id: claims.sub, name: claims.name, role: claims.role },
    shop: claims.shop,
    conversations: claims.role === 'customer' ? new Set(claims.conv ?? []) : undefined,
  };
}

/**
 * A coded JSON error. `Connection: close` when the body may not have been read: Node then stops
 * reading it instead of draining a file we refused.
 */
function fail(res: ServerResponse, status: number, code: string, message: string, closeConnection = false): void {
  const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
  if (closeConnection) headers['Connection'] = 'close';
  if (status === 401) headers['WWW-Authenticate'] = 'Bearer';
  sendJson(res, status, { code, message }, headers);
}

export function createUploadRoutes(options: UploadRoutesOptions): UploadRoutes {
  const { store, files } = options;
  const now = options.now ?? Date.now;
  if (!Number.isSafeInteger(options.maxUploadBytes) || options.maxUploadBytes <= 0) {
    throw new SupportError('config', `maxUploadBytes must be a positive integer, got ${options.maxUploadBytes}`);
  }

  const signer = new UploadUrlSigner(options.secret, options.urlTtlMs);

  /** The bearer token's claims, or undefined after answering 401. `bodyUnread` closes the connection then. */
  function authenticate(req: IncomingMessage, res: ServerResponse, bodyUnread: boolean): TokenClaims | undefined {
    const header = req.headers.authorization;
    const token = header === undefined ? undefined : BEARER.exec(header)?.[1];
    if (token === undefined) {
      fail(res, 401, 'unauthorized', 'a token is required (Authorization: Bearer <token>)', bodyUnread);
      return undefined;
    }
    try {
      return verifyToken(token, options.secret, now(), { maxLifetimeSeconds: options.maxTokenLifetimeSeconds });
    } catch (error) {
      const code = error instanceof SupportError ? error.code : 'unauthorized';
      fail(res, 401, code, error instanceof Error ? error.message : 'invalid token', bodyUnread);
      return undefined;
    }
  }

  /** The upload a member asks about, or undefined after answering 404/403. */
  function visibleUpload(res: ServerResponse, claims: TokenClaims, id: string): UploadRecord | undefined {
    const record = UPLOAD_ID.test(id) ? store.uploads.get(id) : undefined;
    if (record === undefined) return void fail(res, 404, 'not-found', 'no such upload');
    const access = accessConversation(store, viewerOf(claims), record.conversationId, record.shop);
    if (!access.ok) return void fail(res, 403, 'forbidden', 'this upload belongs to a conversation that is not yours');
    return record;
  }

  /** `POST /uploads/<id>/url`: a signed address of the file for this member. */
  function signedUrl(req: IncomingMessage, res: ServerResponse, id: string): void {
    const claims = authenticate(req, res, true);
    if (claims === undefined || visibleUpload(res, claims, id) === undefined) return;
    sendJson(res, 200, signer.sign(id, claims.sub, now()), { 'Cache-Control': 'no-store' });
  }

  /** Refuses a `POST /uploads` and logs it: the code and size, never the file name or bytes. */
  function refuse(res: ServerResponse, status: number, code: string, message: string, size: number | undefined, closeConnection = true): void {
    options.log({ level: 'info', event: 'upload-refused', status, code, size });
    fail(res, status, code, message, closeConnection);
  }

  async function upload(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const declared = Number(req.headers['content-length'] ?? Number.NaN);
    const declaredSize = Number.isSafeInteger(declared) ? declared : undefined;
    const claims = authenticate(req, res, true);
    if (claims === undefined) {
      options.log({ level: 'info', event: 'upload-refused', status: 401, code: 'unauthorized', size: declaredSize });
      return;
    }
    const conversationId = url.searchParams.get('conversationId');
    if (!isId(conversationId)) return refuse(res, 400, 'bad-request', 'conversationId must be a conversation id', declaredSize);
    const access = accessConversation(store, viewerOf(claims), conversationId);
    if (!access.ok) return refuse(res, access.code === 'not-found' ? 404 : 403, access.code, access.message, declaredSize);
    const limit = options.maxUploadBytes;
    if (declared > limit) return refuse(res, 413, 'upload-too-large', `the file is larger than ${limit} bytes`, declaredSize);
    const admitted = await options.admission?.admit(claims, req, declaredSize);
    if (admitted?.ok === false) return refuse(res, admitted.status, admitted.code, admitted.message, declaredSize);
    const ticket = admitted?.ticket;
    try {
      await receive(req, res, url, claims, conversationId, declaredSize, ticket);
    } finally {
      ticket?.finish(); // a no-op once the stored file was handed over
    }
  }

  /** Runs a write of a received upload; a disk that refuses it answers 507 and drops the bytes. */
  async function written(res: ServerResponse, received: ReceivedUpload, write: () => unknown): Promise<boolean> {
    try {
      await write();
      return true;
    } catch (error) {
      const refusal = options.admission?.refusalOf(error) ?? (isStorageError(error) ? STORAGE_FULL : undefined);
      if (refusal === undefined) throw error;
      await files.discard(received);
      refuse(res, refusal.status, refusal.code, refusal.message, received.size, false);
      return false;
    }
  }

  async function receive(req: IncomingMessage, res: ServerResponse, url: URL, claims: TokenClaims, conversationId: string, declaredSize: number | undefined, ticket: UploadTicket | undefined): Promise<void> {
    const limit = options.maxUploadBytes;
    let received: ReceivedUpload;
    try {
      received = await files.receive(req, limit, ticket === undefined ? undefined : options.admission?.receiveOptions(ticket));
    } catch (error) {
      const refusal = options.admission?.refusalOf(error);
      if (refusal !== undefined) return refuse(res, refusal.status, refusal.code, refusal.message, declaredSize);
      if (error instanceof UploadTooLargeError) return refuse(res, 413, 'upload-too-large', error.message, declaredSize);
      if (!(error instanceof UploadAbortedError)) throw error;
      options.log({ level: 'info', event: 'upload-aborted', size: declaredSize });
      res.destroy();
      return;
    }
    const type = classifyUpload(received.head, received.text, req.headers['content-type']);
    if (!type.ok) {
      await files.discard(received);
      return refuse(res, 415, type.code, type.message, received.size, false);
    }
    if (!(await written(res, received, () => files.commit(received)))) return;
    const record: UploadRecord = {
      id: newUploadId(),
      shop: claims.shop,
      conversationId,
      sha256: received.sha256,
      mime: type.mime,
      size: received.size,
      name: sanitizeUploadName(url.searchParams.get('name') ?? ''),
      createdAt: now(),
      uploaderId: claims.sub,
    };
    if (!(await written(res, received, () => store.uploads.insert(record)))) return;
    ticket?.finish({ id: record.id });
    options.log({ level: 'info', event: 'upload-accepted', user: claims.sub, conversation: conversationId, size: record.size, kind: uploadKind(record), mime: record.mime });
    const body: UploadResponse = {
      id: record.id,
      url: `/uploads/${record.id}`,
      mime: record.mime,
      size: record.size,
      name: record.name,
      kind: uploadKind(record),
    };
    sendJson(res, 201, body, { 'Cache-Control': 'no-store', Location: body.url });
  }

  /** The upload a signed address names, or undefined after answering 403/404. */
  function signedUpload(res: ServerResponse, url: URL, id: string): UploadRecord | undefined {
    const check = UPLOAD_ID.test(id) ? signer.check(id, url.searchParams, now()) : undefined;
    if (check !== undefined && !check.ok) return void fail(res, 403, check.code, check.message);
    const record = check === undefined ? undefined : store.uploads.get(id);
    if (record === undefined) return void fail(res, 404, 'not-found', 'no such upload');
    return record;
  }

  async function download(req: IncomingMessage, res: ServerResponse, url: URL, id: string): Promise<void> {
    let record: UploadRecord | undefined;
    if (req.headers.authorization === undefined && url.searchParams.has('token')) {
      return fail(res, 401, 'unauthorized', 'tokens are not accepted in URLs: POST /uploads/<id>/url gives a signed address');
    } else if (req.headers.authorization === undefined && UploadUrlSigner.present(url.searchParams)) {
      record = signedUpload(res, url, id);
    } else {
      const claims = authenticate(req, res, false);
      record = claims === undefined ? undefined : visibleUpload(res, claims, id);
    }
    if (record === undefined) return;
    if (!(await serveUpload(req, res, files.pathOf(record.sha256), record))) {
      options.log({ level: 'error', event: 'upload-missing', upload: record.id, sha256: record.sha256 });
      fail(res, 404, 'not-found', 'no such upload');
    }
  }

  async function route(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? path, 'http://relay.invalid');
    if (path === '/uploads') {
      if (method === 'POST') return upload(req, res, url);
      res.setHeader('Allow', 'POST, OPTIONS');
      return fail(res, 405, 'method-not-allowed', 'use POST', true);
    }
    const id = path.slice('/uploads/'.length);
    if (id.endsWith('/url')) {
      if (method === 'POST') return signedUrl(req, res, id.slice(0, -'/url'.length));
      res.setHeader('Allow', 'POST, OPTIONS');
      return fail(res, 405, 'method-not-allowed', 'use POST', true);
    }
    if (method === 'GET' || method === 'HEAD') return download(req, res, url, id);
    res.setHeader('Allow', 'GET, HEAD, OPTIONS');
    return fail(res, 405, 'method-not-allowed', 'use GET', true);
  }

  return async (req, res, path) => {
    try {
      await route(req, res, path);
    } catch (error) {
      // Logged without the query string: it may hold a token.
      options.log({ level: 'error', event: 'upload-error', method: req.method ?? '?', path, error: errorText(error) });
      if (!res.headersSent) fail(res, 500, 'internal', 'internal error', true);
      else res.destroy();
    }
  };
}
