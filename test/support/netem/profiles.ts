/**
 * The named network profiles of the weak-network tests and `npm run bench` (docs/weak-networks.md).
 * Each describes the customer's access network: `tcp` for the relay's WebSocket (a stream: loss
 * becomes a retransmission delay), `udp` for the call's media through TURN (loss drops), and an
 * optional outage on a schedule. Delays are one-way, so the round trip is twice `delayMs`.
 */
import type { LinkImpairment } from './link.js';
import type { PathImpairment } from './tcp-proxy.js';

export type ProfileName = 'good' | '3g' | 'lossy-10' | 'satellite-600ms' | 'outage-10s' | 'uplink-300k';

/** An outage: `afterMs` from the profile's start, nothing passes for `durationMs`. */
export interface Outage {
  afterMs: number;
  durationMs: number;
  /**
   * `cut`: open connections are reset and new ones refused (the phone lost its network);
   * `stall`: packets vanish silently (a dead zone; a TCP connection may survive it).
   */
  kind: 'cut' | 'stall';
}

export interface NetworkProfile {
  name: ProfileName;
  /** One line for tables and docs. */
  summary: string;
  tcp: PathImpairment;
  udp: PathImpairment;
  outage?: Outage;
}

function both(link: LinkImpairment, up: LinkImpairment = {}): PathImpairment {
  return { up: { ...link, ...up }, down: { ...link } };
}

/** Every profile by name. */
export const PROFILES: Readonly<Record<ProfileName, NetworkProfile>> = {
  good: { name: 'good', summary: 'loopback, no impairment', tcp: {}, udp: {} },
  '3g': {
    name: '3g',
    summary: '150 ms RTT ±20 ms jitter, 1.6 Mbit/s down, 750 kbit/s up, 1 % loss',
    tcp: both({ delayMs: 75, jitterMs: 10, rateBps: 1_600_000, loss: 0.01 }, { rateBps: 750_000 }),
    udp: both({ delayMs: 75, jitterMs: 10, rateBps: 1_600_000, loss: 0.01 }, { rateBps: 750_000 }),
  },
  'lossy-10': {
    name: 'lossy-10',
    summary: '300 ms RTT, 10 % loss each way',
    tcp: both({ delayMs: 150, loss: 0.1 }),
    udp: both({ delayMs: 150, loss: 0.1 }),
  },
  'satellite-600ms': {
    name: 'satellite-600ms',
    summary: '600 ms RTT ±20 ms jitter, 10 Mbit/s',
    tcp: both({ delayMs: 300, jitterMs: 10, rateBps: 10_000_000 }),
    udp: both({ delayMs: 300, jitterMs: 10, rateBps: 10_000_000 }),
  },
  'outage-10s': {
    name: 'outage-10s',
    summary: '40 ms RTT; everything cut for 10 s after 5 s',
    tcp: both({ delayMs: 20 }),
    udp: both({ delayMs: 20 }),
    outage: { afterMs: 5_000, durationMs: 10_000, kind: 'cut' },
  },
  'uplink-300k': {
    name: 'uplink-300k',
    summary: '80 ms RTT, 300 kbit/s up (250 ms buffer), 5 Mbit/s down',
    tcp: both({ delayMs: 40, rateBps: 5_000_000 }, { rateBps: 300_000 }),
    udp: both({ delayMs: 40, rateBps: 5_000_000 }, { rateBps: 300_000 }),
  },
};

/** The profile called `name`; throws on an unknown name (with the known ones). */
export function profile(name: string): NetworkProfile {
  const found = (PROFILES as Record<string, NetworkProfile | undefined>)[name];
  if (found === undefined) throw new Error(`unknown network profile ${name}; known: ${Object.keys(PROFILES).join(', ')}`);
  return found;
}
