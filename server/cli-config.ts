/**
 * The relay's configuration from the command line and the environment (see `cli.ts` for the
 * list). Every mistake is a `ConfigError` whose message is one line that says what to do.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_MAX_UPLOAD_BYTES, isId } from 'support-widget/protocol';
import { agoraCredentialsFromEnv } from './agora-tokens.js';
import { assistantFromEnv } from './assistant/assistant-config.js';
import { staticRoots } from './static-roots.js';
import { parseTrustProxy } from './client-address.js';
import type { TrustProxy } from './client-address.js';
import { CONNECTION_GUARD_DEFAULTS } from './connection-guard.js';
import type { RelayServerOptions } from './index.js';
import { parseOriginList } from './origins.js';
import { loadOrCreateSecret } from './secret-file.js';
import type { UploadLimits } from './upload-limits.js';

/** Shortest token secret accepted outside demo mode. */
export const MIN_SECRET_BYTES = 32;
const MAKE_SECRET = 'make one with: openssl rand -hex 32';

/** A configuration mistake: the CLI prints its message on one line and exits 1. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type Env = NodeJS.ProcessEnv;

const TRUE = new Set(['1', 'true', 'yes', 'on']);
const FALSE = new Set(['0', 'false', 'no', 'off', '']);

/** A boolean variable: `1,true,yes,on` or `0,false,no,off,''` (any case); unset is `fallback`. */
export function booleanEnv(env: Env, name: string, fallback = false): boolean {
  const text = env[name];
  if (text === undefined) return fallback;
  const value = text.trim().toLowerCase();
  if (TRUE.has(value)) return true;
  if (FALSE.has(value)) return false;
  throw new ConfigError(`${name} must be one of 1, true, yes, on, 0, false, no, off; got "${text}"`);
}

export function positiveNumber(env: Env, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new ConfigError(`${name} must be a positive number, got ${text}`);
  return value;
}

function portFromEnv(env: Env): number {
  const text = env['PORT'] ?? '';
  if (text === '') return 8787;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be 0-65535, got ${text}`);
  return port;
}

/**
 * The token secret: `SUPPORT_SECRET`, or the content of `SUPPORT_SECRET_FILE` (trimmed), of at
 * least 32 bytes. Demo mode never uses the operator's secret (it signs anyone in with it, so every
 * token the shop's backend can mint would be for the taking): with one set, demo is refused;
 * otherwise demo generates its own once into `DATA_DIR/secret`.
 */
export function secretFromEnv(env: Env, dataDir: string, demo: boolean): string {
  const given = env['SUPPORT_SECRET'] ?? '';
  const file = env['SUPPORT_SECRET_FILE'] ?? '';
  if (given !== '' && file !== '') throw new ConfigError('set SUPPORT_SECRET or SUPPORT_SECRET_FILE, not both');
  if (demo) {
    if (given === '' && file === '') return loadOrCreateSecret(dataDir);
    const name = given !== '' ? 'SUPPORT_SECRET' : 'SUPPORT_SECRET_FILE';
    throw new ConfigError(`demo mode signs anyone in with the token secret, so it never runs with ${name}: unset it (demo makes its own in DATA_DIR/secret) or turn demo off`);
  }
  if (file !== '') {
    let secret: string;
    try {
      secret = readFileSync(file, 'utf8').trim();
    } catch (error) {
      throw new ConfigError(`cannot read SUPPORT_SECRET_FILE ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    if (Buffer.byteLength(secret) < MIN_SECRET_BYTES) {
      throw new ConfigError(`SUPPORT_SECRET_FILE ${file} must hold at least ${MIN_SECRET_BYTES} bytes; ${MAKE_SECRET} > ${file}`);
    }
    return secret;
  }
  if (Buffer.byteLength(given) < MIN_SECRET_BYTES) throw new ConfigError(`SUPPORT_SECRET must be at least ${MIN_SECRET_BYTES} bytes; ${MAKE_SECRET}`);
  return given;
}

