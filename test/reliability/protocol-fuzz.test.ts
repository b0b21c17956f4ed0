/**
 * Protocol fuzzing against the relay child process over real sockets: hostile frames (random
 * bytes, broken JSON, wrong types, huge strings, deep nesting, valid frames with mutated
 * fields) pipelined in batches over many connections, some before and most after a hello.
 * The server never crashes, answers only with JSON frames and known error codes (never
 * `internal`), keeps its memory bounded, closes abusive sockets as documented, and serves a
 * normal client afterwards.
 *
 * Size: RELIABILITY_FUZZ_FRAMES (100000); RELIABILITY_SEED replays a run.
 */
import type { ServerFrame } from '../../src/protocol/frames.js';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { freePort, startRelay } from '../support/relay-process.js';
import type { FuzzTarget, Random } from './fuzz-frames.js';
import { fuzzFrame } from './fuzz-frames.js';
import { FuzzSocket, newTally } from './fuzz-socket.js';
import type { FuzzTally } from './fuzz-socket.js';
import {
  MiB,
  SECRET,
  agentToken,
  createClient,
  customerToken,
  envNumber,
  mib,
  mintingTokens,
  reportFigures,
  rssOf,
  runSeed,
  seededRandom,
  until,
} from './reliability-harness.js';

const BATCH = 250;
const BATCHES_PER_CONNECTION = 4;
/** Above BATCH x BATCHES_PER_CONNECTION: a connection is rotated before the abuse rule closes it. */
const MAX_INVALID_FRAMES = 1000;
const WORKERS = 6;

interface Progress {
  sent: number;
  /** Frames the server provably processed: batches answered through the ping behind them, or answered one by one. */
  confirmed: number;
  connections: number;
  preAuthConnections: number;
  categories: Map<string, number>;
}

function targetFor(random: Random): { token: string; target: FuzzTarget } {
  const roll = random();
  if (roll < 0.6) {
    const user = `fz-cust-${Math.floor(random() * 8)}`;
    const token = customerToken(user);
    return { token, target: { own: `c-${user}`, foreign: 'c-fz-victim', token } };
  }
  if (roll < 0.9) {
    const token = agentToken(`fz-agent-${Math.floor(random() * 3)}`);
    return { token, target: { own: `c-fz-cust-${Math.floor(random() * 8)}`, foreign: 'c-rival-1', token } };
  }
  const token = agentToken('fz-rival-agent', { shop: 'rival' });
  return { token, target: { own: 'c-rival-1', foreign: 'c-fz-victim', token } };
}

/** One authenticated connection: hello, then batches of hostile frames each followed by a ping. */
async function fuzzAuthenticated(url: string, random: Random, progress: Progress, tally: FuzzTally, budget: number): Promise<void> {
  const { token, target } = targetFor(random);
  const socket = await FuzzSocket.open(url, tally);
  progress.connections += 1;
  socket.send({ type: 'hello', token });
  let refusal: ServerFrame | undefined;
  const welcome = await socket.waitFor((f) => {
    if (f.type === 'error') refusal = f;
    return f.type === 'welcome';
  }, 15_000);
  assert.ok(welcome, `a valid hello gets a welcome (got ${JSON.stringify(refusal ?? null)}, socket ${socket.open ? 'open' : 'closed'})`);
  for (let b = 0; b < BATCHES_PER_CONNECTION && progress.confirmed < budget; b += 1) {
    socket.takeAnswers();
    for (let i = 0; i < BATCH; i += 1) {
      const { category, frame } = fuzzFrame(random, target);
      progress.categories.set(category, (progress.categories.get(category) ?? 0) + 1);
      socket.send(frame);
      progress.sent += 1;
    }
    const id = `sync-${progress.sent}`;
    socket.send({ type: 'ping', id });
    const pong = await socket.waitFor((f) => f.type === 'pong' && f.id === id, 20_000);
    // Answered through the ping: the server processed every frame of the batch, in order.
    if (pong) progress.confirmed += BATCH;
    else {
      progress.confirmed += Math.max(0, socket.takeAnswers() - 1);
      break;
    }
  }
  socket.close();
  await socket.closed;
}

