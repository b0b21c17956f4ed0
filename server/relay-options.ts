/**
 * What `createRelayServer` takes: every option with its default. Split from `index.ts` so the
 * server's wiring stays one readable file.
 */
import type { AssistantSettings } from './assistant/assistant-settings.js';
import type { AgoraCredentials } from './agora-tokens.js';
import type { TrustProxy } from './client-address.js';
import type { RelayLog } from './log.js';
import type { RelationshipOptions } from './relationship-options.js';
import type { UploadLimits } from './upload-limits.js';

export interface RelayServerOptions extends RelationshipOptions {
  /** Default 8787; 0 picks a free port (read it back from `port`). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Where the SQLite history and the uploaded files (`uploads/`) live. */
  dataDir: string;
  /** HMAC secret for tokens, at least 32 bytes (else `config` is thrown). Default: random per process (tokens die with it). */
  secret?: string;
  /** Longest token lifetime accepted (`exp - iat`, or `exp` - now without `iat`), seconds. Default 24 h. */
  maxTokenLifetimeSeconds?: number;
  /** Demo mode: serve `POST /demo/token` (anyone signs in) and the demo pages. Default false. */
  demo?: boolean;
  /**
   * Origins of the pages allowed to call the relay from a browser (CORS on the API, `Origin` of
   * the WebSocket), exact, e.g. `['https://shop.example']`. Same-origin and requests without an
   * `Origin` are always allowed. Empty or absent: in demo mode every origin, otherwise none other.
   */
  allowedOrigins?: string[];
  /**
   * Origins attachments may point at besides the relay's own uploads (a shop's storage or CDN),
   * exact, e.g. `['https://cdn.shop.example']`. Any other absolute URL in a send is refused with
   * `attachment-not-allowed` (it would load from a stranger's server in the agent's desk). Default: none.
   */
  attachmentOrigins?: string[];
  /** Directory holding `demo/` and `dist/`. Default: the repository root, or in the installed relay package its `demo/` and the installed `support-widget` package's `dist/`. */
  staticRoot?: string;
  /** Largest file `POST /uploads` accepts, in bytes. Default 25 MiB. */
  maxUploadBytes?: number;
  /** Operational events (start, connections, uploads, errors, shutdown); `jsonLog()` writes them as JSON lines. Default: silent. */
  log?: RelayLog;
  /** Per-connection token bucket. Default 30 frames/s, burst 60. */
  rateLimit?: { perSecond: number; burst: number };
  /** Per-user token bucket shared by all of a user's connections. Default: twice `rateLimit` (60 frames/s, burst 120). */
  userRateLimit?: { perSecond: number; burst: number };
  /** Enables `/privacy/export` and `DELETE /privacy/customers/<id>` for this bearer secret (at least 16 characters). */
  adminToken?: string;
  /**
   * Agora project credentials: `POST /agora/token` then mints RTM/RTC tokens for relay users and the
   * demo pages' CSP allows the Agora SDKs. Absent: `/agora/token` answers 503 `config`.
   */
  agora?: AgoraCredentials & { tokenTtlSeconds?: number };
  /**
   * Anonymous visitors of this shop: `POST /visitor/token` gives a visitor who proves a random key
   * kept in their browser a customer token of their own (docs/identity.md). Default: off.
   */
  anonymousVisitors?: { shop: string };
  /**
   * The desk routes each conversation a customer writes in that nobody has to an online agent
   * under capacity (docs/desk.md). False: conversations wait in `unassigned` until an agent takes
   * them. Default true.
   */
  autoAssign?: boolean;
  /**
   * The assistant that answers customers from the shop's knowledge base before a person joins and
   * hands over when it cannot help (docs/assistant.md). Default: none (`SUPPORT_ASSISTANT` builds one).
   */
  assistant?: AssistantSettings;
  /** Delete messages and uploads older than this many days (at start, then every `retentionSweepIntervalMs`). Default: keep. */
  retentionDays?: number;
  /** Period of the retention sweep. Default 1 hour. */
  retentionSweepIntervalMs?: number;
  /** Invalid or forbidden frames tolerated per connection before closing it with 1008. Default 50. */
  maxInvalidFrames?: number;
  /** Unsent bytes per socket before it is terminated as a slow consumer. Default 4 MiB. */
  maxBufferedBytes?: number;
  /** Time allowed to send a valid hello. Default 10 s. */
  authTimeoutMs?: number;
  /** Ping period; a socket that misses one pong is terminated. Default 30 s. */
  heartbeatIntervalMs?: number;
  /** Open WebSockets per remote address; more are refused (429 `too-many-connections`) before the upgrade. Default 100. */
  maxConnectionsPerIp?: number;
  /** Hellos per remote address (token bucket); more get a fatal `rate-limited` and close 1013. Default 10/s, burst 50. */
  helloRatePerIp?: { perSecond: number; burst: number };
  /** Authenticated sockets per user; the next one gets a fatal `too-many-connections` and close 1013. Default 10. */
  maxSocketsPerUser?: number;
  /** Upload quotas, free-disk floor, body pace and the sweep of files never attached (`upload-limits.ts` has the defaults). */
  uploadLimits?: Partial<UploadLimits>;
  /** Free bytes of `dataDir`'s file system, for the upload floor; default `fs.statfs` (tests pass their own). */
  freeDiskBytes?: (dir: string) => Promise<number>;
  /**
   * Reverse proxies whose `X-Forwarded-For` the per-address limits believe (sockets, hellos,
   * upload quotas, visitor tokens): the nearest N hops, or their addresses. Default `false`: the
   * TCP peer, whatever the header says (`client-address.ts`).
   */
  trustProxy?: TrustProxy;
}
