import { SupportError } from '../protocol/errors.js';
import type { TokenProvider } from '../tokens/types.js';
import { postBlob } from './blob-post.js';
import type { PostResult } from './blob-post.js';
import { DEFAULT_MAX_UPLOAD_BYTES } from '../protocol/limits.js';
import type { UploadedFile, UploadOptions, UploadProvider } from './types.js';
import { uploadedFile, uploadError } from './upload-response.js';
import { relayHttpBase } from './upload-url.js';

export interface RelayUploadOptions {
  /** The relay server, http(s) or ws(s) (same value as the transport's `server`). */
  server: string;
  /** The same tokens the relay transport uses. */
  tokenProvider: TokenProvider;
  /** Refuse larger files before sending a byte. Default 25 MiB (the server's default limit). */
  maxBytes?: number;
  /** Longest wait without upload progress; where progress is not observable, the whole request. Default 60 s. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 60_000;

function bodyCode(result: PostResult): string | undefined {
  try {
    const body = JSON.parse(result.text) as { code?: unknown };
    return typeof body.code === 'string' ? body.code : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Uploads to the relay server's `POST /uploads`, authorised by the relay token. Progress is
 * reported in browsers (XMLHttpRequest); with fetch (Node) it is not. An expired token is
 * refreshed once.
 *
 * @example
 * const uploads = relayUploadProvider({ server: 'https://help.example.com', tokenProvider });
 * const file = await uploads.upload(blob, { conversationId, name: 'hinge.jpg', onProgress: (n, total) => bar.value = n / total });
 * client.send({ conversationId, body: '', attachments: [file] });
 */
export function relayUploadProvider(options: RelayUploadOptions): UploadProvider {
  const base = relayHttpBase(options.server);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  async function upload(file: Blob, upload: UploadOptions): Promise<UploadedFile> {
    if (file.size > maxBytes) {
      throw new SupportError('upload-too-large', `the file has ${file.size} bytes; at most ${maxBytes} are accepted`);
    }
    const url = new URL(`${base}/uploads`);
    url.searchParams.set('conversationId', upload.conversationId);
    url.searchParams.set('name', upload.name);
    const post = async (forceRefresh: boolean): Promise<PostResult> => {
      const token = await options.tokenProvider.getToken({ forceRefresh, signal: upload.signal });
      return postBlob({
        url: url.toString(),
        body: file,
        // The server detects the type from the bytes; this only helps it tell audio from video.
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': file.type || 'application/octet-stream' },
        timeoutMs,
        signal: upload.signal,
        onProgress: upload.onProgress,
      });
    };
    let result = await post(false);
    if (result.status === 401 && bodyCode(result) === 'token-expired') result = await post(true);
    if (result.status !== 201 && result.status !== 200) throw uploadError(result);
    return uploadedFile(result);
  }

  return { upload };
}
