/**
 * Test harness for the relay server: a real server on port 0 over a fresh temp data dir, real
 * `ws` clients that queue every frame they receive, and token helpers.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { afterEach, beforeEach } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import type { ServerFrame, TokenClaims } from '../../../src/protocol/frames.js';
import { createRelayServer } from '../../../server/index.js';
import type { RelayServer, RelayServerOptions } from '../../../server/index.js';
import { signToken } from '../../../server/tokens.js';

export const SECRET = 'test-secret-0123456789abcdef0123456789abcdef';

export interface TestRelay extends RelayServer {
  dataDir: string;
  /** Number of stored messages (optionally of one conversation), read straight from SQLite. */
  countMessages(conversationId?: string): number;
  /** Closes the server and removes the data dir. */
  dispose(): Promise<void>;
}

export function tempDir(prefix = 'relay-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function startRelay(options: Partial<RelayServerOptions> = {}): Promise<TestRelay> {
  const dataDir = options.dataDir ?? tempDir();
  const relay = await createRelayServer({ port: 0, secret: SECRET, ...options, dataDir });
  return {
    ...relay,
    dataDir,
    countMessages(conversationId?: string): number {
      const db = new Database(join(dataDir, 'support.sqlite'), { readonly: true });
      try {
        const row = (
          conversationId === undefined
            ? db.prepare('SELECT count(*) AS n FROM messages').get()
            : db.prepare('SELECT count(*) AS n FROM messages WHERE conversation_id = ?').get(conversationId)
        ) as { n: number };
        return row.n;
      } finally {
        db.close();
      }
    },
    async dispose(): Promise<void> {
      await relay.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const HOUR = 3600;

export function customerToken(userId: string, options: { conv?: string[]; shop?: string; exp?: number; secret?: string } = {}): string {
  const claims: TokenClaims = {
    sub: userId,
    name: `Customer ${userId}`,
    role: 'customer',
    shop: options.shop ?? 'demo',
    conv: options.conv ?? [`c-${userId}`],
    exp: options.exp ?? Math.floor(Date.now() / 1000) + HOUR,
  };
  return signToken(claims, options.secret ?? SECRET);
}

export function agentToken(userId: string, options: { shop?: string; exp?: number } = {}): string {
  const claims: TokenClaims = {
    sub: userId,
    name: `Agent ${userId}`,
    role: 'agent',
    shop: options.shop ?? 'demo',
    exp: options.exp ?? Math.floor(Date.now() / 1000) + HOUR,
  };
  return signToken(claims, SECRET);
}

type Predicate = (frame: ServerFrame) => boolean;
type FrameOf<T extends ServerFrame['type']> = Extract<ServerFrame, { type: T }>;

interface Waiter {
  predicate: Predicate;
  resolve: (frame: ServerFrame) => void;
}

/** A real `ws` client that keeps every received frame until a test takes it. */
export class TestClient {
  readonly socket: WebSocket;
  /** Resolves with the close code and reason once the socket closes. */
  readonly closed: Promise<{ code: number; reason: string }>;
  private readonly queue: ServerFrame[] = [];
  private readonly waiters: Waiter[] = [];

  private constructor(socket: WebSocket) {
    this.socket = socket;
    this.closed = new Promise((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    socket.on('message', (data) => this.receive(JSON.parse(String(data)) as ServerFrame));
    socket.on('error', () => undefined);
  }

  static async open(baseUrl: string): Promise<TestClient> {
    const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ws`);
    const client = new TestClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return client;
  }

  /** Opens a socket, sends hello and waits for the welcome. */
  static async connect(baseUrl: string, token: string, resume?: Record<string, number>): Promise<{ client: TestClient; welcome: FrameOf<'welcome'> }> {
    const client = await TestClient.open(baseUrl);
    client.send(resume === undefined ? { type: 'hello', token } : { type: 'hello', token, resume });
    const welcome = await client.next('welcome');
    return { client, welcome };
  }

  send(frame: object): void {
    this.socket.send(JSON.stringify(frame));
  }

  sendRaw(data: string | Buffer): void {
    this.socket.send(data);
  }

  /** Takes the first queued (or next arriving) frame of `type` that matches. */
  next<T extends ServerFrame['type']>(type: T, match: (frame: FrameOf<T>) => boolean = () => true, timeoutMs = 3000): Promise<FrameOf<T>> {
    return this.take((f) => f.type === type && match(f as FrameOf<T>), timeoutMs, type) as Promise<FrameOf<T>>;
  }

  /** Takes the first queued (or next arriving) frame that matches. */
  take(predicate: Predicate, timeoutMs = 3000, what = 'matching'): Promise<ServerFrame> {
    const index = this.queue.findIndex(predicate);
    if (index !== -1) return Promise.resolve(this.queue.splice(index, 1)[0] as ServerFrame);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        predicate,
        resolve: (frame) => {
          clearTimeout(timer);
          resolve(frame);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`no ${what} frame within ${timeoutMs} ms; queued: ${JSON.stringify(this.queue).slice(0, 500)}`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Frames received and not taken yet, optionally of one type (does not take them). */
  pending(type?: ServerFrame['type']): ServerFrame[] {
    return this.queue.filter((f) => type === undefined || f.type === type);
  }

  /** Round-trips a ping so every frame the server sent before it has arrived. */
  async sync(): Promise<void> {
    const id = `sync-${Math.random().toString(36).slice(2)}`;
    this.send({ type: 'ping', id });
    await this.next('pong', (f) => f.id === id);
  }

  async close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return;
    this.socket.close();
    await this.closed;
  }

  private receive(frame: ServerFrame): void {
    const index = this.waiters.findIndex((w) => w.predicate(frame));
    const waiter = index === -1 ? undefined : this.waiters.splice(index, 1)[0];
    if (waiter !== undefined) waiter.resolve(frame);
    else this.queue.push(frame);
  }
}

/** A send frame with sensible defaults. */
export function sendFrame(conversationId: string, clientMsgId: string, body = `body of ${clientMsgId}`): object {
  return { type: 'send', clientMsgId, conversationId, kind: 'text', body };
}

/** A bare WebSocket over TCP that never answers pings and can stop reading: for heartbeat and backpressure tests. */
export class RawSocket {
  bytesReceived = 0;
  readonly closed: Promise<void>;

  private constructor(readonly socket: Socket) {
    this.closed = new Promise((resolve) => socket.on('close', () => resolve()));
    socket.on('data', (chunk: Buffer) => (this.bytesReceived += chunk.byteLength));
    socket.on('error', () => undefined);
  }

  static async open(baseUrl: string): Promise<RawSocket> {
    const { hostname, port } = new URL(baseUrl);
    const socket = connect(Number(port), hostname);
    await once(socket, 'connect');
    socket.write(
      `GET /ws HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    );
    let head = '';
    while (!head.includes('\r\n\r\n')) {
      const [chunk] = (await once(socket, 'data')) as [Buffer];
      head += chunk.toString('latin1');
    }
    if (!head.startsWith('HTTP/1.1 101')) throw new Error(`upgrade refused: ${head.split('\r\n')[0] ?? ''}`);
    return new RawSocket(socket);
  }

  /** Sends one masked text frame (clients must mask). */
  sendText(text: string): void {
    const payload = Buffer.from(text, 'utf8');
    const length = payload.byteLength;
    const header = length < 126 ? Buffer.from([0x81, 0x80 | length]) : Buffer.alloc(4);
    if (length >= 126) {
      if (length > 0xffff) throw new Error('frame too long for this helper');
      header.writeUInt8(0x81, 0);
      header.writeUInt8(0x80 | 126, 1);
      header.writeUInt16BE(length, 2);
    }
    const mask = randomBytes(4);
    const masked = Buffer.alloc(length);
    for (let i = 0; i < length; i += 1) masked[i] = (payload[i] ?? 0) ^ (mask[i % 4] ?? 0);
    this.socket.write(Buffer.concat([header, mask, masked]));
  }

  destroy(): void {
    this.socket.destroy();
  }
}

/**
 * A fresh relay for every test of the enclosing `describe`, and a `connect` whose clients are
 * closed after each test.
 */
export function relayPerTest(options: Partial<RelayServerOptions> = {}) {
  let current: TestRelay | undefined;
  const clients: TestClient[] = [];
  beforeEach(async () => {
    current = await startRelay(options);
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await current?.dispose();
  });
  const relay = (): TestRelay => {
    if (!current) throw new Error('relayPerTest: no relay outside a test');
    return current;
  };
  return {
    clients,
    get relay(): TestRelay {
      return relay();
    },
    async connect(token: string, resume?: Record<string, number>) {
      const result = await TestClient.connect(relay().url, token, resume);
      clients.push(result.client);
      return result;
    },
  };
}
