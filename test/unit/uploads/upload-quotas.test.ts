/**
 * What an uploader may cost: bytes per hour per user and per address, bytes not attached to a
 * message yet, uploads at once, a free-disk floor (fs.statfs), a body that stalls or trickles, and
 * files never attached, swept after their time. Real relay, real HTTP, real files on disk.
 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import type { ClientRequest } from 'node:http';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { UploadLimits } from '../../../server/upload-limits.js';
import { customerToken, relayPerTest, sendFrame, startRelay, TestClient } from '../server/relay-harness.js';
import type { TestRelay } from '../server/relay-harness.js';
import { filesUnder, helloOnce, postUpload, storedUploads } from './upload-harness.js';

const KiB = 1024;
/** Generous limits that the test at hand then narrows. */
const OPEN: Partial<UploadLimits> = {
  userBytesPerHour: 1e9,
  ipBytesPerHour: 1e9,
  userOutstandingBytes: 1e9,
  ipOutstandingBytes: 1e9,
  concurrentPerUser: 100,
  minFreeDiskBytes: 0,
};

function text(bytes: number, fill = 'a'): Buffer {
  return Buffer.from(fill.repeat(bytes));
}

async function upload(relay: TestRelay, user: string, body: Buffer): Promise<{ status: number; code?: string; id?: string }> {
  const res = await postUpload(relay, { token: customerToken(user), conversationId: `c-${user}`, name: 'notes.txt', body, contentType: 'text/plain' });
  const json = (await res.json()) as { code?: string; id?: string };
  return { status: res.status, ...json };
}

/** A `POST /uploads` whose body the test writes by hand; resolves with the status when answered. */
function openUpload(url: string, user: string, length: number): { req: ClientRequest; answered: Promise<{ status: number; body: string; at: number }> } {
  const { hostname, port } = new URL(url);
  const req = request({
    host: hostname,
    port,
    method: 'POST',
    path: `/uploads?conversationId=c-${user}&name=slow.txt`,
    headers: { Authorization: `Bearer ${customerToken(user)}`, 'Content-Type': 'text/plain', 'Content-Length': String(length) },
  });
  const answered = new Promise<{ status: number; body: string; at: number }>((resolve, reject) => {
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), at: Date.now() }));
    });
    req.on('error', reject);
  });
  req.flushHeaders();
  return { req, answered };
}

describe('upload quotas: bytes per hour', () => {
  const ctx = relayPerTest({ uploadLimits: { ...OPEN, userBytesPerHour: 3 * KiB, ipBytesPerHour: 8 * KiB } });

  it('refuses a user past their hourly bytes with 429 quota-exceeded, and the address past its own', async () => {
    for (const user of ['ana', 'ben', 'cy', 'dee']) await helloOnce(ctx.relay, customerToken(user));
    assert.equal((await upload(ctx.relay, 'ana', text(1200))).status, 201);
    assert.equal((await upload(ctx.relay, 'ana', text(1200, 'b'))).status, 201);
    assert.deepEqual(await upload(ctx.relay, 'ana', text(1200, 'c')), { status: 429, code: 'quota-exceeded', message: 'at most 3072 bytes per hour per user' });
    // Others from the same address still may, until the address's 8 KiB are used.
    assert.equal((await upload(ctx.relay, 'ben', text(2500, 'd'))).status, 201);
    assert.equal((await upload(ctx.relay, 'cy', text(2500, 'e'))).status, 201);
    // 2400 + 2500 + 2500 from this address: 1000 more would pass its 8192.
    assert.deepEqual(await upload(ctx.relay, 'dee', text(1000, 'f')), { status: 429, code: 'quota-exceeded', message: 'at most 8192 bytes per hour per address' });
    assert.deepEqual(filesUnder(join(ctx.relay.dataDir, 'uploads', 'tmp')), [], 'no partial file is left');
  });
});

