#!/usr/bin/env node
/**
 * `support-widget-relay serve [--demo]`: runs the relay server configured from the environment.
 *
 * Production mode by default: tokens come from the shop's backend (`signToken` with the same
 * secret); no demo sign-in, no demo pages. `--demo` (or `SUPPORT_DEMO`) turns on `POST /demo/token`,
 * where anyone can sign in, and the product page and agent desk (`npm start` runs with `--demo`).
 *
 *   PORT            default 8787 (0 picks a free port; the first line printed tells which)
 *   HOST            default 127.0.0.1 (set 0.0.0.0 to accept other machines)
 *   DATA_DIR        default ./.support-data (SQLite history, uploads, the demo mode's generated secret)
 *   SUPPORT_SECRET  token HMAC secret, at least 32 bytes (make one: openssl rand -hex 32); required
 *                   outside demo mode. Demo mode refuses it (it signs anyone in with its secret) and
 *                   generates its own once into DATA_DIR/secret
 *   SUPPORT_SECRET_FILE  a file holding the secret instead (e.g. a mounted Docker/Kubernetes secret)
 *   SUPPORT_DEMO    demo mode, as --demo: 1/true/yes/on or 0/false/no/off (default off)
 *   SUPPORT_ALLOWED_ORIGINS  comma-separated origins of the shop pages that may use the relay from a
 *                   browser, e.g. https://shop.example,http://127.0.0.1:5173. Unset: same-origin only
 *                   (demo mode: any origin)
 *   SUPPORT_RATE_PER_SECOND, SUPPORT_RATE_BURST  per-connection frame rate limit (30, 60)
 *   SUPPORT_USER_RATE_PER_SECOND, SUPPORT_USER_RATE_BURST  per-user limit across connections (twice the per-connection one)
 *   SUPPORT_MAX_INVALID_FRAMES  invalid frames tolerated per connection before closing it (50)
 *   SUPPORT_MAX_BUFFERED_BYTES  unsent bytes per socket before it is dropped as a slow reader (4194304)
 *   SUPPORT_MAX_UPLOAD_BYTES  largest accepted upload in bytes, default 26214400 (25 MiB)
 *   SUPPORT_UPLOAD_*, SUPPORT_MIN_FREE_DISK_BYTES, SUPPORT_UNATTACHED_UPLOAD_TTL_SECONDS  upload quotas,
 *                   free-disk floor, body pace and the sweep of unattached files (docs/server.md)
 *   SUPPORT_MAX_CONNECTIONS_PER_IP, SUPPORT_HELLO_RATE_PER_IP, SUPPORT_HELLO_BURST_PER_IP,
 *   SUPPORT_MAX_SOCKETS_PER_USER  sockets and hellos per address, sockets per user (100; 10/s, 50; 10)
 *   SUPPORT_TRUST_PROXY  reverse proxies whose X-Forwarded-For those per-address limits believe:
 *                   a number of hops or the proxies' addresses, comma-separated; default none
 *   SUPPORT_RETENTION_DAYS  delete messages and uploads older than this many days (default: keep)
 *   SUPPORT_ADMIN_TOKEN  enables the privacy API (export/delete a customer) for this bearer secret
 *   AGORA_APP_ID, AGORA_APP_CERTIFICATE  enable POST /agora/token (Agora tokens for relay users)
 *   SUPPORT_ANONYMOUS_SHOP  enables POST /visitor/token: anonymous visitors of this shop id get
 *                   customer tokens of their own (docs/identity.md); default off
 *   SUPPORT_ATTACHMENT_ORIGINS  comma-separated origins attachments may point at besides the relay's
 *                   uploads (a shop's storage); default none
 *   SUPPORT_MAX_TOKEN_LIFETIME_SECONDS  longest token lifetime accepted (exp - iat, or exp - now); 86400
 *   SUPPORT_ASSISTANT  off | kb | llm: the assistant that answers before a person joins (default: kb
 *                   when SUPPORT_ASSISTANT_KB is set, and in demo mode on demo/kb; else off);
 *                   SUPPORT_ASSISTANT_KB, _URL, _KEY, _MODEL, _THRESHOLD, _TIMEOUT_MS (docs/assistant.md)
 *
 * Output: the startup lines on stdout (the first is always `support-widget relay listening on
 * http://localhost:PORT`); events as JSON lines on stderr. A configuration mistake is one plain
 * line on stderr, `support-widget-relay: …`, and exit code 1.
 */
import { serveConfig } from './cli-config.js';
import type { ServeConfig } from './cli-config.js';
import { createRelayServer } from './index.js';
import type { RelayServer } from './index.js';
import { errorText, jsonLog } from './log.js';
import type { RelayLog } from './log.js';

const USAGE = 'usage: support-widget-relay serve [--demo]   (configured by PORT, HOST, DATA_DIR, SUPPORT_SECRET, SUPPORT_ALLOWED_ORIGINS, ...)';
const SHUTDOWN_TIMEOUT_MS = 10_000;

function stopOnSignals(relay: RelayServer, log: RelayLog): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    log({ level: 'info', event: 'signal', signal });
    setTimeout(() => process.exit(1), SHUTDOWN_TIMEOUT_MS).unref();
    relay.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log({ level: 'error', event: 'shutdown-failed', error: errorText(error) });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

/** The lines printed once listening; the first one is parsed by scripts and tests. */
function startupLines(config: ServeConfig, port: number): string[] {
  const base = `http://localhost:${port}`;
  const lines = [`support-widget relay listening on ${base}`];
  if (config.demo) {
    lines.push('  mode: demo (anyone can sign in at POST /demo/token; do not expose it to the internet)');
    lines.push(`  product page: ${base}/`, `  agent desk:   ${base}/agent/`);
  } else {
    lines.push('  mode: production (tokens from your backend; demo sign-in and pages are off)');
  }
  if (config.allowedOrigins.length > 0) lines.push(`  allowed origins: ${config.allowedOrigins.join(', ')}`);
  else if (!config.demo) lines.push('  warning: cross-origin pages are refused until SUPPORT_ALLOWED_ORIGINS is set');
  if (config.agora !== undefined) lines.push(`  Agora tokens: POST /agora/token (App ID ${config.agora.appId.slice(0, 6)}…)`);
  return lines;
}

async function serve(args: readonly string[]): Promise<void> {
  const config = serveConfig(args);
  const log = jsonLog();
  const relay = await createRelayServer({ ...config, log });
  stopOnSignals(relay, log);
  for (const line of startupLines(config, relay.port)) console.log(line);
}

const [command, ...args] = process.argv.slice(2);
if (command === 'serve') {
  serve(args).catch((error: unknown) => {
    const message = errorText(error);
    console.error(`support-widget-relay: ${message.split('\n')[0] ?? ''}`);
    process.exit(1);
  });
} else {
  console.error(USAGE);
  process.exit(command === undefined || command === '--help' || command === '-h' ? 0 : 2);
}
