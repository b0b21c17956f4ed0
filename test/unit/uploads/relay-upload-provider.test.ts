import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { SupportError } from '../../../src/protocol/errors.js';
import type { TokenProvider, TokenRequest } from '../../../src/tokens/types.js';
import { relayUploadProvider, requestSignedUploadUrl, resizeImage, resolveUploadUrl } from '../../../src/uploads/index.js';
import type { UploadedFile } from '../../../src/uploads/index.js';
import type { TestRelay } from '../server/relay-harness.js';
import { customerToken, startRelay } from '../server/relay-harness.js';
import { helloOnce, uploadRows } from './upload-harness.js';
import { png, webm } from './sample-files.js';

const SERVER_LIMIT = 64 * 1024;

/** A Blob of a copy of `bytes` (Blob parts must be backed by a plain ArrayBuffer). */
function blobOf(bytes: Buffer, type = ''): Blob {
  return new Blob([new Uint8Array(bytes)], { type });
}

function fixedToken(token: string): TokenProvider & { calls: TokenRequest[] } {
  const calls: TokenRequest[] = [];
  return { calls, getToken: (request = {}) => (calls.push(request), Promise.resolve(token)) };
}

/** Rejects with the SupportError the promise fails with, within `ms`. */
async function failure(promise: Promise<unknown>, ms = 5000): Promise<SupportError> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`still pending after ${ms} ms`)), ms)));
  try {
    await Promise.race([promise, timeout]);
  } catch (error) {
    assert.ok(error instanceof SupportError, `expected a SupportError, got ${String(error)}`);
    return error;
  } finally {
    clearTimeout(timer);
  }
  throw new Error('expected the upload to fail');
}

