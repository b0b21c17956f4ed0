/**
 * A loopback UDP proxy in front of one server (the TURN server): each client address gets its
 * own upstream socket, and every datagram crosses an impaired `Link` (`up`: client to server,
 * `down`: server to client) that delays, jitters (so reorders), drops and rate-limits it. A
 * browser whose only ICE path is TURN through this proxy has exactly this access network.
 */
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { Link, type LinkCounters } from './link.js';
import type { PathImpairment } from './tcp-proxy.js';

interface Session {
  upstream: Socket;
  up: Link;
  down: Link;
}

export class UdpProxy {
  private readonly sessions = new Map<string, Session>();
  private impairment: PathImpairment = {};
  private stalledNow = false;

  private constructor(
    private readonly socket: Socket,
    readonly port: number,
    private readonly target: { port: number; host: string },
  ) {}

  static async start(targetPort: number, targetHost = '127.0.0.1'): Promise<UdpProxy> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, '127.0.0.1', () => resolve());
    });
    const proxy = new UdpProxy(socket, socket.address().port, { port: targetPort, host: targetHost });
    socket.on('message', (message, from) => proxy.fromClient(message, from));
    return proxy;
  }

  /** Impairs every client's path from now on (`{}`: clean). */
  impair(impairment: PathImpairment): void {
    this.impairment = impairment;
    for (const session of this.sessions.values()) {
      session.up.impairment = impairment.up ?? {};
      session.down.impairment = impairment.down ?? {};
    }
  }

  /** An outage: every datagram either way is dropped while true. */
  get stalled(): boolean {
    return this.stalledNow;
  }

  set stalled(value: boolean) {
    this.stalledNow = value;
    for (const session of this.sessions.values()) {
      session.up.stalled = value;
      session.down.stalled = value;
    }
  }

  /** Datagrams carried and dropped so far, per direction, over all clients. */
  counters(): { up: LinkCounters; down: LinkCounters } {
    const sum = (pick: (session: Session) => LinkCounters): LinkCounters => {
      const total = { delivered: 0, dropped: 0, bytes: 0 };
      for (const session of this.sessions.values()) {
        const c = pick(session);
        total.delivered += c.delivered;
        total.dropped += c.dropped;
        total.bytes += c.bytes;
      }
      return total;
    };
    return { up: sum((s) => s.up.counters), down: sum((s) => s.down.counters) };
  }

  async close(): Promise<void> {
    for (const session of this.sessions.values()) {
      session.up.close();
      session.down.close();
      session.upstream.close();
    }
    this.sessions.clear();
    await new Promise<void>((resolve) => this.socket.close(() => resolve()));
  }

  private fromClient(message: Buffer, from: RemoteInfo): void {
    const key = `${from.address}:${from.port}`;
    let session = this.sessions.get(key);
    if (session === undefined) {
      session = this.open(from);
      this.sessions.set(key, session);
    }
    session.up.push(message);
  }

  private open(client: RemoteInfo): Session {
    const upstream = createSocket('udp4');
    upstream.on('error', () => undefined);
    upstream.bind(0, '127.0.0.1');
    const { port, host } = this.target;
    const up = new Link({ kind: 'datagram', deliver: (chunk) => upstream.send(chunk, port, host) });
    const down = new Link({ kind: 'datagram', deliver: (chunk) => this.socket.send(chunk, client.port, client.address) });
    up.impairment = this.impairment.up ?? {};
    down.impairment = this.impairment.down ?? {};
    up.stalled = this.stalledNow;
    down.stalled = this.stalledNow;
    upstream.on('message', (message) => down.push(message));
    return { upstream, up, down };
  }
}
