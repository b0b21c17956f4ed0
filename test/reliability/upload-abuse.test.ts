/**
 * Upload abuse against a relay with its default limits: a body trickling one byte every two
 * seconds (which never goes idle long enough for Node's own timeouts, and used to hold a socket
 * and a temp file for as long as the client liked) is cut with 408 after the 15 s pace window and
 * its partial file removed; one user opening twenty uploads at once gets four slots, the rest 429.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { TestClient } from '../unit/server/relay-harness.js';
import { customerToken, reportFigures, startTestRelay } from './reliability-harness.js';

function openUpload(url: string, token: string, conversationId: string, length: number) {
  const { hostname, port } = new URL(url);
  const req = request({
    host: hostname,
    port,
    method: 'POST',
    path: `/uploads?conversationId=${conversationId}&name=slow.txt`,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'text/plain', 'Content-Length': String(length) },
  });
  const answered = new Promise<{ status: number; code: string; at: number }>((resolve, reject) => {
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString() || '{}') as { code?: string };
        resolve({ status: res.statusCode ?? 0, code: body.code ?? '', at: Date.now() });
      });
    });
    req.on('error', reject);
  });
  req.flushHeaders();
  return { req, answered };
}

describe('upload abuse (default limits)', { timeout: 60_000 }, () => {
  it('cuts a 1 byte / 2 s trickle with 408 after the 15 s window, removes its partial file, and gives one user 4 uploads at once', async (t) => {
    const relay = await startTestRelay(t);
    const token = customerToken('trickler');
    const { client } = await TestClient.connect(relay.url, token);
    await client.close();

    const started = Date.now();
    const trickle = openUpload(relay.url, token, 'c-trickler', 1_000_000);
    trickle.req.write('x');
    const timer = setInterval(() => trickle.req.write('x'), 2000);
    let answer: { status: number; code: string; at: number };
    try {
      answer = await trickle.answered;
    } finally {
      clearInterval(timer);
      trickle.req.destroy();
    }
    const cutAfterS = (answer.at - started) / 1000;
    assert.deepEqual([answer.status, answer.code], [408, 'timeout']);
    assert.ok(cutAfterS >= 14 && cutAfterS < 25, `cut after ${cutAfterS} s`);
    assert.deepEqual(readdirSync(join(relay.dataDir, 'uploads', 'tmp')), [], 'the partial file is removed');

    // Twenty uploads at once from one user: the first four are received, the others refused at once.
    const many = Array.from({ length: 20 }, () => openUpload(relay.url, token, 'c-trickler', 100));
    for (const upload of many) upload.req.write('y'.repeat(10));
    const answers = many.map((u) => u.answered.then((a) => a.status, () => 0));
    let answered = 0;
    for (const answer of answers) void answer.then(() => (answered += 1));
    // The refusals come at once; the four being received wait for the rest of their bytes.
    const deadline = Date.now() + 10_000;
    while (answered < 16 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    for (const upload of many) upload.req.end('z'.repeat(90));
    const statuses = await Promise.all(answers);
    const accepted = statuses.filter((s) => s === 201).length;
    const refused = statuses.filter((s) => s === 429).length;
    assert.equal(accepted, 4, `statuses: ${statuses.join(',')}`);
    assert.equal(refused, 16);
    reportFigures(t, 'upload-abuse', { trickleBytesPerSecond: 0.5, trickleCutAfterSeconds: Number(cutAfterS.toFixed(1)), trickleStatus: answer.status, concurrentAccepted: accepted, concurrentRefused: refused });
  });
});