/** A TCP server that accepts connections and never answers: uploads to it hang until cancelled. */
async function blackHole(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.resume();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

describe('relayUploadProvider against the real relay (Node: the fetch path)', { timeout: 30_000 }, () => {
  let relay: TestRelay;
  const ana = customerToken('ana');

  before(async () => {
    relay = await startRelay({ maxUploadBytes: SERVER_LIMIT });
    await helloOnce(relay, ana);
  });

  after(async () => {
    await relay.dispose();
  });

  it('uploads a blob, reports no progress without XMLHttpRequest, and the result can be shown at a signed address', async () => {
    const progress: Array<[number, number]> = [];
    const provider = relayUploadProvider({ server: relay.url, tokenProvider: fixedToken(ana) });
    const stored: UploadedFile = await provider.upload(blobOf(png(), 'image/png'), {
      conversationId: 'c-ana',
      name: 'hinge.png',
      onProgress: (loaded, total) => progress.push([loaded, total]),
    });
    assert.equal(typeof XMLHttpRequest, 'undefined');
    assert.deepEqual(progress, []);
    assert.deepEqual({ ...stored, id: 'x', url: 'x' }, { id: 'x', url: 'x', mime: 'image/png', size: png().length, name: 'hinge.png', kind: 'image' });
    assert.equal(stored.url, `/uploads/${stored.id}`);
    assert.equal(resolveUploadUrl(relay.url, stored.url), `${relay.url}/uploads/${stored.id}`);
    const shown = await requestSignedUploadUrl(relay.url.replace(/^http/, 'ws'), stored.url, fixedToken(ana));
    assert.ok(shown.url.startsWith(`${relay.url}/uploads/${stored.id}?v=ana&exp=`), shown.url);
    assert.ok(!shown.url.includes(ana) && !shown.url.includes('token'), 'the token is not in the address');
    assert.ok(shown.expiresAt > Date.now());
    const response = await fetch(shown.url);
    assert.equal(response.status, 200);
    assert.deepEqual(Buffer.from(await response.arrayBuffer()), png());
    assert.equal(resolveUploadUrl(relay.url, 'https://cdn.shop.example/a.png'), 'https://cdn.shop.example/a.png');
  });

  it('asks for signed addresses with a refreshed token once, and refuses them to non-members', async () => {
    const provider = relayUploadProvider({ server: relay.url, tokenProvider: fixedToken(ana) });
    const stored = await provider.upload(blobOf(png(), 'image/png'), { conversationId: 'c-ana', name: 'p.png' });
    const expired = customerToken('ana', { exp: Math.floor(Date.now() / 1000) - 10 });
    const requests: TokenRequest[] = [];
    const refreshing: TokenProvider = { getToken: (request = {}) => (requests.push(request), Promise.resolve(request.forceRefresh === true ? ana : expired)) };
    assert.equal((await fetch((await requestSignedUploadUrl(relay.url, stored.url, refreshing)).url)).status, 200);
    assert.deepEqual(requests.map((r) => r.forceRefresh), [false, true]);
    assert.equal((await failure(requestSignedUploadUrl(relay.url, stored.url, fixedToken(customerToken('bob'))))).code, 'forbidden');
    assert.equal((await failure(requestSignedUploadUrl(relay.url, '/uploads/../secret', fixedToken(ana)))).code, 'config');
  });

  it('accepts the ws:// form of the server URL and files a WebM voice note as audio', async () => {
    const provider = relayUploadProvider({ server: relay.url.replace(/^http/, 'ws') + '/', tokenProvider: fixedToken(ana) });
    const stored = await provider.upload(blobOf(webm('audio'), 'audio/webm;codecs=opus'), { conversationId: 'c-ana', name: 'voice.webm' });
    assert.deepEqual([stored.kind, stored.mime], ['audio', 'audio/webm']);
  });

  it('refuses a file over maxBytes before sending anything', async () => {
    const tokens = fixedToken(ana);
    const rows = uploadRows(relay.dataDir).length;
    const provider = relayUploadProvider({ server: relay.url, tokenProvider: tokens, maxBytes: 1000 });
    const error = await failure(provider.upload(new Blob([new Uint8Array(1001)]), { conversationId: 'c-ana', name: 'big.bin' }));
    assert.equal(error.code, 'upload-too-large');
    assert.equal(error.retryable, false);
    assert.equal(tokens.calls.length, 0);
    assert.equal(uploadRows(relay.dataDir).length, rows);
  });

  it('turns the server\'s refusals into coded errors', async () => {
    const provider = relayUploadProvider({ server: relay.url, tokenProvider: fixedToken(ana), maxBytes: 10 * SERVER_LIMIT });
    const notAnImage = await failure(provider.upload(new Blob(['plain words'], { type: 'image/png' }), { conversationId: 'c-ana', name: 'x.png' }));
    assert.equal(notAnImage.code, 'unsupported-type');
    const tooLarge = await failure(provider.upload(new Blob([new Uint8Array(SERVER_LIMIT + 1)]), { conversationId: 'c-ana', name: 'big.bin' }));
    assert.equal(tooLarge.code, 'upload-too-large');
    const notMine = await failure(provider.upload(blobOf(png()), { conversationId: 'c-bob', name: 'x.png' }));
    assert.equal(notMine.code, 'forbidden');
    const forged = relayUploadProvider({ server: relay.url, tokenProvider: fixedToken(customerToken('ana', { secret: 'wrong' })) });
    assert.equal((await failure(forged.upload(blobOf(png()), { conversationId: 'c-ana', name: 'x.png' }))).code, 'unauthorized');
  });

  it('refreshes an expired token once and retries', async () => {
    const requests: TokenRequest[] = [];
    const expired = customerToken('ana', { exp: Math.floor(Date.now() / 1000) - 10 });
    const tokenProvider: TokenProvider = {
      getToken: (request = {}) => {
        requests.push(request);
        return Promise.resolve(request.forceRefresh === true ? ana : expired);
      },
    };
    const stored = await relayUploadProvider({ server: relay.url, tokenProvider }).upload(blobOf(png()), { conversationId: 'c-ana', name: 'again.png' });
    assert.equal(stored.kind, 'image');
    assert.deepEqual(requests.map((r) => r.forceRefresh), [false, true]);
  });

  it('cancels through the AbortSignal: before it starts, and while the request hangs', async () => {
    const tokens = fixedToken(ana);
    const provider = relayUploadProvider({ server: relay.url, tokenProvider: tokens });
    const controller = new AbortController();
    controller.abort();
    const early = await failure(provider.upload(blobOf(png()), { conversationId: 'c-ana', name: 'x.png', signal: controller.signal }));
    assert.equal(early.code, 'closed');

    const hole = await blackHole();
    try {
      const hanging = relayUploadProvider({ server: hole.url, tokenProvider: tokens });
      const cancel = new AbortController();
      const started = Date.now();
      const pending = hanging.upload(blobOf(png()), { conversationId: 'c-ana', name: 'x.png', signal: cancel.signal });
      setTimeout(() => cancel.abort(), 100);
      const error = await failure(pending, 3000);
      assert.equal(error.code, 'closed');
      assert.ok(Date.now() - started < 2000);

      const slow = relayUploadProvider({ server: hole.url, tokenProvider: tokens, timeoutMs: 200 });
      assert.equal((await failure(slow.upload(blobOf(png()), { conversationId: 'c-ana', name: 'x.png' }), 3000)).code, 'timeout');
    } finally {
      await hole.close();
    }
  });

  it('reports a refused connection as a network error', async () => {
    const hole = await blackHole();
    const { url } = hole;
    await hole.close();
    const provider = relayUploadProvider({ server: url, tokenProvider: fixedToken(ana) });
    const error = await failure(provider.upload(blobOf(png()), { conversationId: 'c-ana', name: 'x.png' }));
    assert.equal(error.code, 'network');
    assert.equal(error.retryable, true);
  });
});

describe('resizeImage outside a browser', () => {
  it('rejects with unsupported-type instead of throwing on import', async () => {
    const error = await failure(resizeImage(blobOf(png(), 'image/png')));
    assert.equal(error.code, 'unsupported-type');
  });
});