/** Upload limits set in the environment (each unset one keeps its default; see docs/server.md). */
function uploadLimitsFromEnv(env: Env): Partial<UploadLimits> {
  const fields: ReadonlyArray<readonly [string, keyof UploadLimits, number]> = [
    ['SUPPORT_UPLOAD_USER_BYTES_PER_HOUR', 'userBytesPerHour', 1],
    ['SUPPORT_UPLOAD_IP_BYTES_PER_HOUR', 'ipBytesPerHour', 1],
    ['SUPPORT_UPLOAD_USER_OUTSTANDING_BYTES', 'userOutstandingBytes', 1],
    ['SUPPORT_UPLOAD_IP_OUTSTANDING_BYTES', 'ipOutstandingBytes', 1],
    ['SUPPORT_UPLOAD_CONCURRENT_PER_USER', 'concurrentPerUser', 1],
    ['SUPPORT_UPLOAD_IDLE_TIMEOUT_SECONDS', 'idleTimeoutMs', 1000],
    ['SUPPORT_UPLOAD_MIN_BYTES_PER_WINDOW', 'minBytesPerWindow', 1],
    ['SUPPORT_UNATTACHED_UPLOAD_TTL_SECONDS', 'unattachedTtlMs', 1000],
    ['SUPPORT_UPLOAD_SWEEP_INTERVAL_SECONDS', 'sweepIntervalMs', 1000],
  ];
  const limits: Partial<UploadLimits> = {};
  for (const [name, field, scale] of fields) if (env[name]) limits[field] = Math.floor(positiveNumber(env, name, 0) * scale);
  const floor = env['SUPPORT_MIN_FREE_DISK_BYTES'];
  if (floor) {
    const value = Number(floor);
    if (!Number.isFinite(value) || value < 0) throw new ConfigError(`SUPPORT_MIN_FREE_DISK_BYTES must be 0 or more bytes, got ${floor}`);
    limits.minFreeDiskBytes = Math.floor(value);
  }
  return limits;
}

/** What `serve` runs: the server's options (without `log`). */
export type ServeConfig = Omit<RelayServerOptions, 'log'> & { demo: boolean; allowedOrigins: string[] };

/** Reads `serve`'s flags (`--demo`) and the environment; throws `ConfigError`. */
export function serveConfig(args: readonly string[], env: Env = process.env): ServeConfig {
  for (const arg of args) if (arg !== '--demo') throw new ConfigError(`unknown option ${arg} (serve takes --demo)`);
  const demo = booleanEnv(env, 'SUPPORT_DEMO') || args.includes('--demo');
  const dataDir = resolve(env['DATA_DIR'] || './.support-data');
  const autoAssign = booleanEnv(env, 'SUPPORT_AUTO_ASSIGN', true);
  const retentionDays = env['SUPPORT_RETENTION_DAYS'] ? positiveNumber(env, 'SUPPORT_RETENTION_DAYS', 0) : undefined;
  const adminToken = env['SUPPORT_ADMIN_TOKEN'] ?? '';
  const agora = agoraCredentialsFromEnv(env);
  if (typeof agora === 'string') throw new ConfigError(agora);
  const assistant = assistantFromEnv(env, demo, staticRoots().demoDir);
  if (typeof assistant === 'string') throw new ConfigError(assistant);
  let allowedOrigins: string[];
  try {
    allowedOrigins = parseOriginList(env['SUPPORT_ALLOWED_ORIGINS'] ?? '');
  } catch (error) {
    throw new ConfigError(`SUPPORT_ALLOWED_ORIGINS: ${error instanceof Error ? error.message : String(error)}`);
  }
  let attachmentOrigins: string[];
  try {
    attachmentOrigins = parseOriginList(env['SUPPORT_ATTACHMENT_ORIGINS'] ?? '');
  } catch (error) {
    throw new ConfigError(`SUPPORT_ATTACHMENT_ORIGINS: ${error instanceof Error ? error.message : String(error)}`);
  }
  let trustProxy: TrustProxy;
  try {
    trustProxy = parseTrustProxy(env['SUPPORT_TRUST_PROXY']);
  } catch (error) {
    throw new ConfigError(`SUPPORT_TRUST_PROXY: ${error instanceof Error ? error.message : String(error)}`);
  }
  const anonymousShop = env['SUPPORT_ANONYMOUS_SHOP'] ?? '';
  if (anonymousShop !== '' && !isId(anonymousShop)) throw new ConfigError(`SUPPORT_ANONYMOUS_SHOP must be a shop id (A-Z a-z 0-9 _ . : @ -), got "${anonymousShop}"`);
  const port = portFromEnv(env);
  const secret = secretFromEnv(env, dataDir, demo);
  const maxTokenLifetimeSeconds = env['SUPPORT_MAX_TOKEN_LIFETIME_SECONDS'] ? positiveNumber(env, 'SUPPORT_MAX_TOKEN_LIFETIME_SECONDS', 0) : undefined;
  const rateLimit = { perSecond: positiveNumber(env, 'SUPPORT_RATE_PER_SECOND', 30), burst: positiveNumber(env, 'SUPPORT_RATE_BURST', 60) };
  return {
    port,
    host: env['HOST'] || '127.0.0.1',
    dataDir,
    secret,
    demo,
    allowedOrigins,
    rateLimit,
    userRateLimit: {
      perSecond: positiveNumber(env, 'SUPPORT_USER_RATE_PER_SECOND', rateLimit.perSecond * 2),
      burst: positiveNumber(env, 'SUPPORT_USER_RATE_BURST', rateLimit.burst * 2),
    },
    maxInvalidFrames: Math.floor(positiveNumber(env, 'SUPPORT_MAX_INVALID_FRAMES', 50)),
    maxBufferedBytes: Math.floor(positiveNumber(env, 'SUPPORT_MAX_BUFFERED_BYTES', 4 * 1024 * 1024)),
    maxUploadBytes: Math.floor(positiveNumber(env, 'SUPPORT_MAX_UPLOAD_BYTES', DEFAULT_MAX_UPLOAD_BYTES)),
    uploadLimits: uploadLimitsFromEnv(env),
    maxConnectionsPerIp: Math.floor(positiveNumber(env, 'SUPPORT_MAX_CONNECTIONS_PER_IP', CONNECTION_GUARD_DEFAULTS.maxConnectionsPerIp)),
    helloRatePerIp: {
      perSecond: positiveNumber(env, 'SUPPORT_HELLO_RATE_PER_IP', CONNECTION_GUARD_DEFAULTS.helloRatePerIp.perSecond),
      burst: positiveNumber(env, 'SUPPORT_HELLO_BURST_PER_IP', CONNECTION_GUARD_DEFAULTS.helloRatePerIp.burst),
    },
    maxSocketsPerUser: Math.floor(positiveNumber(env, 'SUPPORT_MAX_SOCKETS_PER_USER', CONNECTION_GUARD_DEFAULTS.maxSocketsPerUser)),
    ...(retentionDays === undefined ? {} : { retentionDays }),
    ...(autoAssign ? {} : { autoAssign }),
    ...(maxTokenLifetimeSeconds === undefined ? {} : { maxTokenLifetimeSeconds }),
    ...(attachmentOrigins.length === 0 ? {} : { attachmentOrigins }),
    ...(trustProxy === false ? {} : { trustProxy }),
    ...(adminToken === '' ? {} : { adminToken }),
    ...(agora === undefined ? {} : { agora }),
    ...(assistant === undefined ? {} : { assistant }),
    ...(anonymousShop === '' ? {} : { anonymousVisitors: { shop: anonymousShop } }),
    ...mailFromEnv(env),
  };
}

