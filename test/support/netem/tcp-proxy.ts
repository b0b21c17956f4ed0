/**
 * A loopback TCP proxy that plays a network, for the relay's WebSocket: it delays, jitters,
 * throttles and "loses" (retransmission delay) bytes in each direction (`impair`), stalls every
 * connection (a silent outage: bytes are held, nothing is reset), cuts every connection at once
 * (both sides see a reset, mid-frame if bytes were in flight), cuts one, or goes "offline" so that
 * new connections are dropped as soon as they arrive.
 */
import { createServer, connect } from 'node:net';
import type { Server, Socket } from 'node:net';
import { Link, type LinkImpairment } from './link.js';

/** How a TCP path is impaired: `up` is client to server, `down` server to client. */
export interface PathImpairment {
  up?: LinkImpairment;
  down?: LinkImpairment;
}

interface Pair {
  client: Socket;
  upstream: Socket;
  up: Link;
  down: Link;
}

export class TcpProxy {
  /** While true, new connections are reset at once (the device is offline). */
  offline = false;
  /** Connections accepted since the start (including the ones reset while offline). */
  accepted = 0;
  private readonly pairs = new Set<Pair>();
  private impairment: PathImpairment = {};
  private stalledNow = false;

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
    const server = createServer({ noDelay: true });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    const proxy = new TcpProxy(server, typeof address === 'object' && address !== null ? address.port : 0);
    server.on('connection', (client: Socket) => proxy.accept(client, targetPort, targetHost));
    return proxy;
  }

  /** `http://127.0.0.1:PORT` of the proxy. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Open proxied connections. */
  get size(): number {
    return this.pairs.size;
  }

  /** Impairs open and future connections from now on (`{}`: a clean path). */
  impair(impairment: PathImpairment): void {
    this.impairment = impairment;
    for (const pair of this.pairs) {
      pair.up.impairment = impairment.up ?? {};
      pair.down.impairment = impairment.down ?? {};
    }
  }

  /** A silent outage: nothing passes either way, nothing is reset; held bytes flow again on `false`. */
  get stalled(): boolean {
    return this.stalledNow;
  }

  set stalled(value: boolean) {
    this.stalledNow = value;
    for (const pair of this.pairs) {
      pair.up.stalled = value;
      pair.down.stalled = value;
    }
  }

  /** Resets every open connection; returns how many were cut. */
  cutAll(): number {
    const cut = this.pairs.size;
    for (const pair of [...this.pairs]) this.cut(pair);
    return cut;
  }

  /** Resets one open connection picked by `random` (0..1); false when none is open. */
  cutOne(random: number): boolean {
    const list = [...this.pairs];
    const pair = list[Math.floor(random * list.length)];
    if (pair === undefined) return false;
    this.cut(pair);
    return true;
  }

  async close(): Promise<void> {
    this.cutAll();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket, port: number, host: string): void {
    this.accepted += 1;
    client.on('error', () => undefined);
    if (this.offline) {
      reset(client);
      return;
    }
    const upstream = connect({ port, host, noDelay: true });
    upstream.on('error', () => undefined);
    const up = new Link({ kind: 'stream', deliver: (chunk) => writeTo(upstream, chunk) });
    const down = new Link({ kind: 'stream', deliver: (chunk) => writeTo(client, chunk) });
    up.impairment = this.impairment.up ?? {};
    down.impairment = this.impairment.down ?? {};
    up.stalled = this.stalledNow;
    down.stalled = this.stalledNow;
    const pair: Pair = { client, upstream, up, down };
    this.pairs.add(pair);
    client.on('data', (chunk: Buffer) => up.push(chunk));
    upstream.on('data', (chunk: Buffer) => down.push(chunk));
    const drop = (): void => this.cut(pair);
    client.on('close', drop);
    upstream.on('close', drop);
  }

  private cut(pair: Pair): void {
    if (!this.pairs.delete(pair)) return;
    pair.up.close();
    pair.down.close();
    reset(pair.client);
    reset(pair.upstream);
  }
}

function writeTo(socket: Socket, chunk: Buffer): void {
  if (!socket.destroyed) socket.write(chunk);
}

/** Sends a TCP reset (a dropped link, not a clean close); a socket already gone is left alone. */
function reset(socket: Socket): void {
  if (socket.destroyed) return;
  try {
    socket.resetAndDestroy();
  } catch {
    socket.destroy();
  }
}
