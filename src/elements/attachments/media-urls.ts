import type { ReactiveControllerHost } from 'lit';
import type { TokenProvider } from '../../tokens/types.js';
import { isAllowedAttachmentUrl } from '../../protocol/attachment-url.js';
import { requestSignedUploadUrl } from '../../uploads/signed-upload-url.js';
import { relayHttpBase, resolveUploadUrl } from '../../uploads/upload-url.js';
import { toHttpUrl } from '../text/safe-url.js';

/** After a failed request for an address, ask again no sooner than this. */
const RETRY_MS = 5_000;
/** An address this close to its expiry counts as expired when a media element fails. */
const EXPIRY_MARGIN_MS = 30_000;

export interface MediaUrlOptions {
  /** The relay server stored files are fetched from (http(s) or ws(s)). */
  server(): string;
  /** Tokens to ask the relay for signed addresses; undefined when there are none (a shop's own storage needs none). */
  tokens(): TokenProvider | undefined;
  /** Inject a `fetch` (tests); default `globalThis.fetch`. */
  fetch?: typeof fetch;
  /** Origins absolute attachment URLs may load from besides the relay's own (a shop's storage). Default: none. */
  attachmentOrigins?(): readonly string[];
}

interface Entry {
  address?: string;
  expiresAt: number;
  pending: boolean;
  /** When the last request for an address failed (0: never). */
  failedAt: number;
}

/**
 * Turns attachment URLs into addresses `<img>`, `<audio>`, `<video>` and download links can load:
 * a relay upload (`/uploads/<id>`) gets a short-lived address signed by the relay for that one
 * file (asked with the token in a header: the token never goes in a URL), absolute http(s) URLs
 * stay as they are when they are on the relay's origin or one the page allows (never a
 * stranger's: a foreign image in a thread is a tracking pixel on whoever opens it), anything else
 * is dropped. Until a file's address is in, it resolves to
 * undefined and the host re-renders once it arrives. An address, once given, stays the same (a
 * new one would reload a playing clip) until a media element reports a failure after it expired;
 * then expired addresses are asked for again.
 */
export class MediaUrlResolver {
  private provider: TokenProvider | undefined;
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: MediaUrlOptions,
  ) {}

  /** The loadable address of an attachment URL, or undefined (not yet, or not allowed). */
  resolve(url: string | undefined): string | undefined {
    if (!url) return undefined;
    if (!url.startsWith('/')) return this.allowedOrigin(url) ? toHttpUrl(url) : undefined;
    if (!url.startsWith('/uploads/')) return undefined;
    const tokens = this.options.tokens();
    if (tokens !== this.provider) {
      this.provider = tokens;
      this.entries.clear();
    }
    const server = this.options.server();
    if (!server) return undefined;
    if (!tokens) {
      try {
        return resolveUploadUrl(server, url);
      } catch {
        return undefined; // a malformed `server` attribute: nothing to load from
      }
    }
    let entry = this.entries.get(url);
    if (entry === undefined) {
      entry = { expiresAt: 0, pending: false, failedAt: 0 };
      this.entries.set(url, entry);
    }
    if (entry.address === undefined && !entry.pending && Date.now() - entry.failedAt > RETRY_MS) this.ask(url, entry, tokens, server);
    return entry.address;
  }

  /** Whether an absolute URL is on the relay's origin or on one the page allows. */
  private allowedOrigin(url: string): boolean {
    const origins = [...(this.options.attachmentOrigins?.() ?? [])];
    const server = this.options.server();
    try {
      if (server) origins.push(new URL(relayHttpBase(server)).origin);
    } catch {
      // A malformed `server` attribute names no origin.
    }
    return isAllowedAttachmentUrl(url, origins);
  }

  /** A media element failed to load: its address may have expired, so ask again for those that have. */
  readonly failed = (): void => {
    const tokens = this.provider;
    const server = this.options.server();
    if (!tokens || !server) return;
    const soon = Date.now() + EXPIRY_MARGIN_MS;
    for (const [url, entry] of this.entries) {
      if (entry.address !== undefined && entry.expiresAt <= soon && !entry.pending) this.ask(url, entry, tokens, server);
    }
  };

  private ask(url: string, entry: Entry, tokens: TokenProvider, server: string): void {
    entry.pending = true;
    const options = this.options.fetch === undefined ? {} : { fetch: this.options.fetch };
    requestSignedUploadUrl(server, url, tokens, options)
      .then(
        (signed) => {
          if (tokens !== this.provider || this.entries.get(url) !== entry) return;
          entry.address = signed.url;
          entry.expiresAt = signed.expiresAt;
          entry.failedAt = 0;
          this.host.requestUpdate();
        },
        () => {
          entry.failedAt = Date.now(); // the connection reports token failures; media just stays unloaded
        },
      )
      .finally(() => {
        entry.pending = false;
      });
  }
}
