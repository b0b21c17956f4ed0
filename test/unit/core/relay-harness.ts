/**
 * Test harness: a real relay server on an ephemeral port with its SQLite history in a temp
 * dir, real `ws` sockets, and SupportClients wired to it. Everything is closed by `t.after`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import WebSocket from 'ws';
import { createRelayServer, signToken } from '../../../server/index.js';
import type { RelayServer, RelayServerOptions } from '../../../server/index.js';
import { BackoffReconnectPolicy } from '../../../src/core/reconnect-policy.js';
import { SupportClient } from '../../../src/core/support-client.js';
import type { SupportClientOptions } from '../../../src/core/types.js';
import type { TokenClaims } from '../../../src/protocol/frames.js';
import { staticToken } from '../../../src/tokens/static-token.js';
import type { TokenSource } from '../../../src/tokens/types.js';
import { RelayMessagingTransport } from '../../../src/transports/relay/relay-messaging-transport.js';

export const SECRET = 'core-relay-secret-0123456789abcdef';

export function customerToken(sub: string, expInSeconds = 3600): string {
  const claims: TokenClaims = {
    sub,
    name: `Customer ${sub}`,
    role: 'customer',
    shop: 'demo',
    conv: [`c-${sub}`],
    exp: Math.floor(Date.now() / 1000) + expInSeconds,
  };
  return signToken(claims, SECRET);
}

export function agentToken(sub: string): string {
  const claims: TokenClaims = { sub, name: `Agent ${sub}`, role: 'agent', shop: 'demo', exp: Math.floor(Date.now() / 1000) + 3600 };
  return signToken(claims, SECRET);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `probe` returns something truthy; fails with `what` after `timeoutMs`. */
export async function until<T>(probe: () => T | undefined | null | false, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

export interface Harness {
  server: RelayServer;
  url: string;
  dataDir: string;
  /** Stops the server (graceful close); `restart()` brings it back on the same port and data. */
  stop(): Promise<void>;
  restart(): Promise<void>;
  client(token: TokenSource | string, options?: Partial<SupportClientOptions>): SupportClient;
}

/**
 * `autoAssign`: route new conversations to online agents (default off: plain messaging keeps its
 * seqs those of messages, no desk events between); `server`: more relay options (clock, SMTP, admin token).
 */
export async function relayHarness(t: TestContext, options: { autoAssign?: boolean; server?: Partial<RelayServerOptions> } = {}): Promise<Harness> {
  const dataDir = await mkdtemp(join(tmpdir(), 'support-core-'));
  const start = (port: number): Promise<RelayServer> =>
    createRelayServer({ port, dataDir, secret: SECRET, demo: true, rateLimit: { perSecond: 500, burst: 500 }, autoAssign: options.autoAssign ?? false, ...options.server });
  let server: RelayServer | undefined = await start(0);
  const port = server.port;
  const url = server.url;
  const clients: SupportClient[] = [];
  t.after(async () => {
    for (const client of clients) client.dispose();
    await server?.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  const harness: Harness = {
    get server(): RelayServer {
      if (!server) throw new Error('server is stopped');
      return server;
    },
    url,
    dataDir,
    async stop() {
      await server?.close();
      server = undefined;
    },
    async restart() {
      server = await start(port);
    },
    client(token, options = {}) {
      const client = new SupportClient({
        tokenProvider: typeof token === 'string' ? staticToken(token) : token,
        transport: new RelayMessagingTransport({
          url,
          WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket,
        }),
        reconnectPolicy: new BackoffReconnectPolicy({ baseDelayMs: 50, maxDelayMs: 200, minDelayMs: 20 }),
        storage: null,
        timeoutMs: 3000,
        ...options,
      });
      clients.push(client);
      return client;
    },
  };
  return harness;
}
