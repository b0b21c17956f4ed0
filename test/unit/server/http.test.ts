import assert from 'node:assert/strict';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { verifyToken } from '../../../server/tokens.js';
import type { TestRelay } from './relay-harness.js';
import { SECRET, TestClient, startRelay, tempDir } from './relay-harness.js';

/** GET with the path sent exactly as written (fetch would normalise `..` away). */
function rawGet(url: string, path: string, method = 'GET'): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function postToken(url: string, body: unknown): Promise<Response> {
  return fetch(`${url}/demo/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('relay HTTP: static files and demo tokens', { timeout: 20_000 }, () => {
  let staticRoot: string;
  let relay: TestRelay;
  let plain: TestRelay;

  before(async () => {
    staticRoot = tempDir('relay-static-');
    mkdirSync(join(staticRoot, 'demo', 'agent'), { recursive: true });
    mkdirSync(join(staticRoot, 'dist'), { recursive: true });
    writeFileSync(join(staticRoot, 'package.json'), '{"secret":"do not serve"}');
    writeFileSync(join(staticRoot, 'demo', 'index.html'), '<!doctype html><title>product</title>');
    writeFileSync(join(staticRoot, 'demo', 'agent', 'index.html'), '<!doctype html><title>agent</title>');
    writeFileSync(join(staticRoot, 'demo', 'style.css'), 'body{}');
    writeFileSync(join(staticRoot, 'demo', '.env'), 'SECRET=1');
    writeFileSync(join(staticRoot, 'dist', 'support-widget.iife.js'), 'window.SupportWidget={}');
    writeFileSync(join(staticRoot, 'dist', 'index.mjs'), 'export {}');
    writeFileSync(join(staticRoot, 'dist', 'index.js.map'), '{}');
    writeFileSync(join(staticRoot, 'dist', 'manifest.json'), '{}');
    writeFileSync(join(staticRoot, 'dist', 'logo.svg'), '<svg/>');
    writeFileSync(join(staticRoot, 'dist', 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    symlinkSync(join(staticRoot, 'package.json'), join(staticRoot, 'dist', 'escape.json'));
    relay = await startRelay({ staticRoot, demo: true });
    plain = await startRelay({ staticRoot, demo: false });
  });

  after(async () => {
    await relay.dispose();
    await plain.dispose();
    rmSync(staticRoot, { recursive: true, force: true });
  });

  it('serves the product page, the agent desk, demo assets and bundles with their types', async () => {
    const cases: Array<[string, string, string]> = [
      ['/', 'text/html; charset=utf-8', '<title>product</title>'],
      ['/agent/', 'text/html; charset=utf-8', '<title>agent</title>'],
      ['/demo/style.css', 'text/css; charset=utf-8', 'body{}'],
      ['/dist/support-widget.iife.js', 'text/javascript; charset=utf-8', 'window.SupportWidget={}'],
      ['/dist/index.mjs?v=1', 'text/javascript; charset=utf-8', 'export {}'],
      ['/dist/index.js.map', 'application/json; charset=utf-8', '{}'],
      ['/dist/manifest.json', 'application/json; charset=utf-8', '{}'],
      ['/dist/logo.svg', 'image/svg+xml', '<svg/>'],
      ['/dist/logo.png', 'image/png', '\u0089PNG'.slice(1)],
    ];
    for (const [path, type, body] of cases) {
      const res = await rawGet(relay.url, path);
      assert.equal(res.status, 200, path);
      assert.equal(res.headers['content-type'], type, path);
      assert.equal(res.headers['x-content-type-options'], 'nosniff', path);
      assert.ok(res.body.includes(body), path);
    }
    const head = await rawGet(relay.url, '/dist/support-widget.iife.js', 'HEAD');
    assert.deepEqual([head.status, head.headers['content-length'], head.body], [200, '23', '']);
    assert.equal((await rawGet(relay.url, '/agent')).headers.location, '/agent/');
    const health = await fetch(`${relay.url}/healthz`);
    assert.deepEqual(await health.json(), { ok: true });
  });

  it('answers 404 to traversal, encoded traversal, hidden files and unknown paths', async () => {
    const paths = [
      '/dist/../package.json',
      '/dist/%2e%2e/package.json',
      '/dist/%2E%2E%2Fpackage.json',
      '/dist/..%2fpackage.json',
      '/dist/..%5cpackage.json',
      '/dist/%252e%252e/package.json',
      '/demo/../../etc/passwd',
      '/dist//etc/passwd',
      '/dist/%00index.mjs',
      '/dist/%E0%A4%A',
      '/demo/.env',
      '/dist/escape.json',
      '/dist/',
      '/dist',
      '/package.json',
      '/server/index.ts',
      '/nope',
    ];
    for (const path of paths) {
      const res = await rawGet(relay.url, path);
      assert.equal(res.status, 404, path);
      assert.ok(!res.body.includes('do not serve'), path);
      assert.equal(res.headers['x-content-type-options'], 'nosniff', path);
    }
    assert.equal((await rawGet(relay.url, '/dist/index.mjs', 'DELETE')).status, 405);
  });

  it('refuses WebSocket upgrades outside /ws', async () => {
    await assert.rejects(TestClient.open(relay.url.replace(/\/?$/, '/ws-not')));
  });

  it('issues demo tokens for customers and agents when demo mode is on', async () => {
    const before = Date.now();
    const res = await postToken(relay.url, { role: 'customer', userId: 'cust_01', userName: 'Ana' });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const { token, expiresAt } = (await res.json()) as { token: string; expiresAt: number };
    assert.ok(expiresAt >= before + 3599_000 && expiresAt <= Date.now() + 3600_000);
    const claims = verifyToken(token, SECRET);
    assert.deepEqual(claims, { sub: 'cust_01', name: 'Ana', role: 'customer', shop: 'demo', conv: ['c-cust_01'], exp: expiresAt / 1000 });
    const { welcome, client } = await TestClient.connect(relay.url, token);
    assert.deepEqual(welcome.conversations.map((c) => c.id), ['c-cust_01']);
    await client.close();

    const admin = verifyToken(((await (await postToken(relay.url, { role: 'admin', userId: 'desk-0' })).json()) as { token: string }).token, SECRET);
    assert.deepEqual([admin.role, admin.name], ['admin', 'Admin'], 'the demo desk may sign in as an admin (canned replies)');
    const agent = verifyToken(((await (await postToken(relay.url, { role: 'agent', userId: 'desk-1' })).json()) as { token: string }).token, SECRET);
    assert.deepEqual([agent.role, agent.shop, agent.conv, agent.name], ['agent', 'demo', undefined, 'Agent']);
  });

  it('validates demo token requests', async () => {
    const bad = [
      '{not json',
      { role: 'owner', userId: 'u1' },
      { role: 'customer' },
      { role: 'customer', userId: '' },
      { role: 'customer', userId: 'a/b' },
      { role: 'customer', userId: 'x'.repeat(65) },
      { role: 'customer', userId: 'u1', userName: 7 },
    ];
    for (const body of bad) {
      const res = await postToken(relay.url, body);
      assert.equal(res.status, 400, JSON.stringify(body));
    }
    assert.equal((await fetch(`${relay.url}/demo/token`)).status, 405);
  });

  it('has no demo token endpoint when demo mode is off', async () => {
    const res = await postToken(plain.url, { role: 'agent', userId: 'u1' });
    assert.equal(res.status, 404);
    await res.body?.cancel();
  });
});