/** One connection before any hello: junk, then a mutated hello last, then a marker that must be answered. */
async function fuzzUnauthenticated(url: string, random: Random, progress: Progress, tally: FuzzTally): Promise<void> {
  const { token, target } = targetFor(random);
  const socket = await FuzzSocket.open(url, tally);
  progress.connections += 1;
  progress.preAuthConnections += 1;
  for (let b = 0; b < 10 && socket.open; b += 1) {
    socket.takeAnswers();
    const count = 9;
    for (let i = 0; i < count; i += 1) {
      const { category, frame } = fuzzFrame(random, target);
      progress.categories.set(`pre-auth ${category}`, (progress.categories.get(`pre-auth ${category}`) ?? 0) + 1);
      socket.send(frame);
    }
    const hello: Record<string, unknown> = { type: 'hello', token };
    const damage = Math.floor(random() * 4);
    if (damage === 0) hello['token'] = `${token.slice(0, -3)}abc`;
    if (damage === 1) hello['token'] = token.replace(/^[A-Za-z0-9_-]{4}/, 'eyJz');
    if (damage === 2) hello['resume'] = { [target.own]: -1 };
    socket.send(hello);
    progress.sent += count + 1;
    const id = `mark-${progress.sent}`;
    socket.send({ type: 'history', requestId: id, conversationId: 'c-mark' });
    const answer = await socket.waitFor(
      (f) => (f.type === 'error' && (f.ref === id || f.fatal === true)) || (f.type === 'history' && f.requestId === id),
      20_000,
    );
    if (answer !== undefined) progress.confirmed += count + 1;
    else progress.confirmed += socket.takeAnswers();
    if (answer?.type === 'error' && answer.fatal === true) break;
  }
  socket.close();
  await socket.closed;
}

