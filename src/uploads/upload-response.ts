import { SupportError } from '../protocol/errors.js';
import type { ErrorCode } from '../protocol/model.js';
import { isAttachmentUrl } from '../protocol/attachment-url.js';
import type { PostResult } from './blob-post.js';
import type { UploadedFile } from './types.js';

/** Coded answers of the relay's `/uploads` endpoint that mean the same in the SDK. */
const PASSED_THROUGH: ReadonlySet<string> = new Set<ErrorCode>([
  'upload-too-large',
  'unsupported-type',
  'forbidden',
  'origin-not-allowed',
  'not-found',
  'unauthorized',
  'token-expired',
  'token-not-yet-valid',
  'rate-limited',
  'internal',
  'storage-full',
  'quota-exceeded',
  'timeout',
]);

const KINDS: ReadonlySet<string> = new Set(['image', 'audio', 'video', 'file']);

/** The error code for an HTTP status when the body does not name one. */
function codeOfStatus(status: number): ErrorCode {
  if (status === 413) return 'upload-too-large';
  if (status === 415) return 'unsupported-type';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 429) return 'rate-limited';
  if (status === 507) return 'storage-full';
  if (status === 408) return 'timeout';
  if (status === 502 || status === 503 || status === 504) return 'network';
  if (status >= 500) return 'internal';
  return 'config';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

/** The `SupportError` for a refused upload: the server's code when it gave a known one. */
export function uploadError(result: PostResult): SupportError {
  const body = parseJson(result.text);
  const given = field(body, 'code');
  const code = typeof given === 'string' && PASSED_THROUGH.has(given) ? (given as ErrorCode) : codeOfStatus(result.status);
  const message = field(body, 'message');
  const text = typeof message === 'string' ? message : `the upload failed with HTTP ${result.status}`;
  return new SupportError(code, text);
}

/** The stored file from a 201 answer; `internal` when the answer is not one. */
export function uploadedFile(result: PostResult): UploadedFile {
  const body = parseJson(result.text);
  const [id, url, mime, size, name, kind] = ['id', 'url', 'mime', 'size', 'name', 'kind'].map((key) => field(body, key));
  if (
    typeof id !== 'string' ||
    typeof url !== 'string' ||
    !isAttachmentUrl(url) ||
    typeof mime !== 'string' ||
    typeof size !== 'number' ||
    typeof name !== 'string' ||
    typeof kind !== 'string' ||
    !KINDS.has(kind)
  ) {
    throw new SupportError('internal', 'the upload answer is not a stored file');
  }
  return { id, url, mime, size, name, kind: kind as UploadedFile['kind'] };
}
