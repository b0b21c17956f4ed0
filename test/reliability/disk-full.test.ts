/**
 * A disk that stops taking writes, made real: the relay runs as a child process and, once it is
 * serving, its file-size limit (RLIMIT_FSIZE, `prlimit --pid`) is lowered to just above its
 * SQLite WAL, so the kernel refuses the next commit (EFBIG after a short write, as ENOSPC would on
 * a full disk; Node ignores SIGXFSZ, so the process is not killed by the signal). Then the limit
 * is lifted again, as freeing the disk would: the relay must have stayed up, answered each send
 * with a retryable `storage-full`, kept serving reads, reported not ready, and must store the
 * retried messages (once) when the disk is back.
 *
 * Before the fix the commit's exception escaped `setImmediate` and the process exited: clients saw
 * close 1006 and no error.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { ServerFrame } from '../../src/protocol/frames.js';
import { startRelay, tempDataDir } from '../support/relay-process.js';
import { SECRET, TestClient, agentToken, customerToken, sendFrame } from '../unit/server/relay-harness.js';
import { httpRequest, upload } from './http-client.js';
import { createClient, customerToken as clientToken, mintingTokens, reportFigures, until } from './reliability-harness.js';

const BODY = 'x'.repeat(3900);
const HEADROOM_BYTES = 64 * 1024;

function havePrlimit(): boolean {
  try {
    execFileSync('prlimit', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Sets the soft file-size limit of a running process (hard limit left unlimited, so it can be raised again). */
function setFileSizeLimit(pid: number, bytes: number | 'unlimited'): void {
  execFileSync('prlimit', ['--pid', String(pid), `--fsize=${bytes}:unlimited`]);
}

async function readyz(url: string): Promise<{ status: number; body: unknown }> {
  const answer = await httpRequest(url, { path: '/readyz' });
  return { status: answer.status, body: answer.json() };
}

type Answer = Extract<ServerFrame, { type: 'ack' }> | Extract<ServerFrame, { type: 'error' }>;

async function sendAndWait(client: TestClient, conversationId: string, clientMsgId: string): Promise<Answer> {
  client.send(sendFrame(conversationId, clientMsgId, BODY));
  const frame = await client.take((f) => (f.type === 'ack' && f.clientMsgId === clientMsgId) || (f.type === 'error' && f.ref === clientMsgId), 5000);
  return frame as Answer;
}

