/**
 * Weak-network benchmark (issue 19, docs/weak-networks.md): for each named netem profile, chat
 * one-way p50/p95, loss and recovery (headless clients, the customer's WebSocket through the TCP
 * proxy), and a call between the demo product page and the desk with TURN as the only path
 * (customer media through the UDP proxy): time to first frame, freezes and frozen time per minute,
 * the longest freeze, seconds without audio, recovery after the outage, received resolution and
 * frame rate each second (in the JSON details). Calls are skipped when coturn is missing.
 *
 * Knobs: BENCH_NET_MESSAGES (30; quick 8), BENCH_NET_CALL_SECONDS (60; quick 15),
 * BENCH_NET_PROFILES (comma-separated names; default all). The relay serves the measured build: bench/run.mjs's
 * private build (BENCH_BUILD_ROOT), else the repository's dist/ (`npm run build`).
 */
import { CHROMIUM_FLAGS } from '../../test/support/browser.js';
import { openDeskWorld } from '../../test/support/desk-world.js';
import { ImpairedNetwork } from '../../test/support/netem/network.js';
import { PROFILES, profile, type NetworkProfile } from '../../test/support/netem/profiles.js';
import { TcpProxy } from '../../test/support/netem/tcp-proxy.js';
import { startTurnServer, turnServerPath } from '../../test/support/netem/turn-server.js';
import { turnOnlyScript } from '../../test/support/netem/turn-only.js';
import { UdpProxy } from '../../test/support/netem/udp-proxy.js';
import { knob, QUICK } from '../lib/config.js';
import { buildRoot } from '../lib/static-root.js';
import { emitReport, figure, progress, type Figure } from '../lib/figures.js';
import { summarize } from '../lib/stats.js';
import { runCall, type CallRun } from './call-run.js';
import { runChat, type ChatRun } from './chat-run.js';

const started = performance.now();
const messages = knob('NET_MESSAGES', 30, 8);
const callSeconds = knob('NET_CALL_SECONDS', 60, 15);
const names = process.env['BENCH_NET_PROFILES']?.split(',').map((n) => n.trim()) ?? Object.keys(PROFILES);
const profiles: NetworkProfile[] = names.map((name) => profile(name));
const withCalls = turnServerPath() !== undefined;

const chats: Record<string, ChatRun> = {};
const calls: Record<string, CallRun> = {};
const turn = withCalls ? await startTurnServer() : undefined;
const world = await openDeskWorld({ args: [...CHROMIUM_FLAGS, '--autoplay-policy=no-user-gesture-required'], cwd: buildRoot() });
const net = new ImpairedNetwork(await TcpProxy.start(world.relay.port), turn ? await UdpProxy.start(turn.port) : undefined);
try {
  for (const p of profiles) {
    chats[p.name] = await runChat(net, world.relay.url, p, messages);
    const chat = chats[p.name];
    progress(`network: ${p.name}: chat p50 ${summarize(chat?.oneWayMs ?? []).median.toFixed(0)} ms, lost ${chat?.lost}`);
  }
  if (turn && net.udp) {
    const customer = await world.person();
    const agent = await world.person();
    await customer.context().addInitScript(turnOnlyScript(turn.iceServer(net.udp.port)));
    await agent.context().addInitScript(turnOnlyScript(turn.iceServer()));
    const urls = { customer: `${net.tcp.url}/`, agent: `${world.relay.url}/agent/` };
    for (const p of profiles) {
      const call = await runCall({ customer, agent }, urls, net, p, callSeconds);
      calls[p.name] = call;
      progress(`network: ${p.name}: call first frame ${call.firstFrameMs.toFixed(0)} ms, frozen ${call.frozenSecondsPerMinute.toFixed(1)} s/min`);
    }
  } else {
    progress('network: coturn (turnserver) not installed: calls skipped');
  }
} finally {
  await world.close();
  await net.close();
  await turn?.stop();
}

const figures: Figure[] = [];
const one = (value: number | undefined): number[] => (value === undefined ? [] : [value]);
const atMost = (limit: number, unit = '') => (ours: { median: number }) => ({ text: `<= ${limit}${unit}`, met: ours.median <= limit });
for (const p of profiles) {
  const chat = chats[p.name];
  const call = calls[p.name];
  const section = 'network' as const;
  const name = (what: string): string => `${p.name}: ${what}`;
  if (chat) {
    const oneWay = summarize(chat.oneWayMs);
    const pathMs = (p.tcp.up?.delayMs ?? 0) + 0;
    const satellite = p.name === 'satellite-600ms' ? { target: atMost(Math.round(1.2 * pathMs) + 20, ' ms (1.2x path + relay)') } : {};
    figures.push(figure({ section, name: name('chat one-way, p50'), unit: 'ms', ours: chat.oneWayMs, ...satellite, note: p.summary }));
    figures.push(figure({ section, name: name('chat one-way, p95'), unit: 'ms', ours: [oneWay.p95] }));
    figures.push(figure({ section, name: name('chat lost + duplicated + out of order'), unit: 'messages', ours: [chat.lost + chat.duplicated + chat.outOfOrder], target: atMost(0), note: `of ${chat.sent}` }));
    if (chat.recoveryMs !== undefined) figures.push(figure({ section, name: name('chat reconnected after the network returned'), unit: 'ms', ours: [chat.recoveryMs], target: atMost(5000, ' ms') }));
  }
  if (call) {
    figures.push(figure({ section, name: name('call start -> first frame at the agent'), unit: 'ms', ours: [call.firstFrameMs] }));
    figures.push(figure({ section, name: name('call freezes per minute'), unit: '/min', ours: [call.freezesPerMinute] }));
    const frozenTarget = p.name === 'lossy-10' ? { target: atMost(2, ' s/min') } : {};
    figures.push(figure({ section, name: name('call frozen time per minute'), unit: 's/min', ours: [call.frozenSecondsPerMinute], ...frozenTarget }));
    const longestTarget = p.name === 'uplink-300k' ? { target: atMost(1000, ' ms') } : {};
    figures.push(figure({ section, name: name('call longest freeze'), unit: 'ms', ours: [call.longestFreezeMs], ...longestTarget, note: p.outage ? 'includes the outage' : '' }));
    const audioTarget = p.name === 'uplink-300k' ? { target: atMost(0, ' s') } : {};
    figures.push(figure({ section, name: name('call seconds without audio'), unit: 's', ours: [call.audioGapSeconds], ...audioTarget }));
    figures.push(figure({ section, name: name('call received width, p50'), unit: 'px', better: 'higher', ours: call.samples.map((s) => s.width) }));
    figures.push(figure({ section, name: name('call received frame rate, p50'), unit: 'fps', better: 'higher', ours: call.samples.map((s) => s.fps) }));
    if (call.recoveryMs !== undefined) figures.push(figure({ section, name: name('call video back after the network returned'), unit: 'ms', ours: one(call.recoveryMs), target: atMost(5000, ' ms') }));
  }
}

emitReport({
  benchmark: 'network',
  config: { quick: QUICK, messages, callSeconds, profiles: names, calls: withCalls },
  figures,
  details: { profiles: Object.fromEntries(profiles.map((p) => [p.name, p])), chats, calls },
  wallMs: performance.now() - started,
});
