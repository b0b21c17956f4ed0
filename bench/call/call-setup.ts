/**
 * Call-setup benchmark: from "accepted" to the first remote video frame, in one Chromium page
 * (fake camera), calls interleaved after one discarded warm-up call of each kind:
 * - baseline: a bare `RTCPeerConnection` pair, signalled through an in-memory channel;
 * - `RelayMediaTransport` pair through the same in-memory channel (the media layer's own cost);
 * - full path: agent and customer `SupportClient`s on the real relay (child process), invite and
 *   accept through `client.calls`, signalling over WebSocket, media through `RelayMediaTransport`.
 *
 * Knobs: BENCH_CALLS (20).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { signToken } from '../../server/tokens.js';
import { launchChromium } from '../../test/support/browser.js';
import { knob, QUICK, REPO_ROOT } from '../lib/config.js';
import { emitReport, figure, progress } from '../lib/figures.js';
import { summarize } from '../lib/stats.js';
import { BENCH_SECRET } from '../relay/dialects.js';
import { startServerChild } from '../relay/server-child.js';
import type { CallTiming } from './call-page.js';

const started = performance.now();
const calls = knob('CALLS', 20, 6);

const bundle = await build({
  entryPoints: [new URL('./call-page.ts', import.meta.url).pathname],
  bundle: true,
  format: 'iife',
  target: 'es2022',
  write: false,
  absWorkingDir: REPO_ROOT,
});
const script = bundle.outputFiles[0]?.text;
if (!script) throw new Error('esbuild produced nothing');
const html = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>call setup</title><script src="/call-page.js"></script></head><body></body></html>';

// A private origin on loopback (getUserMedia needs a secure context; http://127.0.0.1 is one).
const server = createServer((req, res) => {
  const js = req.url === '/call-page.js';
  res.writeHead(200, { 'Content-Type': js ? 'text/javascript' : 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(js ? script : html);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;

type Kind = 'bare' | 'relay' | 'full';
const KINDS: Kind[] = ['bare', 'relay', 'full'];
const timings: Record<Kind, CallTiming[]> = { bare: [], relay: [], full: [] };
const dataDir = mkdtempSync(join(tmpdir(), 'support-bench-call-'));
// Twenty calls back to back exceed the default 30 frames/s per socket: lift it, the calls are the subject.
const relay = await startServerChild('relay-child.ts', { BENCH_DATA_DIR: dataDir, BENCH_SECRET, SUPPORT_RATE_PER_SECOND: '1000', SUPPORT_RATE_BURST: '1000' });
const browser = await launchChromium();
try {
  const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  const exp = Math.floor(Date.now() / 1000) + 3600;
  const benchConfig = {
    url: `http://127.0.0.1:${relay.port}`,
    agentToken: signToken({ sub: 'bench-agent', name: 'Agent', role: 'agent', shop: 'demo', exp }, BENCH_SECRET),
    customerToken: signToken({ sub: 'bench-caller', name: 'Customer', role: 'customer', shop: 'demo', conv: ['c-bench-caller'], exp }, BENCH_SECRET),
  };
  await page.evaluate((config) => ((window as unknown as { benchConfig: unknown }).benchConfig = config), benchConfig);
  const call = (kind: Kind): Promise<CallTiming> =>
    page.evaluate((k) => (window as unknown as { benchCall: Record<string, () => Promise<CallTiming>> }).benchCall[k]?.() as Promise<CallTiming>, kind);
  for (const kind of KINDS) await call(kind);
  for (let i = 0; i < calls; i += 1) {
    // Rotate which goes first, so none always runs on a freshly idle page.
    const order = KINDS.map((_, k) => KINDS[(i + k) % KINDS.length] ?? 'bare');
    for (const kind of order) timings[kind].push(await call(kind));
    if ((i + 1) % 5 === 0 || i + 1 === calls) {
      const last = (kind: Kind): string => timings[kind].at(-1)?.callee.toFixed(0) ?? '?';
      progress(`call: ${i + 1}/${calls}: bare ${last('bare')} ms, relay transport ${last('relay')} ms, full path ${last('full')} ms`);
    }
  }
  await context.close();
} finally {
  await browser.close();
  await relay.stop();
  server.close();
  rmSync(dataDir, { recursive: true, force: true });
}

const bare = (pick: (t: CallTiming) => number): { name: string; samples: number[] } => ({ name: 'bare RTCPeerConnection pair', samples: timings.bare.map(pick) });
const p95Of = (values: number[]): number[] => [summarize(values).p95];
const target = (_ours: unknown, ratio: number | undefined): { text: string; met: boolean } => ({ text: '<= 1.5x bare', met: ratio !== undefined && ratio <= 1.5 });
const callee = (t: CallTiming): number => t.callee;
const both = (t: CallTiming): number => t.both;
const memoryNote = 'in-memory signalling for both; camera open before accept';
const fullNote = 'agent calls, customer accepts; signalling over the relay (WebSocket, child process)';
emitReport({
  benchmark: 'call',
  config: { quick: QUICK, calls },
  figures: [
    figure({ section: 'call', name: 'accept -> callee sees first remote frame, p50: RelayMediaTransport pair', unit: 'ms', ours: timings.relay.map(callee), baseline: bare(callee), target, note: memoryNote }),
    figure({ section: 'call', name: 'accept -> callee sees first remote frame, p95: RelayMediaTransport pair', unit: 'ms', ours: p95Of(timings.relay.map(callee)), baseline: { name: 'bare pair p95', samples: p95Of(timings.bare.map(callee)) }, target }),
    figure({ section: 'call', name: 'accept -> both see each other, p50: RelayMediaTransport pair', unit: 'ms', ours: timings.relay.map(both), baseline: bare(both), note: memoryNote }),
    figure({ section: 'call', name: 'accept -> callee sees first remote frame, p50: full path over the relay', unit: 'ms', ours: timings.full.map(callee), baseline: bare(callee), target, note: fullNote }),
    figure({ section: 'call', name: 'accept -> callee sees first remote frame, p95: full path over the relay', unit: 'ms', ours: p95Of(timings.full.map(callee)), baseline: { name: 'bare pair p95', samples: p95Of(timings.bare.map(callee)) }, target }),
    figure({ section: 'call', name: 'accept -> both see each other, p50: full path over the relay', unit: 'ms', ours: timings.full.map(both), baseline: bare(both), note: fullNote }),
  ],
  details: { timings, elementNotMeasured: '<support-call> UI itself is not in the loop: the full path stops at the media controller' },
  wallMs: performance.now() - started,
});
