/**
 * Shared pieces of the reliability suite: tokens, real SupportClients over `ws`, a relay
 * transport that counts what it sends, sizes from the environment, a seeded random source,
 * server RSS from /proc, the stored messages read straight from SQLite, and figures reporting.
 */
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import { createRelayServer } from '../../server/index.js';
import type { RelayServer, RelayServerOptions } from '../../server/index.js';
import { signToken } from '../../server/tokens.js';
import { MemoryStorage } from '../../src/base/storage.js';
import { BackoffReconnectPolicy } from '../../src/core/reconnect-policy.js';
import { SupportClient } from '../../src/core/support-client.js';
import type { KeyValueStorage, SupportClientOptions } from '../../src/core/types.js';
import type { TokenClaims } from '../../src/protocol/frames.js';
import type { TokenFunction } from '../../src/tokens/types.js';
import { RelayMessagingTransport } from '../../src/transports/relay/relay-messaging-transport.js';
import type { OutgoingMessage, TransportAck } from '../../src/transports/types.js';

export const SECRET = 'reliability-secret-0123456789abcdef';
const HOUR_S = 3600;

/**
 * An in-process relay on port 0 over a fresh temp data dir, closed and removed after the test.
 * Routing is off unless asked (`autoAssign`): these tests count stored messages, and a routing
 * event is one.
 */
export async function startTestRelay(t: TestContext, options: Partial<RelayServerOptions> = {}): Promise<RelayServer & { dataDir: string }> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'support-reliability-'));
  const relay = await createRelayServer({ port: 0, secret: SECRET, autoAssign: false, ...options, dataDir });
  t.after(async () => {
    await relay.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return { ...relay, dataDir };
}

/** A number from the environment (suite sizes), else the CI default. */
export function envNumber(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got ${text}`);
  return value;
}

/** mulberry32: a small seeded PRNG so a failing run can be replayed with RELIABILITY_SEED. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed of this run: RELIABILITY_SEED or a fresh one (printed by the tests that use it). */
export function runSeed(): number {
  return Math.floor(envNumber('RELIABILITY_SEED', Math.floor(Math.random() * 2 ** 31)));
}

export function customerToken(
  userId: string,
  options: { shop?: string; conv?: string[]; exp?: number; secret?: string; name?: string } = {},
): string {
  const claims: TokenClaims = {
    sub: userId,
    name: options.name ?? `Customer ${userId}`,
    role: 'customer',
    shop: options.shop ?? 'demo',
    conv: options.conv ?? [`c-${userId}`],
    exp: options.exp ?? Math.floor(Date.now() / 1000) + HOUR_S,
  };
  return signToken(claims, options.secret ?? SECRET);
}

export function agentToken(userId: string, options: { shop?: string; exp?: number; secret?: string } = {}): string {
  const claims: TokenClaims = {
    sub: userId,
    name: `Agent ${userId}`,
    role: 'agent',
    shop: options.shop ?? 'demo',
    exp: options.exp ?? Math.floor(Date.now() / 1000) + HOUR_S,
  };
  return signToken(claims, options.secret ?? SECRET);
}

/** A token function that mints a fresh token (valid one hour from the current `Date.now()`) on every call. */
export function mintingTokens(mint: () => string): TokenFunction {
  return () => Promise.resolve({ token: mint(), expiresAt: Date.now() + HOUR_S * 1000 });
}

/** The real relay transport, counting each `send` per clientMsgId (a count above 1 is a resend). */
export class CountingRelayTransport extends RelayMessagingTransport {
  /** Sends per clientMsgId. */
  readonly sends = new Map<string, number>();
  /** Acknowledgements received, by clientMsgId. */
  readonly acked = new Map<string, TransportAck>();

  override send(message: OutgoingMessage, options?: { timeoutMs?: number }): Promise<TransportAck> {
    this.sends.set(message.clientMsgId, (this.sends.get(message.clientMsgId) ?? 0) + 1);
    return super.send(message, options).then((ack) => {
      this.acked.set(ack.clientMsgId, ack);
      return ack;
    });
  }

  /** Messages sent more than once. */
  resent(): number {
    let count = 0;
    for (const n of this.sends.values()) if (n > 1) count += 1;
    return count;
  }
}

export interface ClientSetup {
  url: string;
  tokens: TokenFunction;
  storage?: KeyValueStorage;
  policy?: BackoffReconnectPolicy;
  timeoutMs?: number;
  pingIntervalMs?: number;
  options?: Partial<SupportClientOptions>;
}

/** A real SupportClient over `ws` to the relay at `url`, with its counting transport. */
export function createClient(setup: ClientSetup): { client: SupportClient; transport: CountingRelayTransport; storage: KeyValueStorage } {
  const storage = setup.storage ?? new MemoryStorage();
  const transport = new CountingRelayTransport({
    url: setup.url,
    WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket,
    ...(setup.pingIntervalMs === undefined ? {} : { pingIntervalMs: setup.pingIntervalMs }),
  });
  const client = new SupportClient({
    tokenProvider: setup.tokens,
    transport,
    reconnectPolicy: setup.policy ?? new BackoffReconnectPolicy({ baseDelayMs: 100, maxDelayMs: 1000, minDelayMs: 50 }),
    storage,
    timeoutMs: setup.timeoutMs ?? 5000,
    ...setup.options,
  });
  return { client, transport, storage };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `probe` returns something truthy; fails with `what()` after `timeoutMs`. */
export async function until<T>(probe: () => T | undefined | null | false, what: () => string, timeoutMs: number, everyMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what()}`);
    await sleep(everyMs);
  }
}

