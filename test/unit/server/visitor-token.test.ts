/**
 * `POST /visitor/token`: off unless the relay names a shop; a visitor's key always leads to the
 * same conversation, the visitor id shown to agents is not the key, bad bodies are refused, and
 * one address cannot mint tokens without limit.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { serveConfig } from '../../../server/cli-config.js';
import { customerConversationId } from '../../../server/customer-token.js';
import { createRelayServer } from '../../../server/index.js';
import { verifyToken } from '../../../server/tokens.js';
import { visitorIdOf } from '../../../server/visitor-token.js';
import { rawRequest } from '../uploads/upload-harness.js';
import { SECRET, relayPerTest, tempDir } from './relay-harness.js';

const KEY = 'k3y-of-a-visitor-browser_0123456789';

function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  return rawRequest(url, {
    method: 'POST',
    path: '/visitor/token',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

function json(body: Buffer): Record<string, unknown> {
  return JSON.parse(body.toString('utf8')) as Record<string, unknown>;
}

describe('visitor tokens: off by default', () => {
  const t = relayPerTest();

  it('answers 404', async () => {
    assert.equal((await post(t.relay.url, { key: KEY })).status, 404);
  });
});

describe('visitor tokens with anonymousVisitors', () => {
  const t = relayPerTest({ anonymousVisitors: { shop: 'acme' }, allowedOrigins: ['https://shop.example'] });

  it('gives a customer token of the shop; the same key reaches the same conversation, another key another', async () => {
    const answer = await post(t.relay.url, { key: KEY });
    assert.equal(answer.status, 200);
    assert.equal(answer.headers['cache-control'], 'no-store');
    const { token, expiresAt } = json(answer.body) as { token: string; expiresAt: number };
    assert.ok(expiresAt > Date.now() && expiresAt <= Date.now() + 3600_000 + 1000);
    const claims = verifyToken(token, SECRET);
    assert.equal(claims.shop, 'acme');
    assert.equal(claims.role, 'customer');
    assert.equal(claims.sub, visitorIdOf(KEY));
    assert.ok(!claims.sub.includes(KEY), 'the visitor id does not reveal the key');
    const conversation = customerConversationId('acme', visitorIdOf(KEY));
    const { welcome } = await t.connect(token);
    assert.deepEqual(welcome.conversations.map((c) => c.id), [conversation]);

    const again = json((await post(t.relay.url, { key: KEY })).body) as { token: string };
    assert.deepEqual(verifyToken(again.token, SECRET).conv, [conversation]);
    const other = json((await post(t.relay.url, { key: `${KEY}-other` })).body) as { token: string };
    assert.notDeepEqual(verifyToken(other.token, SECRET).conv, [conversation]);
  });

  it('refuses a short, missing or malformed key, non-JSON and other methods', async () => {
    for (const body of [{ key: 'short' }, {}, { key: 42 }, { key: visitorIdOf(KEY) }, { key: 'has spaces in it 0123456789' }, 'not json']) {
      const answer = await post(t.relay.url, body);
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.equal(json(answer.body)['code'], 'bad-request');
    }
    assert.equal((await rawRequest(t.relay.url, { path: '/visitor/token' })).status, 405);
  });

  it('rate-limits one address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) statuses.push((await post(t.relay.url, { key: `${KEY}-${i}` })).status);
    assert.deepEqual(statuses.slice(0, 10), Array(10).fill(200));
    assert.deepEqual(statuses.slice(10), [429, 429]);
  });

  it('answers the preflight of an allowed shop page with POST', async () => {
    const answer = await rawRequest(t.relay.url, {
      method: 'OPTIONS',
      path: '/visitor/token',
      headers: { Origin: 'https://shop.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
    assert.equal(answer.status, 204);
    assert.equal(answer.headers['access-control-allow-origin'], 'https://shop.example');
    assert.match(String(answer.headers['access-control-allow-methods']), /POST/);
  });
});

describe('visitor tokens: configuration', () => {
  it('refuses a short secret and a shop that is not an id', async () => {
    for (const options of [{ secret: 'too-short' }, { secret: SECRET, anonymousVisitors: { shop: 'a shop' } }]) {
      await assert.rejects(
        createRelayServer({ port: 0, dataDir: tempDir(), anonymousVisitors: { shop: 'acme' }, ...options }),
        (error: Error & { code?: string }) => error.code === 'config',
      );
    }
  });

  it('reads SUPPORT_ANONYMOUS_SHOP', () => {
    const env = { SUPPORT_SECRET: SECRET, DATA_DIR: tempDir() };
    assert.equal(serveConfig([], env).anonymousVisitors, undefined);
    assert.deepEqual(serveConfig([], { ...env, SUPPORT_ANONYMOUS_SHOP: 'acme' }).anonymousVisitors, { shop: 'acme' });
    assert.throws(() => serveConfig([], { ...env, SUPPORT_ANONYMOUS_SHOP: 'a shop' }), /SUPPORT_ANONYMOUS_SHOP/);
  });
});
