/**
 * Privacy: no response of the relay sets a cookie and the demo pages name no other origin;
 * `SUPPORT_RETENTION_DAYS` deletes old history and uploads at start and periodically (in
 * simulated time); the admin API exports a customer's data as JSON and deletes it, removing
 * upload files no other conversation shares.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import { createRelayServer } from '../../server/index.js';
import type { CustomerExport, DeletionCounts } from '../../server/privacy-store.js';
import { freePort, startRelay } from '../support/relay-process.js';
import { TestClient, sendFrame } from '../unit/server/relay-harness.js';
import { gif, png } from '../unit/uploads/sample-files.js';
import type { HttpAnswer } from './http-client.js';
import { httpRequest, upload } from './http-client.js';
import { SECRET, agentToken, customerToken, reportFigures, startTestRelay, storedMessages, until } from './reliability-harness.js';

const ADMIN = 'admin-secret-0123456789abcdef';
const DAY_MS = 24 * 60 * 60 * 1000;
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Runs the test with `Date.now` shifted by `offset.ms` for the server and the clients alike. */
function simulatedClock(t: { after(fn: () => void): void }): { ms: number } {
  const offset = { ms: 0 };
  const realNow = Date.now;
  Date.now = () => realNow() + offset.ms;
  t.after(() => {
    Date.now = realNow;
  });
  return offset;
}

function admin(path: string, method = 'GET', token = ADMIN): { method: string; path: string; headers: Record<string, string> } {
  return { method, path, headers: { Authorization: `Bearer ${token}` } };
}

/** Stored upload files (content addressed), relative to the uploads dir. */
function storedFiles(dataDir: string): string[] {
  const root = join(dataDir, 'uploads');
  return readdirSync(root, { recursive: true })
    .map(String)
    .filter((p) => /^[0-9a-f]{2}\/[0-9a-f]{64}$/.test(p))
    .sort();
}

async function say(url: string, token: string, conversationId: string, bodies: string[], extra: object = {}): Promise<void> {
  const { client } = await TestClient.connect(url, token);
  for (const [i, body] of bodies.entries()) {
    client.send({ ...sendFrame(conversationId, `${conversationId}-${Date.now()}-${i}`, body), ...extra });
    await client.next('ack');
  }
  await client.close();
}

