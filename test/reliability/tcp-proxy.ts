/**
 * A loopback TCP proxy in front of the relay that plays a flaky network: it can cut every
 * connection at once (both sides see a reset, mid-frame if bytes were in flight), cut one, or
 * go "offline" so that new connections are dropped as soon as they arrive.
 */
import { createServer, connect } from 'node:net';
import type { Server, Socket } from 'node:net';

interface Pair {
  client: Socket;
  upstream: Socket;
}

export class TcpProxy {
  /** While true, new connections are reset at once (the device is offline). */
  offline = false;
  /** Connections accepted since the start (including the ones reset while offline). */
  accepted = 0;
  private readonly pairs = new Set<Pair>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
    const server = createServer();
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
    const upstream = connect(port, host);
    upstream.on('error', () => undefined);
    const pair: Pair = { client, upstream };
    this.pairs.add(pair);
    client.pipe(upstream);
    upstream.pipe(client);
    const drop = (): void => this.cut(pair);
    client.on('close', drop);
    upstream.on('close', drop);
  }

  private cut(pair: Pair): void {
    if (!this.pairs.delete(pair)) return;
    reset(pair.client);
    reset(pair.upstream);
  }
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
