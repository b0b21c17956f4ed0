import type { ReactiveControllerHost } from 'lit';
import type { TokenProvider } from '../../../tokens/types.js';
import { resolveUploadUrl } from '../../../uploads/upload-url.js';
import { toHttpUrl } from '../safe-url.js';

/** Ask the token provider again at most this often (it answers from its cache until near expiry). */
const RECHECK_MS = 30_000;
/** After a media element failed to load, ask again no sooner than this. */
const ERROR_RECHECK_MS = 5_000;

export interface MediaUrlOptions {
  /** The relay server stored files are fetched from (http(s) or ws(s)). */
  server(): string;
  /** Tokens for `?token=`; undefined when there are none (a shop's own storage needs none). */
  tokens(): TokenProvider | undefined;
}

/**
 * Turns attachment URLs into addresses `<img>`, `<audio>`, `<video>` and download links can load:
 * relay uploads (`/uploads/<id>`) get the relay's origin and the current token as `?token=`
 * (those elements cannot send headers), absolute http(s) URLs stay as they are, anything else is
 * dropped. The token is fetched asynchronously; until it is in, relay URLs resolve to undefined
 * and the host re-renders once it arrives. An address, once given, stays the same (a new token
 * would reload a playing clip) until a media element reports a failure (e.g. its token expired).
 */
export class MediaUrlResolver {
  private token: string | undefined;
  private provider: TokenProvider | undefined;
  private checkedAt = 0;
  private checking = false;
  private readonly given = new Map<string, string>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: MediaUrlOptions,
  ) {}

  /** The loadable address of an attachment URL, or undefined (not yet, or not allowed). */
  resolve(url: string | undefined): string | undefined {
    if (!url) return undefined;
    if (!url.startsWith('/')) return toHttpUrl(url);
    if (!url.startsWith('/uploads/')) return undefined;
    const tokens = this.options.tokens();
    if (tokens !== this.provider) {
      this.provider = tokens;
      this.token = undefined;
      this.checkedAt = 0;
      this.given.clear();
    }
    if (tokens && Date.now() - this.checkedAt > RECHECK_MS) this.check(tokens);
    const known = this.given.get(url);
    if (known !== undefined) return known;
    if (tokens && this.token === undefined) return undefined;
    const server = this.options.server();
    if (!server) return undefined;
    try {
      const address = resolveUploadUrl(server, url, this.token);
      this.given.set(url, address);
      return address;
    } catch {
      return undefined; // a malformed `server` attribute: nothing to load from
    }
  }

  /** A media element failed to load: its token may have expired, so take the current one from now on. */
  readonly failed = (): void => {
    const tokens = this.provider;
    if (!tokens || Date.now() - this.checkedAt <= ERROR_RECHECK_MS) return;
    // Nothing is handed out until the current token is in, so no address keeps the old one.
    this.given.clear();
    this.token = undefined;
    this.check(tokens);
  };

  private check(tokens: TokenProvider): void {
    if (this.checking) return;
    this.checking = true;
    this.checkedAt = Date.now();
    tokens
      .getToken()
      .then(
        (token) => {
          if (tokens !== this.provider || token === this.token) return;
          this.token = token;
          this.host.requestUpdate();
        },
        () => undefined, // the connection reports token failures; media just stays unloaded
      )
      .finally(() => {
        this.checking = false;
      });
  }
}