describe('disk full', { skip: havePrlimit() ? false : 'prlimit (util-linux) is not installed', timeout: 60_000 }, () => {
  it('answers sends with retryable storage-full, keeps serving reads, is not ready, and stores the retries once the disk is back', async (t) => {
    const data = tempDataDir('support-disk-full-');
    const relay = await startRelay({
      dataDir: data.dir,
      env: { SUPPORT_SECRET: SECRET, SUPPORT_DEMO: '0', SUPPORT_RATE_PER_SECOND: '1000', SUPPORT_RATE_BURST: '1000' },
    });
    t.after(async () => {
      await relay.stop('SIGKILL');
      data.remove();
    });
    let exitCode: number | null | undefined;
    relay.child.once('exit', (code, signal) => (exitCode = code ?? (signal === null ? null : -1)));
    const pid = relay.child.pid;
    assert.ok(pid !== undefined);

    const { client: ana } = await TestClient.connect(relay.url, customerToken('ana'));
    for (let i = 0; i < 3; i += 1) assert.equal((await sendAndWait(ana, 'c-ana', `before-${i}`)).type, 'ack');

    // A real SupportClient, signed in while the disk still takes writes (its conversation exists; a
    // customer who first arrives while the disk is full gets no conversation: docs/security.md, known
    // gaps). Its outbox keeps the message refused below (status sending, not failed) and retries.
    const { client: support } = createClient({ url: relay.url, tokens: mintingTokens(() => clientToken('ben', { secret: SECRET })) });
    t.after(() => support.disconnect());
    const reported: string[] = [];
    support.on('error', (error) => reported.push(error.code));
    // What the chat's banner shows ("The support server is short of space..."): held, then stored again.
    const held: string[] = [];
    support.on('held', (event) => held.push(event.error?.code ?? 'stored again'));
    await support.connect();

    // Let the search indexer (100 ms ticks) index what is stored, so its writes are not what fills the room.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const wal = join(data.dir, 'support.sqlite-wal');
    const limit = statSync(wal).size + HEADROOM_BYTES;
    setFileSizeLimit(pid, limit);

    // Fill: each message is one ~4 KB commit; the one that does not fit is refused.
    let acked = 0;
    let refused: Extract<ServerFrame, { type: 'error' }> | undefined;
    for (let i = 0; i < 200 && refused === undefined; i += 1) {
      const answer = await sendAndWait(ana, 'c-ana', `fill-${i}`);
      if (answer.type === 'ack') acked += 1;
      else refused = answer;
    }
    assert.ok(refused !== undefined, 'a send was refused once the file-size limit was reached');
    assert.equal(refused.code, 'storage-full');
    assert.equal(refused.retryable, true);
    assert.equal(refused.fatal, undefined, 'the connection stays open');
    const failedId = refused.ref ?? '';

    // Still up, and every further send answered with the same retryable code.
    for (let i = 0; i < 5; i += 1) {
      const answer = await sendAndWait(ana, 'c-ana', `while-full-${i}`);
      assert.equal(answer.type, 'error');
      assert.equal(answer.type === 'error' ? answer.code : '', 'storage-full');
    }
    // An upload whose bytes the disk refuses: 507 storage-full, not a 500 or a dead process.
    const uploadRefused = await upload(relay.url, customerToken('ana'), 'c-ana', Buffer.alloc(limit + 1024, 'a'), 'big.txt');
    assert.equal(uploadRefused.status, 507);
    assert.equal((uploadRefused.json() as { code: string }).code, 'storage-full');
    assert.equal(exitCode, undefined, 'the relay process is still running');
    assert.equal((await httpRequest(relay.url, { path: '/healthz' })).status, 200);
    const notReady = await readyz(relay.url);
    assert.equal(notReady.status, 503);
    assert.deepEqual(notReady.body, { ok: false, error: 'storage', message: 'the database does not take writes (disk full or failing)' });

    // Reads work: history on the open socket, a resumed welcome for the customer, an agent's welcome.
    ana.send({ type: 'history', requestId: 'h1', conversationId: 'c-ana', limit: 5 });
    const history = await ana.next('history', (f) => f.requestId === 'h1');
    assert.equal(history.messages.length, Math.min(5, 3 + acked));
    const { client: anaAgain, welcome } = await TestClient.connect(relay.url, customerToken('ana'), { 'c-ana': 1 });
    assert.equal(welcome.conversations[0]?.lastSeq, 3 + acked);
    await anaAgain.next('message', (f) => f.seq === 2);
    const { client: agent, welcome: agentWelcome } = await TestClient.connect(relay.url, agentToken('ag'));
    assert.deepEqual(agentWelcome.conversations.map((c) => c.id).sort(), ['c-ana', 'c-ben']);

    const pending = support.send('c-ben', { body: 'sent while the disk is full' });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const waiting = support.conversation('c-ben')?.messages.find((m) => m.clientMsgId === pending.clientMsgId);
    assert.equal(waiting?.status, 'sending', 'kept in the outbox, not failed');
    assert.ok(reported.includes('storage-full'), `the client reports why it waits (support-error): ${reported.join(',')}`);
    assert.deepEqual(held, ['storage-full'], 'held once, however often the outbox retries');

    // The disk is back.
    const freedAt = Date.now();
    setFileSizeLimit(pid, 'unlimited');
    const ready = await readyz(relay.url);
    assert.equal(ready.status, 200, 'ready again once a write succeeds');
    const retried = await sendAndWait(ana, 'c-ana', failedId);
    assert.equal(retried.type, 'ack', 'the refused message is stored when retried');
    const again = await sendAndWait(ana, 'c-ana', failedId);
    assert.deepEqual(again.type === 'ack' && retried.type === 'ack' ? again.seq : -1, retried.type === 'ack' ? retried.seq : -2, 'once');
    await until(
      () => support.conversation('c-ben')?.messages.find((m) => m.clientMsgId === pending.clientMsgId && m.status !== 'sending'),
      () => 'the SupportClient to get its retried message acknowledged',
      15_000,
    );
    const recoveredMs = Date.now() - freedAt;
    assert.deepEqual(held, ['storage-full', 'stored again'], 'the wait ends with the ack');
    assert.equal(exitCode, undefined);

    reportFigures(t, 'disk-full', {
      fileSizeLimitBytes: limit,
      ackedBeforeFull: acked,
      refusedWithStorageFull: 6,
      uploadRefusedStatus: uploadRefused.status,
      clientRetryAckedAfterMs: recoveredMs,
      clientHeldEvents: held.length,
      processExited: false,
    });
    await Promise.all([ana.close(), anaAgain.close(), agent.close()]);
  });
});
