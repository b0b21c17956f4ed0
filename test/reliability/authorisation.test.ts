/**
 * Authorisation, over real sockets and HTTP: tampered, expired and wrong-role tokens are
 * refused on every channel (WebSocket hello, upload GET with header or query, upload POST);
 * a customer cannot read, resume, post to or fetch files of another conversation (nor of
 * another shop); an agent of one shop sees nothing of another shop. Positive controls prove
 * each refused request would work for the rightful member.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import type { ServerFrame } from '../../src/protocol/frames.js';
import { TestClient, sendFrame } from '../unit/server/relay-harness.js';
import { png } from '../unit/uploads/sample-files.js';
import { httpRequest, upload } from './http-client.js';
import { SECRET, agentToken, customerToken, reportFigures, startTestRelay, storedMessages } from './reliability-harness.js';

function b64(value: unknown): string {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value), 'utf8').toString('base64url');
}

/** Signs any payload the way the relay does (so only the claims are wrong, not the signature). */
function signRaw(payload: unknown, secret = SECRET): string {
  const body = b64(payload);
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

const inAnHour = (): number => Math.floor(Date.now() / 1000) + 3600;

/** Tokens that must be refused, with the code each channel answers. */
function hostileTokens(): Array<{ name: string; token: string; code: 'unauthorized' | 'token-expired' | 'bad-frame' }> {
  const valid = customerToken('mal', { conv: ['c-mal'] });
  const [payload = '', signature = ''] = valid.split('.');
  const agentPayload = b64({ sub: 'mal', name: 'Mal', role: 'agent', shop: 'demo', exp: inAnHour() });
  const customer = { sub: 'mal', name: 'Mal', role: 'customer', shop: 'demo', conv: ['c-mal'] };
  // The last base64url character of a 32-byte MAC carries 2 unused bits: changing them keeps the bytes.
  const lastChar = signature.at(-1) ?? 'A';
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const sameBytes = alphabet[(alphabet.indexOf(lastChar) & ~3) | ((alphabet.indexOf(lastChar) + 1) & 3)] ?? 'A';
  return [
    { name: 'signature flipped', token: `${payload}.${signature.slice(0, -2)}${signature.at(-2) === 'A' ? 'B' : 'A'}${lastChar}`, code: 'unauthorized' },
    { name: 'claims swapped to agent, old signature', token: `${agentPayload}.${signature}`, code: 'unauthorized' },
    { name: 'signed with another secret', token: customerToken('mal', { secret: 'not-the-relay-secret' }), code: 'unauthorized' },
    { name: 'no signature', token: `${payload}.`, code: 'unauthorized' },
    { name: 'three parts', token: `${valid}.${signature}`, code: 'unauthorized' },
    { name: 'padded signature', token: `${valid}=`, code: 'unauthorized' },
    { name: 'non-canonical signature (same bytes)', token: `${payload}.${signature.slice(0, -1)}${sameBytes}`, code: 'unauthorized' },
    { name: 'JWT alg none', token: `${b64({ alg: 'none' })}.${payload}.`, code: 'unauthorized' },
    { name: 'leading space', token: ` ${valid}`, code: 'unauthorized' },
    { name: 'claims are an array', token: signRaw([customer]), code: 'unauthorized' },
    { name: 'claims empty', token: signRaw({}), code: 'unauthorized' },
    { name: 'payload not JSON', token: signRaw('{"sub":'), code: 'unauthorized' },
    { name: 'role owner', token: signRaw({ ...customer, role: 'owner', exp: inAnHour() }), code: 'unauthorized' },
    { name: 'role Agent (case)', token: signRaw({ ...customer, role: 'Agent', exp: inAnHour() }), code: 'unauthorized' },
    { name: 'role missing', token: signRaw({ sub: 'mal', name: 'Mal', shop: 'demo', exp: inAnHour() }), code: 'unauthorized' },
    { name: 'customer without conv', token: signRaw({ sub: 'mal', name: 'Mal', role: 'customer', shop: 'demo', exp: inAnHour() }), code: 'unauthorized' },
    { name: 'conv wildcard', token: signRaw({ ...customer, conv: ['*'], exp: inAnHour() }), code: 'unauthorized' },
    { name: 'shop wildcard', token: signRaw({ ...customer, shop: '*', exp: inAnHour() }), code: 'unauthorized' },
    { name: 'sub with a slash', token: signRaw({ ...customer, sub: '../ana', exp: inAnHour() }), code: 'unauthorized' },
    { name: 'exp as a string', token: signRaw({ ...customer, exp: String(inAnHour()) }), code: 'unauthorized' },
    { name: 'exp missing', token: signRaw(customer), code: 'unauthorized' },
    { name: 'expired a second ago', token: customerToken('mal', { exp: Math.floor(Date.now() / 1000) - 1 }), code: 'token-expired' },
    { name: 'expired at epoch', token: customerToken('mal', { exp: 0 }), code: 'token-expired' },
    { name: 'expired and tampered', token: `${b64({ ...customer, exp: 1 })}.${signature}`, code: 'unauthorized' },
    { name: 'longer than 8192 characters', token: `${payload}${'A'.repeat(8200)}.${signature}`, code: 'bad-frame' },
  ];
}

/** The relay under test and the sockets to close after the test. */
interface Setup {
  url: string;
  clients: TestClient[];
}

async function connect(setup: Setup, token: string, resume?: Record<string, number>): Promise<{ client: TestClient; welcome: Extract<ServerFrame, { type: 'welcome' }> }> {
  const result = await TestClient.connect(setup.url, token, resume);
  setup.clients.push(result.client);
  return result;
}

describe('authorisation', { timeout: 60_000 }, () => {
  it('refuses tampered, expired and wrong-role tokens on the socket and on uploads', async (t) => {
    const relay = await startTestRelay(t);
    const setup: Setup = { url: relay.url, clients: [] };
    t.after(() => Promise.all(setup.clients.map((c) => c.close())));
    const ana = customerToken('ana');
    await connect(setup, ana);
    const stored = await upload(relay.url, ana, 'c-ana', png());
    assert.equal(stored.status, 201);
    const uploadId = (stored.json() as { id: string }).id;
    let tried = 0;
    for (const { name, token, code } of hostileTokens()) {
      const client = await TestClient.open(relay.url);
      setup.clients.push(client);
      client.send({ type: 'hello', token });
      const error = await client.next('error');
      tried += 1;
      if (code === 'bad-frame') {
        // Refused by the frame validator before any signature check; the socket stays unauthenticated.
        assert.deepEqual([error.code, error.fatal], ['bad-frame', undefined], name);
        client.send({ type: 'history', requestId: 'h', conversationId: 'c-ana' });
        assert.equal((await client.next('error')).code, 'not-authenticated', name);
        await client.close();
      } else {
        assert.deepEqual([error.code, error.fatal], [code, true], name);
        assert.equal((await client.closed).code, 1008, name);
      }
      const httpCode = code === 'bad-frame' ? 'unauthorized' : code;
      const answers = await Promise.all([
        httpRequest(relay.url, { method: 'POST', path: `/uploads/${uploadId}/url`, headers: { Authorization: `Bearer ${token}` } }),
        httpRequest(relay.url, { path: `/uploads/${uploadId}`, headers: { Authorization: `Bearer ${token}` } }),
        upload(relay.url, token, 'c-ana', png()),
      ]);
      tried += answers.length;
      for (const answer of answers) {
        // `Bearer <space>token` is still mal's valid token: authenticated, and then forbidden.
        const [status, expected] = name === 'leading space' ? [403, 'forbidden'] : [401, httpCode];
        assert.equal(answer.status, status, `${name}: ${answer.body.toString().slice(0, 200)}`);
        assert.equal((answer.json() as { code: string }).code, expected, name);
      }
    }
    // Positive control: the rightful token reads the file.
    assert.equal((await httpRequest(relay.url, { path: `/uploads/${uploadId}`, headers: { Authorization: `Bearer ${ana}` } })).status, 200);
    assert.equal(storedMessages(relay.dataDir).size, 0, 'nothing was stored by a refused token');
    reportFigures(t, 'authorisation-tokens', { hostileTokens: hostileTokens().length, requestsTried: tried, accepted: 0 });
  });

  it('keeps customers out of other conversations and agents out of other shops', async (t) => {
    const relay = await startTestRelay(t);
    const setup: Setup = { url: relay.url, clients: [] };
    t.after(() => Promise.all(setup.clients.map((c) => c.close())));
    const anaToken = customerToken('ana');
    const { client: ana } = await connect(setup, anaToken);
    const file = await upload(relay.url, anaToken, 'c-ana', png(), 'receipt.png');
    const anaUpload = (file.json() as { id: string }).id;
    ana.send({ ...sendFrame('c-ana', 'ana-1', 'my serial is VX12P-8F3K2Q'), attachments: [{ id: anaUpload, kind: 'image', mime: 'image/png', size: 1, name: 'r.png', url: `/uploads/${anaUpload}` }] });
    await ana.next('ack');
    // A rival shop also has a conversation and a file.
    const rivalCustomer = customerToken('rita', { shop: 'rival' });
    await connect(setup, rivalCustomer);
    const rivalFile = (await upload(relay.url, rivalCustomer, 'c-rita', png())).json() as { id: string };

    let denied = 0;
    /** Sends `frame` and expects a `forbidden` (or `code`) error naming `ref`. */
    async function refused(client: TestClient, frame: object, ref: string, what: string, code = 'forbidden'): Promise<void> {
      client.send(frame);
      const error = await client.next('error');
      assert.deepEqual([error.code, error.ref], [code, ref], what);
      denied += 1;
    }
    async function httpRefused(path: string, token: string, what: string, method = 'GET', expected = 403): Promise<void> {
      const answer = method === 'POST' ? await upload(relay.url, token, path, png()) : await httpRequest(relay.url, { method, path, headers: { Authorization: `Bearer ${token}` } });
      assert.equal(answer.status, expected, what);
      denied += 1;
    }

    // Another customer of the same shop.
    const malToken = customerToken('mal');
    const { client: mal, welcome: malWelcome } = await connect(setup, malToken, { 'c-ana': 0 });
    assert.deepEqual(malWelcome.conversations.map((c) => c.id), ['c-mal']);
    assert.deepEqual([(await mal.next('error')).code], ['forbidden'], 'resume of c-ana');
    denied += 1;
    await refused(mal, { type: 'history', requestId: 'h1', conversationId: 'c-ana' }, 'h1', 'customer history');
    await refused(mal, sendFrame('c-ana', 'mal-1'), 'mal-1', 'customer send');
    await refused(mal, { type: 'typing', conversationId: 'c-ana', typing: true }, 'c-ana', 'customer typing');
    await refused(mal, { type: 'receipt', conversationId: 'c-ana', kind: 'read', upTo: 1 }, 'c-ana', 'customer receipt');
    await refused(mal, { type: 'context', conversationId: 'c-ana', context: { sku: 'forged' } }, 'c-ana', 'customer context');
    await refused(mal, { type: 'signal', conversationId: 'c-ana', callId: 'k', action: 'invite' }, 'c-ana', 'customer signal');
    await refused(
      mal,
      { ...sendFrame('c-mal', 'mal-2', 'look'), attachments: [{ id: anaUpload, kind: 'image', mime: 'image/png', size: 1, name: 'x.png', url: `/uploads/${anaUpload}` }] },
      'mal-2',
      'customer re-posting another conversation\'s file',
    );
    await refused(mal, { ...sendFrame('c-mal', 'mal-3'), kind: 'system' }, 'mal-3', 'customer sending as the system');
    await httpRefused(`/uploads/${anaUpload}`, malToken, 'customer GET of another conversation\'s file');
    await httpRefused(`/uploads/${anaUpload}`, malToken, 'customer HEAD of another conversation\'s file', 'HEAD');
    await httpRefused('c-ana', malToken, 'customer POST into another conversation', 'POST');
    await mal.sync();
    assert.deepEqual(mal.pending('message'), [], 'mal received none of ana\'s messages');

    // An agent of the rival shop: conversation ids are per shop, so there c-ana does not exist.
    const spyToken = agentToken('spy', { shop: 'rival' });
    const { client: spy, welcome: spyWelcome } = await connect(setup, spyToken, { 'c-ana': 0 });
    assert.deepEqual(spyWelcome.conversations.map((c) => c.id).sort(), ['c-rita'], 'only the rival shop\'s queue');
    assert.equal((await spy.next('error')).code, 'not-found', 'resume of another shop\'s conversation');
    denied += 1;
    await refused(spy, { type: 'history', requestId: 'h3', conversationId: 'c-ana' }, 'h3', 'cross-shop agent history', 'not-found');
    await refused(spy, sendFrame('c-ana', 'spy-1'), 'spy-1', 'cross-shop agent send', 'not-found');
    await refused(spy, { type: 'receipt', conversationId: 'c-ana', kind: 'read', upTo: 1 }, 'c-ana', 'cross-shop agent receipt', 'not-found');
    await refused(spy, { type: 'signal', conversationId: 'c-ana', callId: 'k', action: 'invite' }, 'c-ana', 'cross-shop agent signal', 'not-found');
    await httpRefused(`/uploads/${anaUpload}`, spyToken, 'cross-shop agent GET');
    await httpRefused('c-ana', spyToken, 'cross-shop agent POST', 'POST', 404);

    ana.send(sendFrame('c-ana', 'ana-2', 'second message'));
    await ana.next('ack');
    await spy.sync();
    assert.deepEqual(spy.pending().filter((f) => f.type === 'message' || f.type === 'conversation'), [], 'the spy saw no message or queue update');

    // A customer of another shop whose token names this shop's conversation id gets a conversation
    // of the rival shop under that id: empty, with nothing of ana's (and ana keeps hers).
    const impostorToken = customerToken('imp', { shop: 'rival', conv: ['c-ana', 'c-imp'] });
    const { client: impostor, welcome: impostorWelcome } = await connect(setup, impostorToken, { 'c-ana': 0 });
    assert.deepEqual(impostorWelcome.conversations.map((c) => [c.id, c.lastSeq]).sort(), [['c-ana', 0], ['c-imp', 0]], 'a conversation of its own shop');
    impostor.send({ type: 'history', requestId: 'h2', conversationId: 'c-ana' });
    assert.deepEqual((await impostor.next('history')).messages, [], 'none of ana\'s history');
    denied += 1;
    await httpRefused(`/uploads/${anaUpload}`, impostorToken, 'cross-shop customer GET');
    await impostor.sync();
    assert.deepEqual(impostor.pending('message'), [], 'no resumed message of ana\'s');

    // The home shop's agent is not allowed to forge the customer's context either.
    const { client: agent, welcome: agentWelcome } = await connect(setup, agentToken('alex'));
    assert.deepEqual(agentWelcome.conversations.map((c) => c.id).sort(), ['c-ana', 'c-mal']);
    await refused(agent, { ...sendFrame('c-ana', 'alex-1'), context: { sku: 'forged' } }, 'alex-1', 'agent setting the customer context');
    // Positive controls: the rightful members get the same things.
    agent.send({ type: 'history', requestId: 'ok', conversationId: 'c-ana' });
    assert.equal((await agent.next('history')).messages.length, 2);
    assert.equal((await httpRequest(relay.url, { path: `/uploads/${anaUpload}`, headers: { Authorization: `Bearer ${agentToken('alex')}` } })).status, 200);
    assert.equal((await httpRequest(relay.url, { path: `/uploads/${rivalFile.id}`, headers: { Authorization: `Bearer ${spyToken}` } })).status, 200);
    await httpRefused(`/uploads/${rivalFile.id}`, agentToken('alex'), 'home agent GET of the rival shop\'s file');

    const stored = storedMessages(relay.dataDir);
    assert.deepEqual([...stored.keys()], ['c-ana'], 'only ana\'s own messages were stored');
    assert.equal(stored.get('c-ana')?.length, 2);
    reportFigures(t, 'authorisation-access', { attemptsRefused: denied, leaked: 0 });
  });
});
