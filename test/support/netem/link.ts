/**
 * One direction of an impaired network path, in user space (`tc netem` is not available here):
 * a bottleneck of `rateBps` with a buffer of `queueMs`, then a one-way delay with jitter, and
 * loss. A stream link (TCP) keeps order and turns a loss into a retransmission delay, as TCP
 * would; a datagram link (UDP) drops the packet and lets jitter reorder packets.
 */

/** How one direction is impaired; every field may be changed while traffic flows. */
export interface LinkImpairment {
  /** One-way delay added to every packet, ms. */
  delayMs?: number;
  /** Extra one-way delay, uniform in 0..jitterMs. */
  jitterMs?: number;
  /** Probability (0..1) that a packet is lost. */
  loss?: number;
  /** Bottleneck rate in bits per second; absent: unlimited. */
  rateBps?: number;
  /** Bottleneck buffer in ms of queued data at `rateBps`; a datagram arriving to a fuller queue is dropped. Default 250. */
  queueMs?: number;
}

/** What a link has carried. */
export interface LinkCounters {
  delivered: number;
  dropped: number;
  bytes: number;
}

export interface LinkOptions {
  /** `stream`: ordered, loss delays (TCP); `datagram`: loss drops, jitter may reorder (UDP). */
  kind: 'stream' | 'datagram';
  deliver: (chunk: Buffer) => void;
  random?: () => number;
}

interface Queued {
  at: number;
  chunk: Buffer;
}

/** Lower bound of a retransmission after a loss (Linux's minimum RTO), ms. */
const MIN_RETRANSMIT_MS = 200;

function isClean({ delayMs = 0, jitterMs = 0, loss = 0, rateBps }: LinkImpairment): boolean {
  return delayMs === 0 && jitterMs === 0 && loss === 0 && rateBps === undefined;
}

export class Link {
  impairment: LinkImpairment = {};
  readonly counters: LinkCounters = { delivered: 0, dropped: 0, bytes: 0 };
  private stalledNow = false;
  private readonly held: Buffer[] = [];
  private readonly queue: Queued[] = [];
  private busyUntil = 0;
  private lastAt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  constructor(private readonly options: LinkOptions) {}

  /**
   * While stalled nothing gets through: a stream link holds its bytes (a TCP connection across
   * a short outage resumes), a datagram link drops them.
   */
  get stalled(): boolean {
    return this.stalledNow;
  }

  set stalled(value: boolean) {
    this.stalledNow = value;
    if (value) return;
    for (const chunk of this.held.splice(0)) this.schedule(chunk);
  }

  /** Hands one chunk (a TCP read or a datagram) to the link. */
  push(chunk: Buffer): void {
    if (this.closed) return;
    if (this.stalledNow) {
      if (this.options.kind === 'stream') this.held.push(chunk);
      else this.counters.dropped += 1;
      return;
    }
    if (this.queue.length === 0 && isClean(this.impairment)) {
      // A clean path forwards at once, as a plain pipe would (no timer hop per chunk).
      this.counters.delivered += 1;
      this.counters.bytes += chunk.length;
      this.options.deliver(chunk);
      return;
    }
    this.schedule(chunk);
  }

  /** Drops everything in flight and stops delivering. */
  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.queue.length = 0;
    this.held.length = 0;
  }

  private schedule(chunk: Buffer): void {
    const random = this.options.random ?? Math.random;
    const { delayMs = 0, jitterMs = 0, loss = 0, rateBps, queueMs = 250 } = this.impairment;
    const stream = this.options.kind === 'stream';
    const now = performance.now();
    let sentAt = now;
    if (rateBps !== undefined && rateBps > 0) {
      const start = Math.max(now, this.busyUntil);
      if (!stream && start - now > queueMs) {
        this.counters.dropped += 1;
        return;
      }
      this.busyUntil = start + (chunk.length * 8 * 1000) / rateBps;
      sentAt = this.busyUntil;
    }
    let at = sentAt + delayMs + random() * jitterMs;
    if (loss > 0 && random() < loss) {
      if (!stream) {
        this.counters.dropped += 1;
        return;
      }
      // TCP resends after about one round trip (never sooner than the minimum RTO).
      at += Math.max(MIN_RETRANSMIT_MS, 2 * delayMs);
    }
    if (stream) at = Math.max(at, this.lastAt);
    this.lastAt = at;
    this.enqueue({ at, chunk });
  }

  private enqueue(item: Queued): void {
    let index = this.queue.length;
    while (index > 0 && (this.queue[index - 1]?.at ?? 0) > item.at) index -= 1;
    this.queue.splice(index, 0, item);
    if (index === 0) this.arm();
  }

  private arm(): void {
    clearTimeout(this.timer);
    const head = this.queue[0];
    if (head === undefined) return;
    this.timer = setTimeout(() => this.flush(), Math.max(0, head.at - performance.now()));
  }

  private flush(): void {
    const now = performance.now();
    while (this.queue.length > 0 && (this.queue[0]?.at ?? Infinity) <= now + 0.5) {
      const item = this.queue.shift();
      if (item === undefined) break;
      this.counters.delivered += 1;
      this.counters.bytes += item.chunk.length;
      this.options.deliver(item.chunk);
    }
    this.arm();
  }
}
