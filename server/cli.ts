#!/usr/bin/env node
/**
 * `support-widget serve`: runs the relay server configured from the environment.
 *
 *   PORT            default 8787 (0 picks a free port; the first line printed tells which)
 *   HOST            default 127.0.0.1 (set 0.0.0.0 to accept other machines)
 *   DATA_DIR        default ./.support-data (SQLite history, generated secret)
 *   SUPPORT_SECRET  token HMAC secret; default: generated once into DATA_DIR/secret
 *   SUPPORT_DEMO    demo token endpoint, default on; '0' turns it off
 *   SUPPORT_RATE_PER_SECOND, SUPPORT_RATE_BURST  per-connection frame rate limit (30, 60)
 *   SUPPORT_USER_RATE_PER_SECOND, SUPPORT_USER_RATE_BURST  per-user limit across connections (twice the per-connection one)
 *   SUPPORT_MAX_INVALID_FRAMES  invalid frames tolerated per connection before closing it (50)
 *   SUPPORT_MAX_BUFFERED_BYTES  unsent bytes per socket before it is dropped as a slow reader (4194304)
 *   SUPPORT_MAX_UPLOAD_BYTES  largest accepted upload in bytes, default 26214400 (25 MiB)
 *   SUPPORT_RETENTION_DAYS  delete messages and uploads older than this many days (default: keep)
 *   SUPPORT_ADMIN_TOKEN  enables the privacy API (export/delete a customer) for this bearer secret
 *   AGORA_APP_ID, AGORA_APP_CERTIFICATE  enable POST /agora/token (Agora tokens for relay users)
 */
import { resolve } from 'node:path';
import { DEFAULT_MAX_UPLOAD_BYTES } from 'support-widget/protocol';
import { agoraCredentialsFromEnv } from './agora-tokens.js';
import { createRelayServer } from './index.js';
import type { RelayServer } from './index.js';
import { loadOrCreateSecret } from './secret-file.js';

const USAGE = 'usage: support-widget serve   (configured by PORT, HOST, DATA_DIR, SUPPORT_SECRET, SUPPORT_DEMO)';
const SHUTDOWN_TIMEOUT_MS = 10_000;

function positiveNumber(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got ${text}`);
  return value;
}

function portFromEnv(): number {
  const text = process.env['PORT'] ?? '';
  if (text === '') return 8787;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be 0-65535, got ${text}`);
  return port;
}

function stopOnSignals(relay: RelayServer): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    console.error(`support-widget relay: ${signal}, shutting down`);
    setTimeout(() => process.exit(1), SHUTDOWN_TIMEOUT_MS).unref();
    relay.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`support-widget relay: shutdown failed: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

async function serve(): Promise<void> {
  const dataDir = resolve(process.env['DATA_DIR'] || './.support-data');
  const retentionDays = process.env['SUPPORT_RETENTION_DAYS'] ? positiveNumber('SUPPORT_RETENTION_DAYS', 0) : undefined;
  const adminToken = process.env['SUPPORT_ADMIN_TOKEN'] ?? '';
  const agora = agoraCredentialsFromEnv();
  if (typeof agora === 'string') throw new Error(agora);
  const rateLimit = { perSecond: positiveNumber('SUPPORT_RATE_PER_SECOND', 30), burst: positiveNumber('SUPPORT_RATE_BURST', 60) };
  const relay = await createRelayServer({
    port: portFromEnv(),
    host: process.env['HOST'] || '127.0.0.1',
    dataDir,
    secret: process.env['SUPPORT_SECRET'] || loadOrCreateSecret(dataDir),
    demo: process.env['SUPPORT_DEMO'] !== '0',
    rateLimit,
    userRateLimit: {
      perSecond: positiveNumber('SUPPORT_USER_RATE_PER_SECOND', rateLimit.perSecond * 2),
      burst: positiveNumber('SUPPORT_USER_RATE_BURST', rateLimit.burst * 2),
    },
    maxInvalidFrames: Math.floor(positiveNumber('SUPPORT_MAX_INVALID_FRAMES', 50)),
    maxBufferedBytes: Math.floor(positiveNumber('SUPPORT_MAX_BUFFERED_BYTES', 4 * 1024 * 1024)),
    maxUploadBytes: Math.floor(positiveNumber('SUPPORT_MAX_UPLOAD_BYTES', DEFAULT_MAX_UPLOAD_BYTES)),
    ...(retentionDays === undefined ? {} : { retentionDays }),
    ...(adminToken === '' ? {} : { adminToken }),
    ...(agora === undefined ? {} : { agora }),
    log: (line) => console.error(line),
  });
  stopOnSignals(relay);
  console.log(`support-widget relay listening on http://localhost:${relay.port}`);
  console.log(`  product page: http://localhost:${relay.port}/`);
  console.log(`  agent desk:   http://localhost:${relay.port}/agent/`);
  if (agora !== undefined) console.log(`  Agora tokens: POST /agora/token (App ID ${agora.appId.slice(0, 6)}…)`);
}

const [command] = process.argv.slice(2);
if (command === 'serve') {
  serve().catch((error: unknown) => {
    console.error(`support-widget relay: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
} else {
  console.error(USAGE);
  process.exit(command === undefined || command === '--help' || command === '-h' ? 0 : 2);
}
