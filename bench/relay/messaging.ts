/**
 * Relay messaging benchmark: one-way latency (open loop at a fixed rate), sustained acknowledged
 * throughput (closed loop), and server memory per idle connection, for each client count, on the
 * real relay (durable: SQLite, synchronous = FULL, stored before ack), on the durable floor (a bare
 * `ws` server storing each message with the relay's SQLite settings and group commit before it acks,
 * no protocol: the baseline the relay's ratios are against) and on a bare `ws` fan-out storing
 * nothing (context), all in child processes, interleaved run by run.
 *
 * Knobs: BENCH_CLIENTS (1,100,1000), BENCH_RUNS (3), BENCH_LATENCY_RATE (msg/s in total, 300),
 * BENCH_LATENCY_MS (2500), BENCH_THROUGHPUT_MS (2500), BENCH_WINDOW (messages in flight per sender, 1).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { knob, listKnob, QUICK } from '../lib/config.js';
import { emitReport, figure, progress, type Figure } from '../lib/figures.js';
import { percentile, summarize } from '../lib/stats.js';
import { bareDialect, BENCH_SECRET, relayDialect, type Dialect } from './dialects.js';
import { measureDiskCommits } from './disk-commit.js';
import { LoadPool, type PhaseResult } from './load-pool.js';
import { startServerChild } from './server-child.js';

const started = performance.now();
const clientCounts = listKnob('CLIENTS', [1, 100, 1000], [1, 100, 1000]);
const runs = knob('RUNS', 3, 1);
const latencyRate = knob('LATENCY_RATE', 300, 300);
const latencyMs = knob('LATENCY_MS', 2500, 1000);
const throughputMs = knob('THROUGHPUT_MS', 2500, 1000);
const window = knob('WINDOW', 1, 1);
const WARMUP_MS = Math.min(500, latencyMs / 4);
const IDLE_SETTLE_MS = 1000;
const DISK_COMMITS = 1000;
const servers = ['bare-ws', 'bare-durable', 'relay'] as const;
type ServerName = (typeof servers)[number];

interface ScenarioResult {
  server: ServerName;
  clients: number;
  sockets: number;
  latency: { p50: number; p99: number; ackP50: number; ackP99: number; samples: number; errors: number; lost: number };
  throughput: { perSecond: number; oneWayP50: number; oneWayP99: number; errors: number; lost: number; firstError?: string; cpuUsPerMessage: number };
  memory: { idleRssBefore: number; idleRssAfter: number; perConnection: number; heapPerConnection: number };
  /** Durable servers: messages in the SQLite file after the child stopped (must be >= acked). */
  stored?: number;
  acked: number;
  wallMs?: number;
}

function latencyStats(phase: PhaseResult): { p50: number; p99: number; ackP50: number; ackP99: number } {
  const oneWay = [...phase.oneWay].sort((a, b) => a - b);
  const ack = [...phase.ackRtt].sort((a, b) => a - b);
  return { p50: percentile(oneWay, 50), p99: percentile(oneWay, 99), ackP50: percentile(ack, 50), ackP99: percentile(ack, 99) };
}

