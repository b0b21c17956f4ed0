import type { TokenProvider } from '../../tokens/types.js';
import { DEFAULT_MAX_UPLOAD_BYTES } from '../../protocol/limits.js';
import { relayUploadProvider } from '../../uploads/relay-upload-provider.js';
import type { UploadProvider } from '../../uploads/types.js';
import type { SupportElement } from '../base.js';
import type { AttachmentOriginsSetting } from './attachment-origins.js';

/** The upload settings an element with a composer offers the page. */
export interface AttachmentSettings {
  /** Where attachments are stored; default: the relay server's `/uploads` (relay backend). */
  uploadProvider?: UploadProvider | undefined;
  /** Largest file accepted, in bytes; default 25 MiB. Keep it at most the server's limit. */
  maxUploadBytes?: number | undefined;
  /** Origins attachments and product images may load from besides the relay (see `originList`). */
  attachmentOrigins?: AttachmentOriginsSetting;
}

/** The page's origin, where the relay also serves when no `server` is set. */
function pageOrigin(): string {
  return typeof location === 'undefined' ? '' : location.origin;
}

/** The relay server files of `element` are stored on and fetched from. */
export function relayServerOf(element: SupportElement): string {
  return element.server || pageOrigin();
}

/** The size limit of `element`: its `maxUploadBytes` when it is a positive number, else 25 MiB. */
export function maxUploadBytesOf(element: SupportElement & AttachmentSettings): number {
  const limit = element.maxUploadBytes;
  return typeof limit === 'number' && Number.isFinite(limit) && limit > 0 ? Math.floor(limit) : DEFAULT_MAX_UPLOAD_BYTES;
}

/**
 * Where an element's attachments go: the page's `uploadProvider`, else (relay backend) the relay
 * server's `/uploads`, authorised by the element's tokens. Memoised per setting, so an upload
 * in flight and the next one share a provider.
 */
export class UploadSource {
  private cached: { key: readonly unknown[]; provider: UploadProvider | undefined } | undefined;

  constructor(
    private readonly element: SupportElement & AttachmentSettings,
    private readonly tokens: () => TokenProvider | undefined,
  ) {}

  /** The provider to upload with, or undefined when the element has none (agora without `uploadProvider`, no tokens). */
  get provider(): UploadProvider | undefined {
    const element = this.element;
    const tokens = this.tokens();
    const server = relayServerOf(element);
    const key = [element.uploadProvider, element.backend, tokens, server, maxUploadBytesOf(element)] as const;
    if (this.cached && this.cached.key.every((value, index) => value === key[index])) return this.cached.provider;
    let provider = element.uploadProvider;
    if (!provider && element.backend !== 'agora' && tokens && server) {
      try {
        provider = relayUploadProvider({ server, tokenProvider: tokens, maxBytes: maxUploadBytesOf(element) });
      } catch {
        provider = undefined; // a malformed `server`: the connection reports it
      }
    }
    this.cached = { key, provider };
    return provider;
  }

  /** The size limit checked before any upload starts. */
  get maxBytes(): number {
    return maxUploadBytesOf(this.element);
  }
}