/** Resident set size of a process in bytes (Linux /proc), or undefined when it is gone. */
export function rssOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] === undefined ? undefined : Number(match[1]) * 1024;
  } catch {
    return undefined;
  }
}

export const MiB = 1024 * 1024;

export function mib(bytes: number | undefined): string {
  return bytes === undefined ? '?' : `${(bytes / MiB).toFixed(1)} MiB`;
}

/** One stored message row (what the server acknowledged), read straight from SQLite. */
export interface StoredRow {
  conversationId: string;
  seq: number;
  clientMsgId: string;
  body: string;
  fromId: string;
}

/** Every stored message by conversation, in seq order. */
export function storedMessages(dataDir: string): Map<string, StoredRow[]> {
  const db = new Database(join(dataDir, 'support.sqlite'), { readonly: true });
  try {
    const rows = db
      .prepare('SELECT conversation_id, seq, client_msg_id, body, from_user FROM messages ORDER BY conversation_id, seq')
      .all() as Array<{ conversation_id: string; seq: number; client_msg_id: string; body: string; from_user: string }>;
    const byConversation = new Map<string, StoredRow[]>();
    for (const row of rows) {
      const list = byConversation.get(row.conversation_id) ?? [];
      list.push({
        conversationId: row.conversation_id,
        seq: row.seq,
        clientMsgId: row.client_msg_id,
        body: row.body,
        fromId: (JSON.parse(row.from_user) as { id: string }).id,
      });
      byConversation.set(row.conversation_id, list);
    }
    return byConversation;
  } finally {
    db.close();
  }
}

/**
 * Prints a figure of an area as a TAP diagnostic and, when RELIABILITY_FIGURES names a file,
 * appends it there as one JSON line (docs/security.md quotes these).
 */
export function reportFigures(t: TestContext, area: string, figures: Record<string, number | string | boolean>): void {
  t.diagnostic(`figures ${area}: ${JSON.stringify(figures)}`);
  const file = process.env['RELIABILITY_FIGURES'];
  if (file) appendFileSync(file, `${JSON.stringify({ area, ...figures })}\n`);
}

/** Loads the whole history of `conversationId` into the client's view (latest page, then older ones). */
export async function loadAll(client: SupportClient, conversationId: string): Promise<void> {
  await client.openConversation(conversationId);
  while (client.hasMore(conversationId)) await client.loadOlder(conversationId, 200);
}

function viewKey(client: SupportClient, conversationId: string): string {
  return (client.conversation(conversationId)?.messages ?? []).map((m) => `${m.seq ?? '?'}:${m.clientMsgId}`).join(',');
}

/**
 * Waits until the client shows `conversationId` exactly as stored: every stored message once,
 * in seq order, and nothing else (no duplicate, no message left unacknowledged).
 */
export async function expectViewMatchesStore(client: SupportClient, conversationId: string, stored: Map<string, StoredRow[]>, who: string, timeoutMs = 15_000): Promise<void> {
  await loadAll(client, conversationId);
  const expected = (stored.get(conversationId) ?? []).map((row) => `${row.seq}:${row.clientMsgId}`).join(',');
  await until(
    () => viewKey(client, conversationId) === expected,
    () => `${who}'s view of ${conversationId} to match the store:\n  view:  ${viewKey(client, conversationId).slice(0, 600)}\n  store: ${expected.slice(0, 600)}`,
    timeoutMs,
  );
}