async function scenario(server: ServerName, clients: number): Promise<ScenarioResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'support-bench-relay-'));
  const rate = String(1_000_000);
  const child =
    server === 'relay'
      ? await startServerChild('relay-child.ts', { BENCH_DATA_DIR: dataDir, BENCH_SECRET, SUPPORT_RATE_PER_SECOND: rate, SUPPORT_RATE_BURST: rate })
      : await startServerChild('bare-ws-child.ts', server === 'bare-durable' ? { BENCH_DATA_DIR: dataDir } : {});
  let pool: LoadPool | undefined;
  try {
    const dialect: Dialect = server === 'relay' ? relayDialect() : bareDialect();
    // Startup garbage settles first: the idle baseline is the second reading after a GC.
    await child.memory();
    await new Promise((resolve) => setTimeout(resolve, IDLE_SETTLE_MS / 2));
    const before = await child.memory();
    pool = await LoadPool.connect(`ws://127.0.0.1:${child.port}/ws`, dialect, clients);
    await new Promise((resolve) => setTimeout(resolve, IDLE_SETTLE_MS));
    const after = await child.memory();
    const sockets = pool.socketCount;
    // A short warm-up (JIT, SQLite page cache) outside every measurement.
    await pool.closedLoop(window, 300, 300);
    const latency = await pool.openLoop(latencyRate, latencyMs, WARMUP_MS);
    const cpuBefore = child.cpuMs();
    const throughput = await pool.closedLoop(window, throughputMs, WARMUP_MS);
    // The server's CPU per acked message: what the load on a shared machine moves least.
    const cpuUsPerMessage = ((child.cpuMs() - cpuBefore) * 1000) / Math.max(1, throughput.acked);
    const tp = latencyStats(throughput);
    const result: ScenarioResult = {
      server,
      clients,
      sockets,
      latency: { ...latencyStats(latency), samples: latency.oneWay.length, errors: latency.errors, lost: latency.lost },
      throughput: {
        perSecond: (throughput.ackedInWindow / throughput.windowMs) * 1000,
        oneWayP50: tp.p50,
        oneWayP99: tp.p99,
        errors: throughput.errors,
        lost: throughput.lost,
        cpuUsPerMessage,
        ...(throughput.firstError ? { firstError: throughput.firstError } : {}),
      },
      memory: {
        idleRssBefore: before.rss,
        idleRssAfter: after.rss,
        perConnection: (after.rss - before.rss) / sockets,
        heapPerConnection: (after.heapUsed - before.heapUsed) / sockets,
      },
      acked: pool.totalAcked,
    };
    await pool.close();
    pool = undefined;
    await child.stop();
    if (server !== 'bare-ws') {
      const db = new Database(join(dataDir, server === 'relay' ? 'support.sqlite' : 'bare.sqlite'), { readonly: true });
      result.stored = (db.prepare('SELECT count(*) AS n FROM messages').get() as { n: number }).n;
      db.close();
    }
    return result;
  } finally {
    await pool?.close();
    await child.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const results: ScenarioResult[] = [];
const diskBefore = measureDiskCommits(DISK_COMMITS);
for (let run = 1; run <= runs; run += 1) {
  for (const clients of clientCounts) {
    for (const server of servers) {
      const t0 = performance.now();
      const result = await scenario(server, clients);
      result.wallMs = performance.now() - t0;
      results.push(result);
      progress(
        `messaging run ${run}/${runs} ${server} ${clients} clients: p50 ${result.latency.p50.toFixed(2)} ms, p99 ${result.latency.p99.toFixed(2)} ms, ` +
          `${Math.round(result.throughput.perSecond)} acked msg/s, ${result.throughput.cpuUsPerMessage.toFixed(0)} µs CPU/msg, ${(result.memory.perConnection / 1024).toFixed(1)} KiB/conn` +
          (result.stored === undefined ? '' : `, stored ${result.stored}/${result.acked} acked`) +
          ` (${((result.wallMs ?? 0) / 1000).toFixed(1)} s)`,
      );
    }
  }
}

const diskAfter = measureDiskCommits(DISK_COMMITS);
const disk = summarize([...diskBefore, ...diskAfter]);
progress(`messaging: one durable SQLite commit on this disk: p50 ${disk.median.toFixed(2)} ms, p99 ${disk.p99.toFixed(2)} ms`);

const pick = (server: ServerName, clients: number, value: (r: ScenarioResult) => number): number[] =>
  results.filter((r) => r.server === server && r.clients === clients).map(value);

const figures: Figure[] = [
  figure({
    section: 'messaging',
    name: 'context: one durable SQLite commit on this disk (WAL, synchronous = FULL)',
    unit: 'ms',
    ours: [...diskBefore, ...diskAfter],
    note: `${2 * DISK_COMMITS} commits before and after the runs; p99 ${disk.p99.toFixed(2)} ms: the floor under the relay's send -> ack`,
  }),
];
const rateNote = `open loop at ${latencyRate} msg/s in total`;
const FLOOR = 'durable bare floor';
const FAN_OUT = 'bare ws fan-out';
for (const clients of clientCounts) {
  const label = `${clients} client${clients === 1 ? '' : 's'}`;
  const against = (baseline: ServerName, value: (r: ScenarioResult) => number): { ours: number[]; baseline: { name: string; samples: number[] } } => ({
    ours: pick('relay', clients, value),
    baseline: { name: baseline === 'bare-ws' ? FAN_OUT : FLOOR, samples: pick(baseline, clients, value) },
  });
  const throughputNote = `closed loop, ${window} unacked message(s) per sender`;
  figures.push(
    figure({
      section: 'messaging',
      name: `one-way latency p50, ${label}`,
      unit: 'ms',
      ...against('bare-durable', (r) => r.latency.p50),
      target: (_ours, ratio) => ({ text: `within 1.5x of the ${FLOOR}`, met: ratio !== undefined && ratio <= 1.5 }),
      note: rateNote,
    }),
    figure({ section: 'messaging', name: `one-way latency p50 vs fan-out, ${label}`, unit: 'ms', ...against('bare-ws', (r) => r.latency.p50), note: 'context: a floor that stores nothing' }),
    figure({
      section: 'messaging',
      name: `one-way latency p99, ${label}`,
      unit: 'ms',
      ...against('bare-durable', (r) => r.latency.p99),
      ...(clients >= 1000 ? { target: (ours) => ({ text: '< 20 ms', met: ours.median < 20 }) } : {}),
      note: rateNote,
    }),
    figure({ section: 'messaging', name: `send -> ack p50, ${label}`, unit: 'ms', ...against('bare-durable', (r) => r.latency.ackP50), note: 'both stored (fsync, group commit) before ack' }),
    figure({
      section: 'messaging',
      name: `throughput, ${label}`,
      unit: 'acked msg/s',
      better: 'higher',
      ...against('bare-durable', (r) => r.throughput.perSecond),
      ...(clients >= 1000 ? { target: (ours) => ({ text: '>= 10,000 acked msg/s', met: ours.median >= 10_000 }) } : {}),
      note: throughputNote,
    }),
    figure({
      section: 'messaging',
      name: `server CPU per acked message, ${label}`,
      unit: 'µs',
      ...against('bare-durable', (r) => r.throughput.cpuUsPerMessage),
      note: 'user + system time of the server process over the closed loop / messages acked in it',
    }),
    figure({ section: 'messaging', name: `throughput vs fan-out, ${label}`, unit: 'acked msg/s', better: 'higher', ...against('bare-ws', (r) => r.throughput.perSecond), note: throughputNote }),
  );
}
const most = Math.max(...clientCounts);
figures.push(
  figure({
    section: 'messaging',
    name: `server memory per idle connection (${2 * most + 1} sockets)`,
    unit: 'KiB',
    ours: pick('relay', most, (r) => r.memory.perConnection / 1024),
    baseline: { name: FAN_OUT, samples: pick('bare-ws', most, (r) => r.memory.perConnection / 1024) },
    note: 'RSS delta after GC / sockets (authenticated, idle)',
  }),
);

const relayRuns = results.filter((r) => r.server === 'relay');
const floorRuns = results.filter((r) => r.server === 'bare-durable');
const storedShare = (r: ScenarioResult): number => (100 * (r.stored ?? 0)) / Math.max(1, r.acked);
const errors = results.reduce((sum, r) => sum + r.latency.errors + r.throughput.errors, 0);
const lost = results.reduce((sum, r) => sum + r.latency.lost + r.throughput.lost, 0);
figures.push(
  figure({
    section: 'messaging',
    name: 'acknowledged messages found in SQLite after the relay stopped',
    unit: '%',
    better: 'higher',
    ours: relayRuns.map(storedShare),
    baseline: { name: FLOOR, samples: floorRuns.map(storedShare) },
    target: (ours) => ({ text: '100% (stored before ack)', met: ours.min >= 100 }),
    note: `${relayRuns.reduce((sum, r) => sum + r.acked, 0)} acks over ${relayRuns.length} runs; error frames ${errors}, undelivered ${lost}`,
  }),
);
emitReport({
  benchmark: 'messaging',
  config: { quick: QUICK, clientCounts, runs, latencyRate, latencyMs, throughputMs, window, warmupMs: WARMUP_MS, diskCommits: DISK_COMMITS },
  figures,
  details: {
    runs: results,
    durability: {
      everyAckStored: relayRuns.every((r) => (r.stored ?? 0) >= r.acked),
      floorEveryAckStored: floorRuns.every((r) => (r.stored ?? 0) >= r.acked),
      errors,
      lost,
    },
    diskCommitMs: { before: summarize(diskBefore), after: summarize(diskAfter) },
    topology: 'N conversations: a sending tab and a receiving tab of the same customer each, plus one agent desk seeing all',
  },
  wallMs: performance.now() - started,
});
