/**
 * A customer's impaired network: the TCP proxy in front of the relay and, for calls, the UDP
 * proxy in front of TURN, driven together by a named profile (`apply`) and its outage (`outage`).
 */
import type { NetworkProfile } from './profiles.js';
import type { TcpProxy } from './tcp-proxy.js';
import type { UdpProxy } from './udp-proxy.js';

export class ImpairedNetwork {
  constructor(
    readonly tcp: TcpProxy,
    readonly udp?: UdpProxy,
  ) {}

  /** Applies the profile's impairments (not its outage: `outage()` plays that). */
  apply(profile: NetworkProfile): void {
    this.tcp.impair(profile.tcp);
    this.udp?.impair(profile.udp);
  }

  /** Starts an outage of `kind` now; `restore()` ends it. */
  down(kind: 'cut' | 'stall'): void {
    if (kind === 'cut') {
      this.tcp.offline = true;
      this.tcp.cutAll();
    } else {
      this.tcp.stalled = true;
    }
    if (this.udp) this.udp.stalled = true;
  }

  /** The network is back: new connections pass and held bytes flow. */
  restore(): void {
    this.tcp.offline = false;
    this.tcp.stalled = false;
    if (this.udp) this.udp.stalled = false;
  }

  /** Plays the profile's outage now (none: resolves at once); resolves when the network is back. */
  async outage(profile: NetworkProfile, onDown?: () => void): Promise<void> {
    const outage = profile.outage;
    if (outage === undefined) return;
    this.down(outage.kind);
    onDown?.();
    await new Promise((resolve) => setTimeout(resolve, outage.durationMs));
    this.restore();
  }

  async close(): Promise<void> {
    await Promise.all([this.tcp.close(), this.udp?.close()]);
  }
}
