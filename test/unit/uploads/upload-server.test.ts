import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { TestRelay } from '../server/relay-harness.js';
import { agentToken, customerToken, startRelay } from '../server/relay-harness.js';
import { filesUnder, helloOnce, postUpload, rawRequest, storedUploads, uploadRows } from './upload-harness.js';
import { HTML_PAGE, PLAIN_TEXT, SVG_IMAGE, gif, isoMedia, jpeg, mp3, oggOpus, pdf, png, wav, webm, webp, zip } from './sample-files.js';

const LIMIT = 64 * 1024;

interface Uploaded {
  id: string;
  url: string;
  mime: string;
  size: number;
  name: string;
  kind: string;
}

function sha256(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

describe('relay uploads: POST /uploads and GET /uploads/<id>', { timeout: 30_000 }, () => {
  let relay: TestRelay;
  const ana = customerToken('ana');
  const bob = customerToken('bob');
  const agent = agentToken('alice');

  async function upload(body: Buffer | string, name: string, contentType?: string, token = ana, conversationId = 'c-ana'): Promise<Uploaded> {
    const response = await postUpload(relay, { token, conversationId, name, body, contentType });
    const text = await response.text();
    assert.equal(response.status, 201, text);
    return JSON.parse(text) as Uploaded;
  }

  function get(path: string, headers: Record<string, string> = {}, method = 'GET') {
    return rawRequest(relay.url, { method, path, headers });
  }

  function tmpFiles(): string[] {
    return readdirSync(join(relay.dataDir, 'uploads', 'tmp'));
  }

  before(async () => {
    relay = await startRelay({ maxUploadBytes: LIMIT, allowedOrigins: ['https://shop.example'] });
    await helloOnce(relay, ana);
    await helloOnce(relay, bob);
  });

  after(async () => {
    await relay.dispose();
  });

  it('stores each kind by its bytes and serves it back inert, inline only for plain images, audio and video', async () => {
    const cases: Array<[string, Buffer | string, string, string, string, 'inline' | 'attachment']> = [
      ['hinge.png', png(), 'image/png', 'image/png', 'image', 'inline'],
      ['hinge.jpg', jpeg(), 'image/jpeg', 'image/jpeg', 'image', 'inline'],
      ['blink.gif', gif(), 'image/gif', 'image/gif', 'image', 'inline'],
      ['hinge.webp', webp(), 'image/webp', 'image/webp', 'image', 'inline'],
      ['IMG_0001.HEIC', isoMedia('heic', ['mif1', 'heic']), 'image/heic', 'image/heic', 'image', 'attachment'],
      ['voice.wav', wav(), 'audio/wav', 'audio/wav', 'audio', 'inline'],
      ['voice.mp3', mp3(), 'audio/mpeg', 'audio/mpeg', 'audio', 'inline'],
      ['voice.ogg', oggOpus(), 'audio/ogg', 'audio/ogg', 'audio', 'inline'],
      ['voice.webm', webm('audio'), 'audio/webm;codecs=opus', 'audio/webm', 'audio', 'inline'],
      ['voice.m4a', isoMedia('M4A ', ['M4A ', 'mp42']), '', 'audio/mp4', 'audio', 'inline'],
      ['flicker.mp4', isoMedia('isom', ['iso2', 'avc1', 'mp41']), 'video/mp4', 'video/mp4', 'video', 'inline'],
      ['flicker.mov', isoMedia('qt  '), 'video/quicktime', 'video/quicktime', 'video', 'inline'],
      ['flicker.webm', webm('video'), 'video/webm', 'video/webm', 'video', 'inline'],
      ['receipt.pdf', pdf(), 'application/pdf', 'application/pdf', 'file', 'attachment'],
      ['logs.zip', zip(), 'application/zip', 'application/zip', 'file', 'attachment'],
      ['notes.txt', PLAIN_TEXT, 'text/plain', 'text/plain', 'file', 'attachment'],
      ['dump.bin', Buffer.from([0, 1, 2, 3, 0xfe, 0xff]), '', 'application/octet-stream', 'file', 'attachment'],
    ];
    for (const [name, body, claimed, mime, kind, disposition] of cases) {
      const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body);
      const stored = await upload(bytes, name, claimed);
      assert.deepEqual({ mime: stored.mime, kind: stored.kind, size: stored.size, name: stored.name }, { mime, kind, size: bytes.length, name }, name);
      assert.match(stored.id, /^[A-Za-z0-9_-]{16,64}$/);
      assert.equal(stored.url, `/uploads/${stored.id}`);
      const hash = sha256(bytes);
      assert.deepEqual(readFileSync(join(relay.dataDir, 'uploads', hash.slice(0, 2), hash)), bytes, `${name} on disk`);

      const response = await get(`${stored.url}`, { Authorization: `Bearer ${ana}` });
      assert.equal(response.status, 200, name);
      assert.deepEqual(response.body, bytes, name);
      assert.equal(response.headers['content-type'], mime === 'text/plain' ? 'text/plain; charset=utf-8' : mime, name);
      assert.equal(response.headers['x-content-type-options'], 'nosniff');
      assert.equal(response.headers['content-security-policy'], "default-src 'none'; sandbox");
      assert.equal(response.headers['cache-control'], 'private, max-age=31536000, immutable');
      assert.equal(response.headers['access-control-allow-origin'], undefined, 'no Origin sent, no CORS headers');
      assert.equal(response.headers['accept-ranges'], 'bytes');
      const header = String(response.headers['content-disposition']);
      assert.ok(header.startsWith(`${disposition};`), `${name}: ${header}`);
      assert.ok(header.includes(`filename*=UTF-8''${encodeURIComponent(name)}`), header);

      const head = await get(stored.url, { Authorization: `Bearer ${ana}` }, 'HEAD');
      assert.equal(head.status, 200);
      assert.equal(head.body.length, 0);
      assert.equal(head.headers['content-length'], String(bytes.length));
    }
    assert.deepEqual(tmpFiles(), []);
  });

  it('goes by the bytes, not the file name or the claimed type', async () => {
    const stored = await upload(png(), 'report.pdf', 'application/pdf');
    assert.deepEqual([stored.mime, stored.kind, stored.name], ['image/png', 'image', 'report.pdf']);
    const text = await upload('just text', 'photo.jpg', 'text/plain');
    assert.equal(text.mime, 'text/plain');
  });

  it('refuses with 415 a file that claims to be an image but is not, and keeps nothing of it', async () => {
    const rowsBefore = uploadRows(relay.dataDir).length;
    const filesBefore = storedUploads(relay.dataDir).length;
    for (const [body, claimed] of [['not a picture', 'image/png'], [pdf(), 'image/jpeg'], [zip(), 'image/webp']] as const) {
      const response = await postUpload(relay, { token: ana, conversationId: 'c-ana', name: 'photo.png', body, contentType: claimed });
      assert.equal(response.status, 415);
      assert.equal(((await response.json()) as { code: string }).code, 'unsupported-type');
    }
    assert.equal(uploadRows(relay.dataDir).length, rowsBefore);
    assert.equal(storedUploads(relay.dataDir).length, filesBefore);
    assert.deepEqual(tmpFiles(), []);
  });

  it('never serves HTML or SVG inline, however they are disguised', async () => {
    for (const markup of [HTML_PAGE, SVG_IMAGE]) {
      for (const claimed of ['image/png', 'image/svg+xml']) {
        const refused = await postUpload(relay, { token: ana, conversationId: 'c-ana', name: 'photo.png', body: markup, contentType: claimed });
        assert.equal(refused.status, 415, `${claimed} ${markup.slice(0, 10)}`);
        await refused.body?.cancel();
      }
      for (const claimed of ['application/octet-stream', 'text/html', 'text/plain', '']) {
        const stored = await upload(markup, 'photo.png', claimed);
        assert.deepEqual([stored.mime, stored.kind], ['application/octet-stream', 'file'], claimed);
        const response = await get(stored.url, { Authorization: `Bearer ${ana}` });
        assert.equal(response.headers['content-type'], 'application/octet-stream');
        assert.match(String(response.headers['content-disposition']), /^attachment; /);
        assert.equal(response.headers['content-security-policy'], "default-src 'none'; sandbox");
        assert.equal(response.headers['x-content-type-options'], 'nosniff');
      }
    }
  });

  it('answers 413 once the body passes the limit, whether declared or streamed, and leaves nothing in tmp', async () => {
    const rowsBefore = uploadRows(relay.dataDir).length;
    const filesBefore = storedUploads(relay.dataDir);
    const declared = await postUpload(relay, { token: ana, conversationId: 'c-ana', name: 'big.bin', body: Buffer.alloc(LIMIT + 1, 7) });
    assert.equal(declared.status, 413);
    assert.equal(((await declared.json()) as { code: string }).code, 'upload-too-large');

    // Chunked, no Content-Length: the server must count while streaming to disk.
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        if (pulled > 400) controller.close();
        else controller.enqueue(new Uint8Array(16 * 1024).fill(pulled));
      },
    });
    const streamed = await fetch(new URL('/uploads?conversationId=c-ana&name=big.bin', relay.url), {
      method: 'POST',
      headers: { Authorization: `Bearer ${ana}`, 'Content-Type': 'application/octet-stream' },
      body,
      duplex: 'half',
      signal: AbortSignal.timeout(5000),
    } as RequestInit);
    assert.equal(streamed.status, 413);
    assert.equal(((await streamed.json()) as { code: string }).code, 'upload-too-large');
    assert.ok(pulled < 400, `the server stopped reading early (client produced ${pulled} of 400 chunks)`);
    assert.deepEqual(tmpFiles(), []);
    assert.equal(uploadRows(relay.dataDir).length, rowsBefore);
    assert.deepEqual(storedUploads(relay.dataDir), filesBefore);

    const exact = await upload(Buffer.alloc(LIMIT, 1), 'exact.bin');
    assert.equal(exact.size, LIMIT);
  });

  it('keeps only a safe base name and stores every file under DATA_DIR/uploads', async () => {
    const names: Array<[string, string]> = [
      ['../../etc/passwd', 'passwd'],
      ['..\\..\\windows\\win.ini', 'win.ini'],
      ['/absolute/path/to/report.txt', 'report.txt'],
      ['..', 'file'],
      ['bill\u202Efdp.exe', 'billfdp.exe'],
      ['Scharnier gebrochen – 铰链.txt', 'Scharnier gebrochen – 铰链.txt'],
    ];
    for (const [raw, expected] of names) {
      const stored = await upload(`content of ${raw}`, raw, 'text/plain');
      assert.equal(stored.name, expected, raw);
    }
    // Sent exactly as written: an encoded traversal is decoded once and still reduced to a base name.
    const response = await rawRequest(relay.url, {
      method: 'POST',
      path: '/uploads?conversationId=c-ana&name=..%2F..%2F..%2Ftmp%2Fescaped.txt',
      headers: { Authorization: `Bearer ${ana}`, 'Content-Type': 'text/plain' },
      body: 'escape attempt',
    });
    assert.equal(response.status, 201);
    assert.equal((JSON.parse(response.body.toString()) as Uploaded).name, 'escaped.txt');
    const doubleEncoded = await rawRequest(relay.url, {
      method: 'POST',
      path: '/uploads?conversationId=c-ana&name=..%252F..%252Fescaped.txt',
      headers: { Authorization: `Bearer ${ana}` },
      body: 'escape attempt 2',
    });
    assert.equal(doubleEncoded.status, 201);
    assert.ok(!(JSON.parse(doubleEncoded.body.toString()) as Uploaded).name.includes('/'));

    for (const path of filesUnder(relay.dataDir)) {
      assert.ok(/^support\.sqlite(-wal|-shm)?$/.test(path) || /^uploads\/[0-9a-f]{2}\/[0-9a-f]{64}$/.test(path), `unexpected file ${path}`);
    }
    assert.ok(!existsSync(join(relay.dataDir, '..', 'passwd')));
    assert.ok(!existsSync(join(relay.dataDir, '..', 'escaped.txt')));
  });

  it('lets only members of the conversation upload and fetch, like frames', async () => {
    const stored = await upload(png(), 'private.png', 'image/png');
    const noToken = await postUpload(relay, { token: null, conversationId: 'c-ana', name: 'x.png', body: png() });
    assert.equal(noToken.status, 401);
    assert.equal(((await noToken.json()) as { code: string }).code, 'unauthorized');
    const forged = await postUpload(relay, { token: customerToken('ana', { secret: 'not-the-secret' }), conversationId: 'c-ana', body: png() });
    assert.equal(forged.status, 401);
    await forged.body?.cancel();
    const expired = await postUpload(relay, { token: customerToken('ana', { exp: Math.floor(Date.now() / 1000) - 5 }), conversationId: 'c-ana', body: png() });
    assert.equal(expired.status, 401);
    assert.equal(((await expired.json()) as { code: string }).code, 'token-expired');
    const intruder = await postUpload(relay, { token: bob, conversationId: 'c-ana', name: 'x.png', body: png() });
    assert.equal(intruder.status, 403);
    assert.equal(((await intruder.json()) as { code: string }).code, 'forbidden');
    // Conversation ids are per shop: the other shop has no c-ana.
    const otherShop = await postUpload(relay, { token: agentToken('eve', { shop: 'other' }), conversationId: 'c-ana', body: png() });
    assert.equal(otherShop.status, 404);
    await otherShop.body?.cancel();
    const unknown = await postUpload(relay, { token: agent, conversationId: 'c-nobody', body: png() });
    assert.equal(unknown.status, 404);
    await unknown.body?.cancel();
    const malformed = await postUpload(relay, { token: agent, conversationId: 'bad id/..', body: png() });
    assert.equal(malformed.status, 400);
    await malformed.body?.cancel();

    assert.equal((await get(stored.url)).status, 401);
    assert.equal((await get(stored.url, { Authorization: 'Basic YW5hOng=' })).status, 401);
    assert.equal((await get(stored.url, { Authorization: `Bearer ${bob}` })).status, 403);
    assert.equal((await get(`${stored.url}?token=${encodeURIComponent(bob)}`)).status, 401, 'no token in a URL, not even a wrong one');
    assert.equal((await get(stored.url, { Authorization: `Bearer ${agentToken('eve', { shop: 'other' })}` })).status, 403);
    assert.equal((await get('/uploads/AAAAAAAAAAAAAAAAAAAAAAAA', { Authorization: `Bearer ${ana}` })).status, 404);
    assert.equal((await get('/uploads/..%2F..%2Fsupport.sqlite', { Authorization: `Bearer ${ana}` })).status, 404);
    const viaQuery = await get(`${stored.url}?token=${encodeURIComponent(ana)}`);
    assert.equal(viaQuery.status, 401, 'a token in the URL is refused even when it is valid');
    assert.match(viaQuery.body.toString(), /not accepted in URLs/);
    const asAgent = await get(stored.url, { Authorization: `Bearer ${agent}` });
    assert.equal(asAgent.status, 200);
    const agentUpload = await upload(pdf(), 'manual.pdf', 'application/pdf', agent, 'c-bob');
    assert.equal((await get(agentUpload.url, { Authorization: `Bearer ${bob}` })).status, 200);
    assert.equal((await get(agentUpload.url, { Authorization: `Bearer ${ana}` })).status, 403);
    const row = uploadRows(relay.dataDir).find((r) => r.id === agentUpload.id);
    assert.deepEqual([row?.conversation_id, row?.uploader_id], ['c-bob', 'alice']);
  });

  it('serves byte ranges so media can seek', async () => {
    const bytes = wav();
    const stored = await upload(bytes, 'voice.wav', 'audio/wav');
    const auth = { Authorization: `Bearer ${ana}` };
    const first = await get(stored.url, { ...auth, Range: 'bytes=0-11' });
    assert.equal(first.status, 206);
    assert.equal(first.headers['content-range'], `bytes 0-11/${bytes.length}`);
    assert.equal(first.headers['content-length'], '12');
    assert.deepEqual(first.body, bytes.subarray(0, 12));
    const middle = await get(stored.url, { ...auth, Range: 'bytes=100-199' });
    assert.deepEqual(middle.body, bytes.subarray(100, 200));
    const tail = await get(stored.url, { ...auth, Range: 'bytes=-4' });
    assert.equal(tail.status, 206);
    assert.deepEqual(tail.body, bytes.subarray(bytes.length - 4));
    const open = await get(stored.url, { ...auth, Range: `bytes=${bytes.length - 10}-` });
    assert.deepEqual(open.body, bytes.subarray(bytes.length - 10));
    const beyond = await get(stored.url, { ...auth, Range: `bytes=${bytes.length}-` });
    assert.equal(beyond.status, 416);
    assert.equal(beyond.headers['content-range'], `bytes */${bytes.length}`);
    const stale = await get(stored.url, { ...auth, Range: 'bytes=0-11', 'If-Range': '"not-the-etag"' });
    assert.equal(stale.status, 200);
    assert.deepEqual(stale.body, bytes);
    const cached = await get(stored.url, { ...auth, 'If-None-Match': String(first.headers['etag']) });
    assert.equal(cached.status, 304);
    assert.equal(cached.body.length, 0);
  });

  it('stores the same bytes once, under two unguessable ids that each keep their conversation', async () => {
    const bytes = jpeg();
    const hash = sha256(bytes);
    const before = storedUploads(relay.dataDir).filter((p) => p.endsWith(hash)).length;
    const first = await upload(bytes, 'same.jpg', 'image/jpeg');
    const second = await upload(bytes, 'same-again.jpg', 'image/jpeg', bob, 'c-bob');
    assert.notEqual(first.id, second.id);
    assert.ok(!first.id.includes(hash.slice(0, 8)) && !hash.includes(first.id));
    assert.equal(storedUploads(relay.dataDir).filter((p) => p.endsWith(hash)).length, Math.max(before, 1));
    assert.equal((await get(second.url, { Authorization: `Bearer ${bob}` })).status, 200);
    assert.equal((await get(first.url, { Authorization: `Bearer ${bob}` })).status, 403, 'same bytes, still not bob\'s upload');
  });

  it('answers CORS preflights from an allowed origin', async () => {
    for (const path of ['/uploads', '/uploads/AAAAAAAAAAAAAAAAAAAAAAAA']) {
      const response = await rawRequest(relay.url, {
        method: 'OPTIONS',
        path,
        headers: { Origin: 'https://shop.example', 'Access-Control-Request-Method': path === '/uploads' ? 'POST' : 'GET', 'Access-Control-Request-Headers': 'authorization, content-type, range' },
      });
      assert.equal(response.status, 204);
      assert.equal(response.headers['access-control-allow-origin'], 'https://shop.example');
      assert.match(String(response.headers['access-control-allow-methods']), /POST/);
      assert.match(String(response.headers['access-control-allow-headers']), /Authorization/);
      assert.match(String(response.headers['access-control-allow-headers']), /Range/);
    }
    const wrongMethod = await rawRequest(relay.url, { method: 'PUT', path: '/uploads', headers: { Authorization: `Bearer ${ana}` } });
    assert.equal(wrongMethod.status, 405);
  });
});
