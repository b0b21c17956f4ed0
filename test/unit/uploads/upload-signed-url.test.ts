/**
 * Tokens never in URLs: a member asks `POST /uploads/<id>/url` (bearer token in the header) for a
 * short-lived address signed for that one file; an altered or expired address is a coded 403 and
 * serves nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { UploadUrlSigner, UPLOAD_URL_TTL_MS } from '../../../server/upload-url-signing.js';
import type { TestRelay } from '../server/relay-harness.js';
import { SECRET, agentToken, customerToken, startRelay } from '../server/relay-harness.js';
import { helloOnce, postUpload, rawRequest } from './upload-harness.js';
import { png, wav } from './sample-files.js';

interface Stored {
  id: string;
  url: string;
}

describe('signed upload addresses', { timeout: 30_000 }, () => {
  let relay: TestRelay;
  const ana = customerToken('ana');
  const bob = customerToken('bob');
  let photo: Stored;
  let voice: Stored;

  before(async () => {
    relay = await startRelay();
    await helloOnce(relay, ana);
    await helloOnce(relay, bob);
    photo = (await (await postUpload(relay, { token: ana, conversationId: 'c-ana', name: 'p.png', body: png() })).json()) as Stored;
    voice = (await (await postUpload(relay, { token: ana, conversationId: 'c-ana', name: 'v.wav', body: wav() })).json()) as Stored;
  });
  after(() => relay.dispose());

  function ask(id: string, headers: Record<string, string>) {
    return rawRequest(relay.url, { method: 'POST', path: `/uploads/${id}/url`, headers });
  }

  async function signed(id: string, token = ana): Promise<{ url: string; expiresAt: number }> {
    const answer = await ask(id, { Authorization: `Bearer ${token}` });
    assert.equal(answer.status, 200, answer.body.toString());
    assert.equal(answer.headers['cache-control'], 'no-store');
    return JSON.parse(answer.body.toString()) as { url: string; expiresAt: number };
  }

  function codeOf(body: Buffer): string {
    return (JSON.parse(body.toString()) as { code: string }).code;
  }

  it('gives a member an address without the token that loads the file with no header, ranges too', async () => {
    const before = Date.now();
    const { url, expiresAt } = await signed(photo.id);
    assert.match(url, new RegExp(`^/uploads/${photo.id}\\?v=ana&exp=\\d+&sig=[A-Za-z0-9_-]{43}$`));
    assert.ok(!url.includes(ana.split('.')[1] ?? ana) && !url.includes('token'), 'no token in the address');
    assert.ok(expiresAt >= before + UPLOAD_URL_TTL_MS - 1000 && expiresAt <= Date.now() + UPLOAD_URL_TTL_MS);
    const got = await rawRequest(relay.url, { path: url });
    assert.equal(got.status, 200);
    assert.deepEqual(got.body, png());
    const { url: voiceUrl } = await signed(voice.id, agentToken('alex'));
    const range = await rawRequest(relay.url, { path: voiceUrl, headers: { Range: 'bytes=0-3' } });
    assert.equal(range.status, 206);
    assert.deepEqual(range.body, wav().subarray(0, 4));
    assert.equal((await rawRequest(relay.url, { method: 'HEAD', path: voiceUrl })).status, 200);
  });

  it('signs only for members: 401 without a bearer (or with one in the URL), 403 for others, 404 for unknown files', async () => {
    const none = await ask(photo.id, {});
    assert.equal(none.status, 401);
    const inQuery = await rawRequest(relay.url, { method: 'POST', path: `/uploads/${photo.id}/url?token=${encodeURIComponent(ana)}` });
    assert.equal(inQuery.status, 401);
    const other = await ask(photo.id, { Authorization: `Bearer ${bob}` });
    assert.equal(other.status, 403);
    assert.equal(codeOf(other.body), 'forbidden');
    assert.ok(!other.body.toString().includes('/uploads/'), 'no address handed out');
    const rival = await ask(photo.id, { Authorization: `Bearer ${agentToken('eve', { shop: 'other' })}` });
    assert.equal(rival.status, 403);
    assert.equal((await ask('AAAAAAAAAAAAAAAAAAAAAAAA', { Authorization: `Bearer ${ana}` })).status, 404);
    assert.equal((await rawRequest(relay.url, { path: `/uploads/${photo.id}/url`, headers: { Authorization: `Bearer ${ana}` } })).status, 405);
  });

  it('answers 403 bad-signature for any altered address, and serves nothing', async () => {
    const { url } = await signed(photo.id);
    const parsed = new URL(url, relay.url);
    const variants: Array<[string, (u: URL) => void]> = [
      ['signature flipped', (u) => u.searchParams.set('sig', flip(u.searchParams.get('sig') ?? ''))],
      ['expiry extended', (u) => u.searchParams.set('exp', String(Number(u.searchParams.get('exp')) + 3600))],
      ['viewer changed', (u) => u.searchParams.set('v', 'bob')],
      ['signature missing', (u) => u.searchParams.delete('sig')],
      ['other file, same signature', (u) => (u.pathname = `/uploads/${voice.id}`)],
    ];
    for (const [what, alter] of variants) {
      const changed = new URL(parsed);
      alter(changed);
      const answer = await rawRequest(relay.url, { path: `${changed.pathname}${changed.search}` });
      assert.equal(answer.status, 403, what);
      assert.equal(codeOf(answer.body), 'bad-signature', what);
      assert.match(String(answer.headers['content-type']), /application\/json/, what);
    }
  });

  it('answers 403 url-expired for a genuine address past its time', async () => {
    const old = new UploadUrlSigner(SECRET).sign(photo.id, 'ana', Date.now() - UPLOAD_URL_TTL_MS - 1000);
    const answer = await rawRequest(relay.url, { path: old.url });
    assert.equal(answer.status, 403);
    assert.equal(codeOf(answer.body), 'url-expired');
    const forged = new UploadUrlSigner('another-secret-0123456789abcdef0123456789').sign(photo.id, 'ana', Date.now());
    assert.equal(codeOf((await rawRequest(relay.url, { path: forged.url })).body), 'bad-signature');
  });
});

function flip(sig: string): string {
  const first = sig[0] === 'A' ? 'B' : 'A';
  return `${first}${sig.slice(1)}`;
}

describe('UploadUrlSigner', () => {
  const signer = new UploadUrlSigner('s'.repeat(32), 60_000);
  const now = Date.UTC(2026, 0, 1);

  it('accepts its own address until exp, then reports url-expired', () => {
    const { url, expiresAt } = signer.sign('upload-id-0000000000', 'ana@x', now);
    assert.equal(expiresAt, now + 60_000);
    const params = new URL(url, 'http://relay.invalid').searchParams;
    assert.deepEqual(signer.check('upload-id-0000000000', params, now + 59_000), { ok: true, viewer: 'ana@x' });
    assert.equal(signer.check('upload-id-0000000000', params, now + 60_000).ok, false);
    const expired = signer.check('upload-id-0000000000', params, now + 60_000);
    assert.equal(expired.ok ? '' : expired.code, 'url-expired');
  });
});
