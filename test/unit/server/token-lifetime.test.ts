/**
 * Issue 12: the relay enforces a maximum token lifetime itself (a shop that mints year-long tokens
 * hands out keys that outlive any leak), and `createRelayServer` refuses secrets shorter than 32
 * bytes whatever starts it (the CLI already did in production).
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { TokenClaims } from '../../../src/protocol/frames.js';
import { createRelayServer } from '../../../server/index.js';
import { MAX_TOKEN_LIFETIME_SECONDS, signToken, verifyToken } from '../../../server/tokens.js';
import { SECRET, TestClient, startRelay, tempDir } from './relay-harness.js';

const DAY = 24 * 60 * 60;
const nowS = (): number => Math.floor(Date.now() / 1000);

function customer(lifetime: number, withIat = true): TokenClaims {
  const iat = nowS();
  return { sub: 'ana', name: 'Ana', role: 'customer', shop: 'demo', conv: ['c-ana'], exp: iat + lifetime, ...(withIat ? { iat } : {}) };
}

function refused(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as { code?: string }).code ?? 'no code';
  }
  return 'accepted';
}

describe('token lifetime and secret length', { timeout: 20_000 }, () => {
  it('refuses tokens living longer than 24 h by default, with or without iat', () => {
    assert.equal(MAX_TOKEN_LIFETIME_SECONDS, DAY);
    const agent: TokenClaims = { sub: 'alex', name: 'Alex', role: 'agent', shop: 'demo', exp: nowS() + 30 * DAY };
    assert.equal(refused(() => verifyToken(signToken(customer(DAY), SECRET), SECRET)), 'accepted', 'exactly 24 h');
    assert.equal(refused(() => verifyToken(signToken(customer(DAY + 1), SECRET), SECRET)), 'unauthorized');
    assert.equal(refused(() => verifyToken(signToken(customer(365 * DAY, false), SECRET), SECRET)), 'unauthorized', 'a year without iat');
    assert.equal(refused(() => verifyToken(signToken(agent, SECRET), SECRET)), 'unauthorized', 'agents too');
    assert.equal(refused(() => verifyToken(signToken(customer(3 * 3600), SECRET), SECRET, Date.now(), { maxLifetimeSeconds: 3600 })), 'unauthorized', 'configurable');
  });

  it('the relay refuses a 30-day token at hello and over HTTP, and accepts it when configured to', async () => {
    const longToken = signToken(customer(30 * DAY), SECRET);
    const relay = await startRelay();
    try {
      const client = await TestClient.open(relay.url);
      client.send({ type: 'hello', token: longToken });
      const error = await client.next('error');
      assert.deepEqual([error.code, error.fatal], ['unauthorized', true]);
      assert.match(error.message, /lifetime/);
      const answer = await fetch(`${relay.url}/uploads/AAAAAAAAAAAAAAAAAAAAAAAA/url`, { method: 'POST', headers: { Authorization: `Bearer ${longToken}` } });
      assert.deepEqual([answer.status, ((await answer.json()) as { code: string }).code], [401, 'unauthorized']);
    } finally {
      await relay.dispose();
    }
    const lenient = await startRelay({ maxTokenLifetimeSeconds: 31 * DAY });
    try {
      const { welcome } = await TestClient.connect(lenient.url, longToken);
      assert.deepEqual(welcome.conversations.map((c) => c.id), ['c-ana']);
    } finally {
      await lenient.dispose();
    }
  });

  it('createRelayServer refuses a secret shorter than 32 bytes', async (t) => {
    const dataDir = tempDir();
    t.after(() => rmSync(dataDir, { recursive: true, force: true }));
    await assert.rejects(createRelayServer({ port: 0, dataDir, secret: 'x'.repeat(31) }), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'config');
      assert.match(error.message, /at least 32 bytes/);
      return true;
    });
    const ok = await createRelayServer({ port: 0, dataDir, secret: 'x'.repeat(32) });
    await ok.close();
  });
});