describe('privacy', { timeout: 60_000 }, () => {
  it('sets no cookie on any response and names no other origin in the demo pages', async (t) => {
    const relay = await startTestRelay(t, { demo: true, adminToken: ADMIN, retentionDays: 30, staticRoot: repoRoot });
    const ana = customerToken('ana');
    await say(relay.url, ana, 'c-ana', ['hello']);
    const stored = await upload(relay.url, ana, 'c-ana', png());
    const id = (stored.json() as { id: string }).id;
    const answers: Array<[string, HttpAnswer]> = [['POST /uploads', stored]];
    const requests: Array<[string, Parameters<typeof httpRequest>[1]]> = [
      ['GET /', { path: '/' }],
      ['GET /agent', { path: '/agent' }],
      ['GET /agent/', { path: '/agent/' }],
      ['GET /healthz', { path: '/healthz' }],
      ['GET /demo/shop.css', { path: '/demo/shop.css' }],
      ['GET /demo/product.js', { path: '/demo/product.js' }],
      ['GET /dist/support-widget.iife.js', { path: '/dist/support-widget.iife.js' }],
      ['GET /nope', { path: '/nope' }],
      ['POST /', { method: 'POST', path: '/' }],
      ['POST /demo/token', { method: 'POST', path: '/demo/token', headers: { 'Content-Type': 'application/json' }, body: '{"role":"customer","userId":"c1"}' }],
      ['POST /demo/token (bad)', { method: 'POST', path: '/demo/token', body: 'nope' }],
      ['GET /demo/token', { path: '/demo/token' }],
      ['OPTIONS /uploads', { method: 'OPTIONS', path: '/uploads' }],
      ['GET /uploads/id', { path: `/uploads/${id}`, headers: { Authorization: `Bearer ${ana}` } }],
      ['GET /uploads/id (range)', { path: `/uploads/${id}`, headers: { Authorization: `Bearer ${ana}`, Range: 'bytes=0-3' } }],
      ['HEAD /uploads/id', { method: 'HEAD', path: `/uploads/${id}`, headers: { Authorization: `Bearer ${ana}` } }],
      ['GET /uploads/id (no token)', { path: `/uploads/${id}` }],
      ['GET /uploads/id (token in the URL)', { path: `/uploads/${id}?token=${ana}` }],
      ['POST /uploads/id/url', { method: 'POST', path: `/uploads/${id}/url`, headers: { Authorization: `Bearer ${ana}` } }],
      ['GET /uploads/id (bad signature)', { path: `/uploads/${id}?v=ana&exp=9999999999&sig=${'A'.repeat(43)}` }],
      ['GET /uploads/unknown', { path: '/uploads/unknown-upload-id-0000', headers: { Authorization: `Bearer ${ana}` } }],
      ['POST /uploads (no token)', { method: 'POST', path: '/uploads?conversationId=c-ana', body: png() }],
      ['GET /privacy/export', admin('/privacy/export?customerId=ana&shop=demo')],
      ['GET /privacy/export (no token)', { path: '/privacy/export?customerId=ana&shop=demo' }],
      ['DELETE /privacy/customers/x', admin('/privacy/customers/nobody?shop=demo', 'DELETE')],
      ['POST /agora/token', { method: 'POST', path: '/agora/token', headers: { Authorization: `Bearer ${ana}` } }],
    ];
    for (const [name, request] of requests) answers.push([name, await httpRequest(relay.url, request)]);
    // The WebSocket upgrade answer, and a refused upgrade.
    const upgradeHeaders = await new Promise<Record<string, string | string[] | undefined>>((resolve, reject) => {
      const ws = new WebSocket(`${relay.url.replace('http', 'ws')}/ws`);
      ws.once('upgrade', (res) => resolve(res.headers));
      ws.once('error', reject);
      t.after(() => ws.terminate());
    });
    const withCookies = answers.filter(([, a]) => a.headers['set-cookie'] !== undefined).map(([name]) => name);
    assert.deepEqual(withCookies, [], 'no response sets a cookie');
    assert.equal(upgradeHeaders['set-cookie'], undefined, 'the WebSocket upgrade sets no cookie');
    assert.ok(answers.some(([name, a]) => name === 'GET /' && a.status === 200), 'the product page was served');

    // The demo pages load nothing from another origin (no fonts, analytics or CDNs).
    const demoFiles = readdirSync(join(repoRoot, 'demo'), { recursive: true }).map(String).filter((f) => /\.(html|css|js)$/.test(f));
    const foreign = demoFiles.flatMap((f) => (readFileSync(join(repoRoot, 'demo', f), 'utf8').match(/(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}/gi) ?? []).map((u) => `${f}: ${u}`));
    assert.deepEqual(foreign, [], 'no third-party URL in demo/');
    reportFigures(t, 'privacy-cookies', { responsesChecked: answers.length + 1, withSetCookie: 0, demoFilesScanned: demoFiles.length, thirdPartyUrls: 0 });
  });

  it('deletes history and uploads older than the retention period at start and periodically', async (t) => {
    const clock = simulatedClock(t);
    const dataDir = mkdtempSync(join(tmpdir(), 'support-retention-'));
    t.after(() => rmSync(dataDir, { recursive: true, force: true }));

    // Forty days ago: a conversation with history and two files; ten days ago: more history and a file.
    clock.ms = -40 * DAY_MS;
    let relay = await createRelayServer({ port: 0, dataDir, secret: SECRET });
    const ana = (): string => customerToken('ana');
    await say(relay.url, ana(), 'c-ana', ['old 1', 'old 2', 'old 3'], { context: { orderId: 'O-1', serial: 'SN-1' } });
    const oldPng = (await upload(relay.url, ana(), 'c-ana', png())).json() as { id: string };
    const oldGif = (await upload(relay.url, ana(), 'c-ana', gif())).json() as { id: string };
    await say(relay.url, customerToken('old-bob'), 'c-old-bob', ['forgotten'], { context: { orderId: 'O-9' } });
    clock.ms = -10 * DAY_MS;
    await say(relay.url, ana(), 'c-ana', ['recent 1']);
    // The same bytes as an old file, uploaded recently: the file must stay for this newer upload.
    const recentPng = (await upload(relay.url, ana(), 'c-ana', png())).json() as { id: string };
    await relay.close();
    assert.equal(storedFiles(dataDir).length, 2);
    // A stray file no upload row names (a crash between storing and indexing), old enough to be a leftover.
    const strayDir = join(dataDir, 'uploads', 'ee');
    mkdirSync(strayDir, { recursive: true });
    const stray = join(strayDir, 'e'.repeat(64));
    writeFileSync(stray, 'leftover');
    utimesSync(stray, new Date(Date.now() - 2 * 3600_000), new Date(Date.now() - 2 * 3600_000));

    // Today, with a 30-day retention: the sweep at start removes what is older.
    clock.ms = 0;
    const swept: string[] = [];
    relay = await createRelayServer({ port: 0, dataDir, secret: SECRET, retentionDays: 30, retentionSweepIntervalMs: 100, log: (event) => swept.push(JSON.stringify(event)) });
    t.after(() => relay.close());
    const rows = storedMessages(dataDir);
    assert.deepEqual(rows.get('c-ana')?.map((r) => [r.seq, r.body]), [[4, 'recent 1']], 'only the recent message is left');
    assert.equal(rows.get('c-old-bob'), undefined);
    assert.equal(storedFiles(dataDir).length, 1, 'the old gif and the stray file are gone; the png stays for its recent upload');
    assert.equal(existsSync(stray), false);
    assert.equal((await httpRequest(relay.url, { path: `/uploads/${oldGif.id}`, headers: { Authorization: `Bearer ${ana()}` } })).status, 404);
    assert.equal((await httpRequest(relay.url, { path: `/uploads/${oldPng.id}`, headers: { Authorization: `Bearer ${ana()}` } })).status, 404);
    assert.equal((await httpRequest(relay.url, { path: `/uploads/${recentPng.id}`, headers: { Authorization: `Bearer ${ana()}` } })).status, 200);
    const db = new Database(join(dataDir, 'support.sqlite'), { readonly: true });
    t.after(() => db.close());
    const oldBob = db.prepare('SELECT context, last_seq FROM conversations WHERE id = ?').get('c-old-bob') as { context: string | null; last_seq: number };
    assert.deepEqual(oldBob, { context: null, last_seq: 1 }, 'an idle conversation keeps its seq counter but loses its context');
    assert.match(swept.join('\n'), /"event":"retention-sweep","messages":4,"uploads":2,"contexts":\d+,"files":2/);

    // Sequence numbers are never reused: the next message continues after the deleted ones.
    const { client, welcome } = await TestClient.connect(relay.url, ana(), { 'c-ana': 0 });
    t.after(() => client.close());
    assert.equal((await client.next('message')).body, 'recent 1', 'a resume from 0 replays only what is kept');
    assert.equal(welcome.conversations[0]?.lastSeq, 4);
    client.send(sendFrame('c-ana', 'fresh', 'new today'));
    assert.equal((await client.next('ack')).seq, 5);

    // Periodic sweep: 21 days later (simulated) the recent message and file are past 30 days too.
    clock.ms = 21 * DAY_MS;
    await until(() => storedMessages(dataDir).get('c-ana')?.length === 1, () => 'the periodic sweep', 15_000);
    assert.deepEqual(storedMessages(dataDir).get('c-ana')?.map((r) => r.body), ['new today']);
    await until(() => storedFiles(dataDir).length === 0, () => 'the recent png to expire', 15_000);
    reportFigures(t, 'privacy-retention', { retentionDays: 30, messagesExpiredAtStart: 4, uploadsExpiredAtStart: 2, filesRemovedAtStart: 2, periodicSweepMs: 100 });
  });

  it('exports a customer\'s data as JSON and deletes it, keeping files another conversation shares', async (t) => {
    const relay = await startTestRelay(t, { adminToken: ADMIN });
    const ana = customerToken('ana');
    const bob = customerToken('bob');
    // A hello creates each customer's conversation; uploads need it to exist.
    await say(relay.url, ana, 'c-ana', []);
    await say(relay.url, bob, 'c-bob', []);
    const sharedPng = (await upload(relay.url, ana, 'c-ana', png(), 'serial.png')).json() as { id: string };
    const anaGif = (await upload(relay.url, ana, 'c-ana', gif(), 'scratch.gif')).json() as { id: string };
    await say(relay.url, ana, 'c-ana', ['my phone VX12P-8F3K2Q flickers'], {
      context: { sku: 'VX12P', serial: 'VX12P-8F3K2Q', orderId: '100234' },
      attachments: [{ id: sharedPng.id, kind: 'image', mime: 'image/png', size: 1, name: 'serial.png', url: `/uploads/${sharedPng.id}` }],
    });
    const bobPng = (await upload(relay.url, bob, 'c-bob', png())).json() as { id: string };
    await say(relay.url, bob, 'c-bob', ['bob is here']);
    const { client: agent } = await TestClient.connect(relay.url, agentToken('alex'));
    t.after(() => agent.close());
    agent.send(sendFrame('c-ana', 'alex-1', 'please send a photo'));
    await agent.next('ack');
    agent.send({ type: 'receipt', conversationId: 'c-ana', kind: 'read', upTo: 2 });
    await agent.sync();
    assert.deepEqual(storedFiles(relay.dataDir).length, 2, 'png stored once (shared by ana and bob), gif once');

    // Authorisation of the admin API.
    for (const [request, status] of [
      [{ path: '/privacy/export?customerId=ana' }, 401],
      [admin('/privacy/export?customerId=ana', 'GET', `${ADMIN}x`), 401],
      [admin('/privacy/export?customerId=ana', 'GET', ana), 401],
      [admin('/privacy/customers/ana', 'DELETE', 'short'), 401],
      [admin('/privacy/export?customerId=a%2Fb'), 400],
      [admin('/privacy/export?customerId=ana&shop=*'), 400],
      [admin('/privacy/export?customerId=ana'), 400],
      [admin('/privacy/customers/ana', 'DELETE'), 400],
      [admin('/privacy/customers/ana'), 405],
      [admin('/privacy/export?customerId=ana', 'DELETE'), 405],
      [admin('/privacy/other'), 404],
    ] as const) {
      const answer = await httpRequest(relay.url, request);
      assert.equal(answer.status, status, `${request.path} ${answer.body.toString()}`);
    }

    const exported = await httpRequest(relay.url, admin('/privacy/export?customerId=ana&shop=demo'));
    assert.equal(exported.status, 200);
    assert.equal(exported.headers['cache-control'], 'no-store');
    assert.equal(exported.headers['access-control-allow-origin'], undefined, 'not readable from a browser page');
    const data = exported.json() as CustomerExport;
    assert.deepEqual(data.conversations.map((c) => c.id), ['c-ana']);
    const [conversation] = data.conversations;
    assert.deepEqual(conversation?.messages.map((m) => m.body), ['my phone VX12P-8F3K2Q flickers', 'please send a photo']);
    assert.deepEqual(conversation?.context, { sku: 'VX12P', serial: 'VX12P-8F3K2Q', orderId: '100234' });
    assert.deepEqual(conversation?.uploads.map((u) => [u.id, u.mime, u.name]).sort(), [[anaGif.id, 'image/gif', 'scratch.gif'], [sharedPng.id, 'image/png', 'serial.png']].sort());
    assert.ok(conversation?.receipts.some((r) => r.userId === 'alex' && r.readUpTo === 2));
    const otherShop = (await httpRequest(relay.url, admin('/privacy/export?customerId=ana&shop=rival'))).json() as CustomerExport;
    assert.deepEqual([otherShop.shop, otherShop.conversations], ['rival', []], 'the shop filter applies');

    const deleted = await httpRequest(relay.url, admin('/privacy/customers/ana?shop=demo', 'DELETE'));
    assert.equal(deleted.status, 200);
    const counts = (deleted.json() as { deleted: DeletionCounts }).deleted;
    assert.deepEqual(counts, { conversations: 1, messages: 2, receipts: counts.receipts, uploads: 2, files: 1 });
    assert.ok(counts.receipts >= 1);
    assert.equal(storedMessages(relay.dataDir).get('c-ana'), undefined, 'no message of ana is left');
    assert.equal(storedFiles(relay.dataDir).length, 1, 'the gif is gone, the png stays for bob');
    assert.equal((await httpRequest(relay.url, { path: `/uploads/${anaGif.id}`, headers: { Authorization: `Bearer ${ana}` } })).status, 404);
    assert.equal((await httpRequest(relay.url, { path: `/uploads/${sharedPng.id}`, headers: { Authorization: `Bearer ${ana}` } })).status, 404);
    assert.equal((await httpRequest(relay.url, { path: `/uploads/${bobPng.id}`, headers: { Authorization: `Bearer ${bob}` } })).status, 200, 'bob\'s copy of the same bytes still serves');
    assert.deepEqual(storedMessages(relay.dataDir).get('c-bob')?.map((r) => r.body), ['bob is here']);
    assert.deepEqual((JSON.parse((await httpRequest(relay.url, admin('/privacy/export?customerId=ana&shop=demo'))).body.toString()) as CustomerExport).conversations, []);
    agent.send({ type: 'history', requestId: 'gone', conversationId: 'c-ana' });
    assert.equal((await agent.next('error')).code, 'not-found', 'the agent finds nothing left');
    reportFigures(t, 'privacy-export-delete', { exportedConversations: 1, exportedMessages: 2, exportedUploads: 2, deleted: JSON.stringify(counts), sharedFileKept: true });
  });

  it('is off without an admin token, refuses a short one, and is configured from the environment', async (t) => {
    const plain = await startTestRelay(t);
    assert.equal((await httpRequest(plain.url, admin('/privacy/export?customerId=ana'))).status, 404, 'no admin token: no privacy API');
    const dir = mkdtempSync(join(tmpdir(), 'support-privacy-config-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    await assert.rejects(createRelayServer({ port: 0, dataDir: dir, secret: SECRET, adminToken: 'short' }), /at least 16 characters/);

    // History written 40 (simulated) days ago, then the real server started with SUPPORT_RETENTION_DAYS=30.
    const clock = simulatedClock(t);
    clock.ms = -40 * DAY_MS;
    const past = await createRelayServer({ port: 0, dataDir: dir, secret: SECRET });
    await say(past.url, customerToken('env'), 'c-env', ['from long ago']);
    await past.close();
    clock.ms = 0;
    const child = await startRelay({ port: await freePort(), dataDir: dir, env: { SUPPORT_SECRET: SECRET, SUPPORT_DEMO: '0', SUPPORT_ADMIN_TOKEN: ADMIN, SUPPORT_RETENTION_DAYS: '30' } });
    t.after(() => child.stop('SIGKILL'));
    await say(child.url, customerToken('env'), 'c-env', ['from today']);
    const exported = await httpRequest(child.url, admin('/privacy/export?customerId=env&shop=demo'));
    assert.equal(exported.status, 200);
    assert.deepEqual((exported.json() as CustomerExport).conversations[0]?.messages.map((m) => [m.seq, m.body]), [[2, 'from today']]);
  });
});