describe('protocol fuzzing', { timeout: 180_000 }, () => {
  it('survives hostile frames with coded answers and bounded memory, then serves a normal client', async (t) => {
    const seed = runSeed();
    const budget = Math.floor(envNumber('RELIABILITY_FUZZ_FRAMES', 100_000));
    // Durability is not under test here: on tmpfs the thousands of valid sends do not each wait for an fsync.
    const dataDir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'support-fuzz-'));
    const relay = await startRelay({
      port: await freePort(),
      dataDir,
      env: {
        SUPPORT_SECRET: SECRET,
        SUPPORT_DEMO: '0',
        // Frames must reach the parser, not the rate limiter.
        SUPPORT_RATE_PER_SECOND: '10000000',
        SUPPORT_RATE_BURST: '10000000',
        // Nor the hello limiter: the workers open connections (and send hellos, damaged ones too) as
        // fast as the relay answers, well past 10 a second from this one address on an idle machine.
        SUPPORT_HELLO_RATE_PER_IP: '10000000',
        SUPPORT_HELLO_BURST_PER_IP: '10000000',
        SUPPORT_MAX_INVALID_FRAMES: String(MAX_INVALID_FRAMES),
      },
    });
    const pid = relay.child.pid;
    let stderr = '';
    relay.child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    t.after(async () => {
      await relay.stop('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    });
    const tally = newTally();
    const progress: Progress = { sent: 0, confirmed: 0, connections: 0, preAuthConnections: 0, categories: new Map() };
    const started = Date.now();

    // Warm up (JIT, SQLite caches, first conversations) before the baseline.
    await fuzzAuthenticated(relay.url, seededRandom(seed + 1), progress, tally, 2 * BATCH);
    const rssBefore = rssOf(pid) ?? 0;
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssOf(pid) ?? 0)), 100);
    t.after(() => clearInterval(sampler));

    await Promise.all(
      Array.from({ length: WORKERS }, async (_, w) => {
        const random = seededRandom(seed + 100 + w);
        while (progress.confirmed < budget) {
          if (random() < 0.3) await fuzzUnauthenticated(relay.url, random, progress, tally);
          else await fuzzAuthenticated(relay.url, random, progress, tally, budget);
          assert.equal(relay.child.exitCode, null, `the server is still running (stderr: ${stderr.slice(-500)})`);
        }
      }),
    );
    const fuzzMs = Date.now() - started;

    // The documented hard limits: > 1 MiB closes with 1009, invalid UTF-8 with 1007, too many invalid frames with 1008.
    const edge = seededRandom(seed + 7);
    const hard: Record<string, number> = {};
    {
      const s = await FuzzSocket.open(relay.url, tally);
      s.send({ text: 'x'.repeat(1024 * 1024 + 1) });
      hard['over1MiB'] = await s.closed;
      const u = await FuzzSocket.open(relay.url, tally);
      u.sendRawText(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]));
      hard['invalidUtf8'] = await u.closed;
      const a = await FuzzSocket.open(relay.url, tally);
      a.send({ type: 'hello', token: customerToken('fz-abuser') });
      await a.waitFor((f) => f.type === 'welcome', 15_000);
      for (let i = 0; i <= MAX_INVALID_FRAMES; i += 1) a.send({ text: edge() < 0.5 ? '{' : '[]' });
      hard['tooManyInvalid'] = await a.closed;
    }
    assert.deepEqual(hard, { over1MiB: 1009, invalidUtf8: 1007, tooManyInvalid: 1008 });

    await new Promise((resolve) => setTimeout(resolve, 500));
    const rssAfter = rssOf(pid) ?? 0;
    clearInterval(sampler);

    assert.equal(relay.child.exitCode, null, 'the server never crashed');
    assert.ok(progress.confirmed >= budget, `confirmed ${progress.confirmed} of ${budget} frames`);
    assert.deepEqual(tally.malformed, [], 'every answer is a JSON frame with a type; every error has a known code');
    assert.equal(tally.errorsByCode.get('internal') ?? 0, 0, `no internal errors (server log: ${stderr.slice(-800)})`);
    assert.doesNotMatch(stderr, /internal error/, 'the server logged no internal error');
    assert.ok(rssAfter - rssBefore < 96 * MiB, `RSS grew from ${mib(rssBefore)} to ${mib(rssAfter)}`);

    // A normal client still works.
    const normal = createClient({ url: relay.url, tokens: mintingTokens(() => customerToken('after-fuzz')) });
    t.after(() => normal.client.dispose());
    await normal.client.connect();
    const conversationId = normal.client.primaryConversationId ?? '';
    await normal.client.openConversation(conversationId);
    normal.client.send(conversationId, { body: 'still works?' });
    await until(() => normal.client.conversation(conversationId)?.messages[0]?.seq === 1, () => 'the ack after fuzzing', 15_000);

    reportFigures(t, 'protocol-fuzz', {
      seed,
      framesSent: progress.sent,
      framesConfirmedProcessed: progress.confirmed,
      connections: progress.connections,
      preAuthConnections: progress.preAuthConnections,
      answers: tally.answers,
      errorCodes: JSON.stringify(Object.fromEntries([...tally.errorsByCode].sort((a, b) => b[1] - a[1]))),
      closeCodes: JSON.stringify(Object.fromEntries(tally.closeCodes)),
      categories: JSON.stringify(Object.fromEntries(progress.categories)),
      rssBeforeMiB: Number((rssBefore / MiB).toFixed(1)),
      rssPeakMiB: Number((rssPeak / MiB).toFixed(1)),
      rssAfterMiB: Number((rssAfter / MiB).toFixed(1)),
      fuzzMs,
      framesPerSecond: Math.round(progress.sent / (fuzzMs / 1000)),
      crashes: 0,
      internalErrors: tally.errorsByCode.get('internal') ?? 0,
    });
  });
});