/** Replies by email (issue 17): `SUPPORT_SMTP_URL`, `SUPPORT_MAIL_FROM`, `SUPPORT_PUBLIC_URL`, `SUPPORT_MAIL_DELAY_MINUTES`. */
function mailFromEnv(env: Env): Pick<ServeConfig, 'smtpUrl' | 'mailFrom' | 'publicUrl' | 'mailDelayMs'> {
  const [smtpUrl, mailFrom, publicUrl] = [env['SUPPORT_SMTP_URL'] ?? '', env['SUPPORT_MAIL_FROM'] ?? '', env['SUPPORT_PUBLIC_URL'] ?? ''];
  if (smtpUrl !== '' && !/^smtps?:\/\//.test(smtpUrl)) throw new ConfigError('SUPPORT_SMTP_URL must be an smtp:// or smtps:// URL');
  if (smtpUrl !== '' && (mailFrom === '' || publicUrl === '')) throw new ConfigError('SUPPORT_SMTP_URL needs SUPPORT_MAIL_FROM and SUPPORT_PUBLIC_URL (for the links in the emails)');
  if (publicUrl !== '' && !/^https?:\/\/[^\s]+$/.test(publicUrl)) throw new ConfigError('SUPPORT_PUBLIC_URL must be an http(s) URL');
  const delay = env['SUPPORT_MAIL_DELAY_MINUTES'] ? positiveNumber(env, 'SUPPORT_MAIL_DELAY_MINUTES', 10) : undefined;
  return {
    ...(smtpUrl === '' ? {} : { smtpUrl, mailFrom }),
    ...(publicUrl === '' ? {} : { publicUrl }),
    ...(delay === undefined ? {} : { mailDelayMs: delay * 60_000 }),
  };
}
