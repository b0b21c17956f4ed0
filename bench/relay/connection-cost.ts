/**
 * Relay connection cost: the bytes of the welcome an agent gets when the shop has 600
 * conversations (each with a product context and a ~250-character last message), and the relay's
 * CPU time (utime + stime of the relay child, from /proc) for 3,000 connect/hello/welcome/close
 * cycles of that agent, and of customers. Raw `ws` sockets, 20 cycles in flight; the relay's
 * per-address and per-user limits are lifted (relay-child.ts) so every hello is a full one.
 *
 * With BENCH_BASELINE_RELAY_MODULE (the `server/index.ts` of another relay, e.g. the commit
 * before a change unpacked with `git archive`) the same runs go against it too, interleaved run
 * by run, and each figure gets the ratio ours / baseline.
 *
 * Knobs: BENCH_CONVERSATIONS (600), BENCH_CYCLES (3000; quick 600), BENCH_RUNS (3; quick 1),
 * BENCH_PARALLEL (20).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { signToken } from '../../server/tokens.js';
import type { TokenClaims } from '../../src/protocol/frames.js';
import { knob } from '../lib/config.js';
import { emitReport, figure, progress, type Figure } from '../lib/figures.js';
import { BENCH_SECRET } from './dialects.js';
import { startServerChild } from './server-child.js';

const started = performance.now();
const conversations = knob('CONVERSATIONS', 600, 600);
const cycles = knob('CYCLES', 3000, 600);
const runs = knob('RUNS', 3, 1);
const parallel = knob('PARALLEL', 20, 20);
const baselineModule = process.env['BENCH_BASELINE_RELAY_MODULE'] ?? '';
const BODY = 'The screen flickers when the charger is plugged in, and after the last update the hinge creaks too. '.repeat(3).slice(0, 250);
const HOUR_S = 3600;
const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

function token(claims: Omit<TokenClaims, 'exp'>): string {
  return signToken({ ...claims, exp: Math.floor(Date.now() / 1000) + HOUR_S }, BENCH_SECRET);
}

const agentHello = JSON.stringify({ type: 'hello', token: token({ sub: 'cost-agent', name: 'Agent', role: 'agent', shop: 'demo' }) });
const customerHellos = Array.from({ length: conversations }, (_, i) =>
  JSON.stringify({ type: 'hello', token: token({ sub: `cost-${i}`, name: `Customer ${i}`, role: 'customer', shop: 'demo', conv: [`c-cost-${i}`] }) }),
);

/** CPU time the process has used, ms. */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/** Opens a socket, says hello, waits for the welcome (its raw bytes), then runs `then` and closes. */
function cycle(url: string, hello: string, then?: (socket: WebSocket) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { perMessageDeflate: false });
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error('no welcome within 20 s'));
    }, 20_000);
    let bytes = 0;
    socket.once('open', () => socket.send(hello));
    socket.on('message', (data: Buffer) => {
      if (bytes > 0) return;
      const text = data.toString('utf8');
      if (!text.startsWith('{"type":"welcome"')) {
        if (text.includes('"type":"error"')) reject(new Error(`hello refused: ${text.slice(0, 200)}`));
        return;
      }
      bytes = data.byteLength;
      then?.(socket);
      socket.close();
    });
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(bytes);
    });
    socket.once('error', reject);
  });
}

/** Runs `count` tasks, `parallel` at a time. */
async function pool(count: number, task: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, count) }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

interface RunResult {
  welcomeBytes: number;
  agentCpuMs: number;
  customerCpuMs: number;
  agentWallMs: number;
}

async function measure(variant: 'ours' | 'baseline'): Promise<RunResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'support-bench-cost-'));
  const lifted = String(1_000_000);
  const child = await startServerChild('relay-child.ts', {
    BENCH_DATA_DIR: dataDir,
    BENCH_SECRET,
    BENCH_RELAY_MODULE: variant === 'baseline' ? baselineModule : '',
    SUPPORT_RATE_PER_SECOND: lifted,
    SUPPORT_RATE_BURST: lifted,
  });
  const url = `ws://127.0.0.1:${child.port}/ws`;
  try {
    // The shop's queue: each customer with a product and a message.
    await pool(conversations, (i) =>
      cycle(url, customerHellos[i] ?? '', (socket) => {
        socket.send(JSON.stringify({ type: 'context', conversationId: `c-cost-${i}`, context: { sku: `VX12P-${i}`, name: 'Volta X12 Pro', orderId: `1002${i}`, serial: `SN-${i}` } }));
        socket.send(JSON.stringify({ type: 'send', clientMsgId: `m-${i}`, conversationId: `c-cost-${i}`, kind: 'text', body: BODY }));
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    const welcomeBytes = await cycle(url, agentHello);
    const agentCpu = cpuMs(child.pid);
    const agentStart = performance.now();
    await pool(cycles, () => cycle(url, agentHello));
    const agentWallMs = performance.now() - agentStart;
    const customerCpu = cpuMs(child.pid);
    await pool(cycles, (i) => cycle(url, customerHellos[i % conversations] ?? ''));
    const done = cpuMs(child.pid);
    return { welcomeBytes, agentCpuMs: customerCpu - agentCpu, customerCpuMs: done - customerCpu, agentWallMs };
  } finally {
    await child.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const ours: RunResult[] = [];
const baseline: RunResult[] = [];
for (let run = 1; run <= runs; run += 1) {
  for (const variant of baselineModule === '' ? (['ours'] as const) : (['baseline', 'ours'] as const)) {
    const result = await measure(variant);
    (variant === 'ours' ? ours : baseline).push(result);
    progress(`run ${run}/${runs} ${variant}: welcome ${result.welcomeBytes} B, CPU ${result.agentCpuMs.toFixed(0)} ms (agent cycles), ${result.customerCpuMs.toFixed(0)} ms (customer cycles)`);
  }
}

const name = 'relay before (BENCH_BASELINE_RELAY_MODULE)';
function costFigure(label: string, unit: string, pick: (r: RunResult) => number): Figure {
  return figure({
    section: 'connections',
    name: label,
    unit,
    ours: ours.map(pick),
    ...(baseline.length === 0 ? {} : { baseline: { name, samples: baseline.map(pick) } }),
    note: `${conversations} conversations, ${cycles} cycles, ${parallel} in flight, ${runs} run(s); CPU = utime + stime of the relay child`,
  });
}

emitReport({
  benchmark: 'connections',
  config: { conversations, cycles, runs, parallel, baselineModule: baselineModule || undefined },
  figures: [
    costFigure(`agent welcome bytes, ${conversations} conversations`, 'B', (r) => r.welcomeBytes),
    costFigure(`relay CPU, ${cycles} agent connect/hello/close`, 'ms', (r) => r.agentCpuMs),
    costFigure(`relay CPU, ${cycles} customer connect/hello/close`, 'ms', (r) => r.customerCpuMs),
    costFigure(`wall time, ${cycles} agent cycles`, 'ms', (r) => r.agentWallMs),
  ],
  details: { ours, baseline },
  wallMs: performance.now() - started,
});
