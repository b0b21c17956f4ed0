/**
 * Allowed origins: the API answers CORS only to listed origins (and same-origin, and requests
 * without an Origin); any other origin gets 403 `origin-not-allowed` with nothing stored, and its
 * WebSocket handshake is refused with 403 before the upgrade.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { OriginPolicy } from '../../../server/origins.js';
import type { TestRelay } from './relay-harness.js';
import { TestClient, customerToken, startRelay } from './relay-harness.js';
import { helloOnce, rawRequest, storedUploads, uploadRows } from '../uploads/upload-harness.js';
import { png } from '../uploads/sample-files.js';

const SHOP = 'https://shop.example';
const STRANGER = 'https://stranger.example';

/** The HTTP status of a WebSocket handshake from `origin` (101 when it upgraded). */
function handshake(relay: TestRelay, origin?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${relay.url.replace(/^http/, 'ws')}/ws`, origin === undefined ? {} : { origin });
    socket.once('open', () => {
      socket.close();
      resolve(101);
    });
    socket.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('error', (error) => reject(error));
  });
}

function upload(relay: TestRelay, token: string, origin?: string) {
  return rawRequest(relay.url, {
    method: 'POST',
    path: '/uploads?conversationId=c-ana&name=hinge.png',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'image/png', ...(origin === undefined ? {} : { Origin: origin }) },
    body: png(),
  });
}

describe('allowed origins (production, SHOP listed)', { timeout: 30_000 }, () => {
  let relay: TestRelay;
  const ana = customerToken('ana');

  before(async () => {
    relay = await startRelay({ allowedOrigins: [SHOP, 'http://127.0.0.1:5173'] });
    await helloOnce(relay, ana);
  });

  after(async () => {
    await relay.dispose();
  });

  it('answers a listed origin with its own origin in CORS headers, never *', async () => {
    const preflight = await rawRequest(relay.url, {
      method: 'OPTIONS',
      path: '/uploads',
      headers: { Origin: SHOP, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization, content-type' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers['access-control-allow-origin'], SHOP);
    assert.match(String(preflight.headers['vary']), /Origin/);
    assert.match(String(preflight.headers['access-control-allow-methods']), /POST/);
    assert.match(String(preflight.headers['access-control-allow-headers']), /Authorization, Content-Type/);

    const stored = await upload(relay, ana, SHOP);
    assert.equal(stored.status, 201, stored.body.toString());
    assert.equal(stored.headers['access-control-allow-origin'], SHOP);
    assert.equal(stored.headers['vary'], 'Origin');
    assert.match(String(stored.headers['access-control-expose-headers']), /Location/);
    assert.equal(uploadRows(relay.dataDir).length, 1);
  });

  it('refuses another origin with 403 origin-not-allowed and stores nothing', async () => {
    const filesBefore = storedUploads(relay.dataDir).length;
    const rowsBefore = uploadRows(relay.dataDir).length;
    const preflight = await rawRequest(relay.url, { method: 'OPTIONS', path: '/uploads', headers: { Origin: STRANGER, 'Access-Control-Request-Method': 'POST' } });
    assert.equal(preflight.status, 403);
    assert.equal(preflight.headers['access-control-allow-methods'], undefined);

    const refused = await upload(relay, ana, STRANGER);
    assert.equal(refused.status, 403);
    const body = JSON.parse(refused.body.toString()) as { error: string; message: string };
    assert.equal(body.error, 'origin-not-allowed');
    assert.match(body.message, /SUPPORT_ALLOWED_ORIGINS/);
    assert.equal(uploadRows(relay.dataDir).length, rowsBefore);
    assert.equal(storedUploads(relay.dataDir).length, filesBefore);

    for (const path of ['/demo/token', '/agora/token', '/privacy/export', '/uploads/AAAAAAAAAAAAAAAAAAAAAAAA']) {
      const answer = await rawRequest(relay.url, { method: path === '/uploads/AAAAAAAAAAAAAAAAAAAAAAAA' || path === '/privacy/export' ? 'GET' : 'POST', path, headers: { Origin: STRANGER } });
      assert.equal(answer.status, 403, path);
    }
  });

  it('allows same-origin and requests without an Origin', async () => {
    const same = await upload(relay, ana, relay.url);
    assert.equal(same.status, 201, 'Origin is the relay itself');
    const none = await upload(relay, ana);
    assert.equal(none.status, 201);
    assert.equal(none.headers['access-control-allow-origin'], undefined);
  });

  it('refuses the WebSocket handshake of another origin with 403, before the upgrade', async () => {
    assert.equal(await handshake(relay, STRANGER), 403);
    assert.equal(await handshake(relay, 'null'), 403);
    assert.equal(await handshake(relay, SHOP), 101);
    assert.equal(await handshake(relay, relay.url), 101, 'same-origin');
    assert.equal(await handshake(relay), 101, 'no Origin (a Node client)');
    const { client } = await TestClient.connect(relay.url, ana);
    await client.close();
  });

  it('tells a refused page why on a plain GET of /ws, readable cross-origin', async () => {
    const refused = await rawRequest(relay.url, { path: '/ws', headers: { Origin: STRANGER } });
    assert.equal(refused.status, 403);
    assert.equal(refused.headers['access-control-allow-origin'], STRANGER);
    assert.equal((JSON.parse(refused.body.toString()) as { error: string }).error, 'origin-not-allowed');
    const allowed = await rawRequest(relay.url, { path: '/ws', headers: { Origin: SHOP } });
    assert.equal(allowed.status, 426);
  });
});

describe('allowed origins: defaults', { timeout: 30_000 }, () => {
  it('production with no list: same-origin and no Origin only', async () => {
    const relay = await startRelay();
    try {
      assert.equal(await handshake(relay, SHOP), 403);
      assert.equal(await handshake(relay, relay.url), 101);
      assert.equal(await handshake(relay), 101);
    } finally {
      await relay.dispose();
    }
  });

  it('demo with no list: any origin (the demo pages and test pages on other ports)', async () => {
    const relay = await startRelay({ demo: true });
    try {
      assert.equal(await handshake(relay, STRANGER), 101);
      const token = await rawRequest(relay.url, {
        method: 'POST',
        path: '/demo/token',
        headers: { Origin: STRANGER, 'Content-Type': 'application/json' },
        body: JSON.stringify({ role: 'customer', userId: 'ana' }),
      });
      assert.equal(token.status, 200);
      assert.equal(token.headers['access-control-allow-origin'], STRANGER);
    } finally {
      await relay.dispose();
    }
  });

  it('demo with a list: only the list (and same-origin)', async () => {
    const relay = await startRelay({ demo: true, allowedOrigins: [SHOP] });
    try {
      assert.equal(await handshake(relay, STRANGER), 403);
      assert.equal(await handshake(relay, SHOP), 101);
    } finally {
      await relay.dispose();
    }
  });

  it('refuses a malformed entry at creation', () => {
    assert.throws(() => new OriginPolicy(['https://shop.example/path'], false), /is not an origin/);
    assert.deepEqual(new OriginPolicy(['HTTPS://Shop.Example:443/'], false).origins, ['https://shop.example']);
  });
});