describe('upload quotas: bytes not attached yet', () => {
  const ctx = relayPerTest({ uploadLimits: { ...OPEN, userOutstandingBytes: 3 * KiB } });

  it('refuses more unattached bytes than the limit until a message attaches the files', async () => {
    const { client } = await ctx.connect(customerToken('ana'));
    const first = await upload(ctx.relay, 'ana', text(1200));
    const second = await upload(ctx.relay, 'ana', text(1200, 'b'));
    assert.equal((await upload(ctx.relay, 'ana', text(1200, 'c'))).status, 429);
    const attachments = [first, second].map((u) => ({ id: u.id, kind: 'file', mime: 'text/plain', size: 1200, name: 'notes.txt', url: `/uploads/${u.id ?? ''}` }));
    client.send({ ...sendFrame('c-ana', 'with-files', 'see files'), attachments });
    await client.next('ack');
    assert.equal((await upload(ctx.relay, 'ana', text(1200, 'c'))).status, 201, 'attached files no longer count');
  });
});

describe('upload quotas: uploads at once', () => {
  const ctx = relayPerTest({ uploadLimits: { ...OPEN, concurrentPerUser: 2 } });

  it('refuses a third upload of a user while two are being received, and accepts one again once they end', async () => {
    await helloOnce(ctx.relay, customerToken('ana'));
    const slow = [openUpload(ctx.relay.url, 'ana', 100), openUpload(ctx.relay.url, 'ana', 100)];
    for (const { req } of slow) req.write('x'.repeat(10));
    // Both are being received once their temp files exist.
    const temp = join(ctx.relay.dataDir, 'uploads', 'tmp');
    for (let i = 0; i < 250 && filesUnder(temp).length < 2; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    const third = await upload(ctx.relay, 'ana', text(100));
    assert.deepEqual([third.status, third.code], [429, 'quota-exceeded']);
    for (const { req } of slow) req.end('y'.repeat(90));
    assert.deepEqual((await Promise.all(slow.map((s) => s.answered))).map((a) => a.status), [201, 201]);
    assert.equal((await upload(ctx.relay, 'ana', text(100, 'z'))).status, 201);
  });
});

describe('upload quotas: free-disk floor', () => {
  const ctx = relayPerTest({ uploadLimits: { ...OPEN, minFreeDiskBytes: Number.MAX_SAFE_INTEGER } });

  it('answers 507 storage-full while the data directory’s file system (fs.statfs) has less free space than the floor', async () => {
    await helloOnce(ctx.relay, customerToken('ana'));
    const refused = await upload(ctx.relay, 'ana', text(100));
    assert.deepEqual([refused.status, refused.code], [507, 'storage-full']);
    assert.deepEqual(storedUploads(ctx.relay.dataDir), []);
  });
});

describe('upload quotas: the floor counts the declared size', () => {
  const free = 10 * 1024 * 1024;
  const ctx = relayPerTest({ uploadLimits: { ...OPEN, minFreeDiskBytes: free - 64 * KiB }, freeDiskBytes: () => Promise.resolve(free) });

  it('accepts a small file and refuses one that would take the disk below the floor', async () => {
    await helloOnce(ctx.relay, customerToken('ana'));
    assert.equal((await upload(ctx.relay, 'ana', text(1000))).status, 201);
    assert.equal((await upload(ctx.relay, 'ana', text(100 * KiB, 'b'))).status, 507);
  });
});

describe('upload quotas: a stalled or trickling body', () => {
  const ctx = relayPerTest({ uploadLimits: { ...OPEN, idleTimeoutMs: 1000, minBytesPerWindow: 64 } });

  it('cuts a body that trickles under the pace with 408 timeout and removes its partial file', async () => {
    await helloOnce(ctx.relay, customerToken('ana'));
    const started = Date.now();
    const { req, answered } = openUpload(ctx.relay.url, 'ana', 10_000);
    const trickle = setInterval(() => req.write('x'), 100); // 10 bytes a second: never idle, far too slow
    try {
      const answer = await answered;
      assert.equal(answer.status, 408);
      assert.equal((JSON.parse(answer.body) as { code: string }).code, 'timeout');
      const seconds = (answer.at - started) / 1000;
      assert.ok(seconds >= 0.9 && seconds < 3, `cut after ${seconds} s`);
    } finally {
      clearInterval(trickle);
      req.destroy();
    }
    assert.deepEqual(filesUnder(join(ctx.relay.dataDir, 'uploads', 'tmp')), [], 'the partial file is removed');
    // An idle body is cut the same way.
    const idle = openUpload(ctx.relay.url, 'ana', 10_000);
    idle.req.write('abc');
    assert.equal((await idle.answered).status, 408);
    idle.req.destroy();
    assert.equal((await upload(ctx.relay, 'ana', text(5000))).status, 201, 'a body sent at once is fine');
  });
});

describe('upload quotas: files never attached', () => {
  const ctx = relayPerTest({ uploadLimits: { ...OPEN, unattachedTtlMs: 400, sweepIntervalMs: 100 } });

  it('removes an upload no message named after its time, bytes and row, and keeps the attached one', async () => {
    const { client } = await ctx.connect(customerToken('ana'));
    const lonely = await upload(ctx.relay, 'ana', text(300));
    const sent = await upload(ctx.relay, 'ana', text(300, 'b'));
    client.send({ ...sendFrame('c-ana', 'm1', 'file'), attachments: [{ id: sent.id, kind: 'file', mime: 'text/plain', size: 300, name: 'n.txt', url: `/uploads/${sent.id ?? ''}` }] });
    await client.next('ack');
    assert.equal(storedUploads(ctx.relay.dataDir).length, 2);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.equal(storedUploads(ctx.relay.dataDir).length, 1, 'the unattached file is gone from disk');
    const get = (id: string | undefined): Promise<number> =>
      fetch(`${ctx.relay.url}/uploads/${id ?? ''}`, { headers: { Authorization: `Bearer ${customerToken('ana')}` } }).then((r) => r.status);
    assert.equal(await get(lonely.id), 404);
    assert.equal(await get(sent.id), 200);
  });
});

describe('upload quotas: a restart', () => {
  it('keeps counting a user\'s hour and their files not attached yet (the database remembers them)', async () => {
    const limits = { ...OPEN, userBytesPerHour: 3 * KiB, userOutstandingBytes: 2 * KiB };
    const first = await startRelay({ uploadLimits: limits });
    const { dataDir } = first;
    try {
      await helloOnce(first, customerToken('ana'));
      await helloOnce(first, customerToken('ben'));
      assert.equal((await upload(first, 'ana', text(1500))).status, 201);
      const benFile = await upload(first, 'ben', text(1500));
      assert.equal(benFile.status, 201);
      await first.close();
      const second = await startRelay({ uploadLimits: limits, dataDir });
      try {
        // ana's 1500 unattached bytes still count: 1000 more would pass the 2 KiB.
        assert.deepEqual(await upload(second, 'ana', text(1000, 'b')), {
          status: 429,
          code: 'quota-exceeded',
          message: 'at most 2048 bytes per user (1000000000 per address) of files not sent in a message yet',
        });
        // ben attaches his file: it no longer counts as outstanding, but its bytes stay in his hour.
        const { client } = await TestClient.connect(second.url, customerToken('ben'));
        const attachment = { id: benFile.id, kind: 'file', mime: 'text/plain', size: 1500, name: 'notes.txt', url: `/uploads/${benFile.id ?? ''}` };
        client.send({ ...sendFrame('c-ben', 'with-file', 'see file'), attachments: [attachment] });
        await client.next('ack');
        await client.close();
        assert.equal((await upload(second, 'ben', text(1500, 'c'))).status, 201, 'attached: 3000 of 3072 bytes this hour');
        assert.deepEqual(await upload(second, 'ben', text(100, 'd')), { status: 429, code: 'quota-exceeded', message: 'at most 3072 bytes per hour per user' });
      } finally {
        await second.dispose();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
