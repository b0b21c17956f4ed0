/**
 * The relay as a real child process: SIGKILL mid-stream loses or duplicates no acknowledged
 * message; SIGTERM shuts down cleanly; the generated secret survives a restart.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import type { WireMessage } from '../../../src/protocol/model.js';
import { TestClient, sendFrame, tempDir } from './relay-harness.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const LISTENING = /^support-widget relay listening on http:\/\/localhost:(\d+)$/;

interface RunningRelay {
  child: ChildProcess;
  url: string;
  lines: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const children = new Set<ChildProcess>();
const dirs: string[] = [];

/** Starts `serve --demo` (through the bin script or server/cli.ts) on port 0 and waits for its first line. */
async function startRelayProcess(dataDir: string, via: 'cli' | 'bin' = 'cli'): Promise<RunningRelay> {
  const args = via === 'cli' ? ['--import', 'tsx', 'server/cli.ts', 'serve', '--demo'] : ['bin/support-widget.mjs', 'serve', '--demo'];
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, SUPPORT_SECRET: '', SUPPORT_SECRET_FILE: '', SUPPORT_DEMO: '', SUPPORT_ASSISTANT: 'off', SUPPORT_ALLOWED_ORIGINS: '', SUPPORT_RATE_PER_SECOND: '100000', SUPPORT_RATE_BURST: '100000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
    }),
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines: string[] = [];
  const reader = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`relay did not start; stderr: ${stderr}`)), 15_000);
    reader.on('line', (line) => {
      lines.push(line);
      const match = lines.length === 1 ? LISTENING.exec(line) : null;
      if (match !== null) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${match[1] ?? ''}`);
      }
    });
    void exited.then(({ code }) => reject(new Error(`relay exited with ${code}; stderr: ${stderr}`)));
  });
  return { child, url, lines, exited };
}

async function demoToken(url: string, userId: string): Promise<string> {
  const res = await fetch(`${url}/demo/token`, { method: 'POST', body: JSON.stringify({ role: 'customer', userId }) });
  return ((await res.json()) as { token: string }).token;
}

async function fullHistory(client: TestClient, conversationId: string): Promise<WireMessage[]> {
  const messages: WireMessage[] = [];
  let beforeSeq: number | undefined;
  for (let page = 0; page < 100; page += 1) {
    const requestId = `h${page}`;
    client.send({ type: 'history', requestId, conversationId, limit: 200, ...(beforeSeq === undefined ? {} : { beforeSeq }) });
    const response = await client.next('history', (f) => f.requestId === requestId);
    messages.unshift(...response.messages);
    if (!response.hasMore) return messages;
    beforeSeq = response.messages[0]?.seq;
  }
  throw new Error('history did not end');
}

describe('relay process', { timeout: 60_000 }, () => {
  after(() => {
    for (const child of children) child.kill('SIGKILL');
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('loses and duplicates no acknowledged message when SIGKILLed mid-stream and restarted', async () => {
    const dataDir = tempDir('relay-crash-');
    dirs.push(dataDir);
    const TOTAL = 200;
    const ids = Array.from({ length: TOTAL }, (_, i) => `msg-${String(i).padStart(3, '0')}`);
    const first = await startRelayProcess(dataDir);
    const token = await demoToken(first.url, 'crash');
    const { client } = await TestClient.connect(first.url, token);

    const acked = new Map<string, number>();
    let sent = 0;
    let killed = false;
    client.socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { type: string; clientMsgId?: string; seq?: number };
      if (frame.type !== 'ack' || frame.clientMsgId === undefined || frame.seq === undefined || killed) return;
      acked.set(frame.clientMsgId, frame.seq);
      if (acked.size === 60) {
        killed = true;
        first.child.kill('SIGKILL');
      }
    });
    // Send without waiting for acks, yielding now and then so acks arrive while sending goes on.
    while (sent < TOTAL && !killed && client.socket.readyState === client.socket.OPEN) {
      for (const end = Math.min(TOTAL, sent + 5); sent < end; sent += 1) client.send(sendFrame('c-crash', ids[sent] ?? '', `body ${sent}`));
      await new Promise((r) => setTimeout(r, 1));
    }
    assert.equal((await first.exited).signal, 'SIGKILL');
    await client.closed;
    const ackedBeforeKill = new Map(acked);
    assert.ok(ackedBeforeKill.size >= 60 && ackedBeforeKill.size < TOTAL, `acked ${ackedBeforeKill.size} before the kill`);

    const second = await startRelayProcess(dataDir);
    const again = await TestClient.connect(second.url, token);
    const storedAtRestart = again.welcome.conversations[0]?.lastSeq ?? 0;
    assert.ok(storedAtRestart >= ackedBeforeKill.size, `stored ${storedAtRestart}, acked ${ackedBeforeKill.size}`);
    const unacked = ids.filter((id) => !ackedBeforeKill.has(id));
    for (const id of unacked) again.client.send(sendFrame('c-crash', id, `body ${ids.indexOf(id)}`));
    const resentSeqs = new Map<string, number>();
    for (let i = 0; i < unacked.length; i += 1) {
      const ack = await again.client.next('ack', () => true, 10_000);
      resentSeqs.set(ack.clientMsgId, ack.seq);
    }
    // A blind resend of an already acknowledged message keeps its original seq.
    const someAcked = [...ackedBeforeKill.keys()].slice(0, 3);
    for (const id of someAcked) again.client.send(sendFrame('c-crash', id));
    for (const id of someAcked) assert.equal((await again.client.next('ack', (a) => a.clientMsgId === id)).seq, ackedBeforeKill.get(id));

    const history = await fullHistory(again.client, 'c-crash');
    assert.deepEqual(history.map((m) => m.seq), Array.from({ length: history.length }, (_, i) => i + 1), 'seqs are 1..N with no gap');
    assert.equal(new Set(history.map((m) => m.clientMsgId)).size, history.length, 'no clientMsgId twice');
    assert.equal(history.length, TOTAL, 'every message is stored once');
    const byId = new Map(history.map((m) => [m.clientMsgId, m]));
    for (const [id, seq] of ackedBeforeKill) {
      assert.equal(byId.get(id)?.seq, seq, `${id} kept the seq it was acknowledged with`);
      assert.equal(byId.get(id)?.body, `body ${ids.indexOf(id)}`);
    }
    // Resent messages the first process stored but never acknowledged got their stored seq back.
    for (const [id, seq] of resentSeqs) assert.equal(byId.get(id)?.seq, seq);
    assert.equal([...resentSeqs.values()].filter((seq) => seq <= storedAtRestart).length, storedAtRestart - ackedBeforeKill.size);
    await again.client.close();
    second.child.kill('SIGTERM');
    assert.equal((await second.exited).code, 0);
  });

  it('prints its mode and URLs in demo mode, keeps its generated secret across restarts and exits 0 on SIGTERM', async () => {
    const dataDir = tempDir('relay-term-');
    dirs.push(dataDir);
    const first = await startRelayProcess(dataDir);
    const port = LISTENING.exec(first.lines[0] ?? '')?.[1];
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(first.lines, [
      `support-widget relay listening on http://localhost:${port}`,
      '  mode: demo (anyone can sign in at POST /demo/token; do not expose it to the internet)',
      `  product page: http://localhost:${port}/`,
      `  agent desk:   http://localhost:${port}/agent/`,
    ]);
    assert.equal(statSync(join(dataDir, 'secret')).mode & 0o777, 0o600);
    const token = await demoToken(first.url, 'term');
    const { client } = await TestClient.connect(first.url, token);
    const started = Date.now();
    first.child.kill('SIGTERM');
    assert.equal((await client.closed).code, 1001);
    assert.deepEqual(await first.exited, { code: 0, signal: null });
    assert.ok(Date.now() - started < 5000);

    const second = await startRelayProcess(dataDir, 'bin');
    const { welcome, client: back } = await TestClient.connect(second.url, token);
    assert.equal(welcome.user.id, 'term', 'a token issued before the restart is still valid');
    await back.close();
    second.child.kill('SIGTERM');
    assert.deepEqual(await second.exited, { code: 0, signal: null });
  });
});
