/**
 * Helpers for the relationship's relay tests (issue 17): a test clock the relay reads (timers look
 * every 20 ms, so moving the clock is seen at once), long-lived tokens on that clock, the admin
 * API, one `customer` request answered, and an in-process SMTP server that keeps what arrives.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { CustomerAction, CustomerResult } from '../../../src/protocol/relationship.js';
import type { ErrorFrame, TokenClaims } from '../../../src/protocol/frames.js';
import { signToken } from '../../../server/tokens.js';
import { SECRET } from './relay-harness.js';
import type { TestClient } from './relay-harness.js';

export const ADMIN_TOKEN = 'admin-token-0123456789';

/** A clock that moves only when told. */
export class TestClock {
  constructor(public ms = Date.now()) {}
  readonly now = (): number => this.ms;
  advance(ms: number): void {
    this.ms += ms;
  }
}

/** Relay options for a test clock: fast timers, the admin token. */
export function clockOptions(clock: TestClock) {
  return { now: clock.now, timerMaxSleepMs: 20, adminToken: ADMIN_TOKEN };
}

/** A token valid for 20 hours of the test clock. */
export function tokenAt(clock: TestClock, sub: string, role: TokenClaims['role'], extra: Partial<TokenClaims> = {}): string {
  const iat = Math.floor(clock.ms / 1000);
  const claims: TokenClaims = { sub, name: `${role} ${sub}`, role, shop: 'demo', exp: iat + 20 * 3600, iat, ...(role === 'customer' ? { conv: [`c-${sub}`] } : {}), ...extra };
  return signToken(claims, SECRET);
}

/** Calls the admin API. */
export async function admin(baseUrl: string, method: string, path: string, body?: unknown, token = ADMIN_TOKEN): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

let requests = 0;

/** Sends one customer action and takes its answer: the result, or the error frame whose ref is its requestId. */
export async function askCustomer(client: TestClient, action: CustomerAction | Record<string, unknown>, requestId = `r${(requests += 1)}`): Promise<CustomerResult | ErrorFrame> {
  client.send({ type: 'customer', requestId, action });
  const frame = await client.take((f) => (f.type === 'customer' && f.requestId === requestId) || (f.type === 'error' && f.ref === requestId));
  if (frame.type === 'customer') return frame.result;
  if (frame.type === 'error') return frame;
  throw new Error(`unexpected ${frame.type}`);
}

/** An email as the test SMTP server received it. */
export interface ReceivedMail {
  to: string[];
  raw: string;
}

/** A real SMTP server on a local port (no TLS, no auth) that keeps every email; can stop and start again on the same port. */
export class TestSmtp {
  readonly mails: ReceivedMail[] = [];
  private server: SMTPServer | undefined;
  port = 0;
  private waiters: Array<() => void> = [];

  async start(): Promise<void> {
    const server = new SMTPServer({
      disabledCommands: ['STARTTLS', 'AUTH'],
      authOptional: true,
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          this.mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
          for (const wake of this.waiters.splice(0)) wake();
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server !== undefined) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Resolves once `count` emails have arrived (rejects after `timeoutMs`). */
  async waitFor(count: number, timeoutMs = 5000): Promise<ReceivedMail[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.mails.length < count) {
      if (Date.now() > deadline) throw new Error(`${this.mails.length} of ${count} emails arrived`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
    return this.mails;
  }
}
