/**
 * Child process: the real relay server (`createRelayServer`, as `support-widget serve` runs it)
 * on an ephemeral loopback port, so a load generator never shares its event loop. Configured by
 * env (BENCH_DATA_DIR, BENCH_SECRET, BENCH_STATIC_ROOT, SUPPORT_RATE_PER_SECOND, SUPPORT_RATE_BURST);
 * talks to its parent over IPC (see child-protocol.ts).
 *
 * BENCH_RELAY_MODULE (an absolute path to another `server/index.ts`) measures a patched copy of the
 * server instead, e.g. a proposal from bench/proposals/ applied outside the working tree.
 */
import type * as RelayServerModule from '../../server/index.js';
import { serveChild } from './child-protocol.js';

const modulePath = process.env['BENCH_RELAY_MODULE'];
const { createRelayServer } = (modulePath ? await import(modulePath) : await import('../../server/index.js')) as typeof RelayServerModule;

const dataDir = process.env['BENCH_DATA_DIR'];
if (!dataDir) throw new Error('BENCH_DATA_DIR is required');
const perSecond = Number(process.env['SUPPORT_RATE_PER_SECOND'] ?? 30);
const burst = Number(process.env['SUPPORT_RATE_BURST'] ?? 60);

const relay = await createRelayServer({
  port: 0,
  dataDir,
  secret: process.env['BENCH_SECRET'] ?? 'bench-secret-0123456789abcdef0123',
  demo: true,
  ...(process.env['BENCH_STATIC_ROOT'] ? { staticRoot: process.env['BENCH_STATIC_ROOT'] } : {}),
  rateLimit: { perSecond, burst },
  // One load generator on one address opens every socket: the per-address and per-user limits
  // would refuse most of them (an older relay ignores these options).
  maxConnectionsPerIp: 1_000_000,
  helloRatePerIp: { perSecond: 1_000_000, burst: 1_000_000 },
  maxSocketsPerUser: 1_000_000,
  userRateLimit: { perSecond: perSecond * 2, burst: burst * 2 },
  // Keep the idle heartbeat out of the measurement window.
  heartbeatIntervalMs: 600_000,
  log: (event) => process.stderr.write(`relay: ${JSON.stringify(event)}\n`),
});
serveChild(relay.port, () => relay.close());
