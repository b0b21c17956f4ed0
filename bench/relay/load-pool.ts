/**
 * The load generator: N conversations, each with a sending tab and a receiving tab of the same
 * customer, plus one agent desk that sees every conversation. Raw `ws` sockets (not the SDK) so
 * the client side costs the same for both servers; all timestamps come from this one process.
 */
import WebSocket from 'ws';
import type { Dialect, Role } from './dialects.js';

/** A realistic short customer message (~60 characters). */
const BODY = 'The screen flickers when the charger is plugged in. Order #100234';
const CONNECT_BATCH = 100;
const WELCOME_TIMEOUT_MS = 20_000;

interface Sender {
  index: number;
  socket: WebSocket;
  inFlight: number;
}

/** What one phase measured. */
export interface PhaseResult {
  /** Send -> the other tab received it, ms. */
  oneWay: number[];
  /** Send -> ack (stored and acknowledged), ms. */
  ackRtt: number[];
  sent: number;
  acked: number;
  /** Acks counted inside the measurement window. */
  ackedInWindow: number;
  windowMs: number;
  /** Error frames received (rate limits, rejections): should be 0. */
  errors: number;
  /** Frames the agent desk received. */
  agentFrames: number;
  /** Messages never delivered to the other tab within 10 s of the phase's end: should be 0. */
  lost: number;
  /** The first error frame, verbatim (truncated). */
  firstError?: string;
}

function open(url: string, hello: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { perMessageDeflate: false });
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error('no welcome in time'));
    }, WELCOME_TIMEOUT_MS);
    socket.once('open', () => socket.send(hello));
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    const onMessage = (data: WebSocket.RawData): void => {
      const text = String(data);
      if (!text.startsWith('{"type":"welcome"')) {
        if (text.includes('"type":"error"')) {
          clearTimeout(timer);
          reject(new Error(`hello rejected: ${text}`));
        }
        return;
      }
      clearTimeout(timer);
      socket.off('message', onMessage);
      resolve(socket);
    };
    socket.on('message', onMessage);
  });
}

export class LoadPool {
  private readonly senders: Sender[] = [];
  private readonly sockets: WebSocket[] = [];
  /** Send time of each message still waiting for its ack / for its delivery to the other tab. */
  private readonly awaitingAck = new Map<string, number>();
  private readonly awaitingDelivery = new Map<string, number>();
  private counter = 0;
  private phase: PhaseResult = LoadPool.emptyPhase();
  private windowFrom = 0;
  private windowTo = Number.POSITIVE_INFINITY;
  private onAck: ((sender: Sender) => void) | undefined;
  /** Acks over the pool's life (to check the store holds at least as many messages). */
  totalAcked = 0;

  private constructor(
    private readonly dialect: Dialect,
    private readonly tag: string,
  ) {}

  private static emptyPhase(): PhaseResult {
    return { oneWay: [], ackRtt: [], sent: 0, acked: 0, ackedInWindow: 0, windowMs: 0, errors: 0, agentFrames: 0, lost: 0 };
  }

  /** Connects the agent, then `conversations` sender/receiver pairs, `CONNECT_BATCH` handshakes at a time. */
  static async connect(url: string, dialect: Dialect, conversations: number): Promise<LoadPool> {
    const pool = new LoadPool(dialect, Math.random().toString(36).slice(2, 8));
    const agent = await open(url, dialect.hello('agent', 0));
    pool.sockets.push(agent);
    agent.on('message', () => (pool.phase.agentFrames += 1));
    const plan: { role: Role; index: number }[] = [];
    for (let index = 0; index < conversations; index += 1) plan.push({ role: 'receiver', index }, { role: 'sender', index });
    for (let i = 0; i < plan.length; i += CONNECT_BATCH) {
      const batch = plan.slice(i, i + CONNECT_BATCH);
      const sockets = await Promise.all(batch.map(({ role, index }) => open(url, dialect.hello(role, index))));
      sockets.forEach((socket, k) => {
        const { role, index } = batch[k] ?? { role: 'receiver', index: 0 };
        pool.sockets.push(socket);
        if (role === 'sender') pool.attachSender({ index, socket, inFlight: 0 });
        else pool.attachReceiver(socket);
      });
    }
    return pool;
  }

  /** Sockets open, the agent's included. */
  get socketCount(): number {
    return this.sockets.length;
  }

  private attachSender(sender: Sender): void {
    this.senders.push(sender);
    sender.socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { type: string; clientMsgId?: string };
      if (frame.type === 'error') {
        this.phase.errors += 1;
        this.phase.firstError ??= String(data).slice(0, 300);
      }
      if (frame.type !== 'ack' || frame.clientMsgId === undefined) return;
      const now = performance.now();
      const sentAt = this.awaitingAck.get(frame.clientMsgId);
      this.awaitingAck.delete(frame.clientMsgId);
      sender.inFlight -= 1;
      this.totalAcked += 1;
      this.phase.acked += 1;
      if (now >= this.windowFrom && now <= this.windowTo) this.phase.ackedInWindow += 1;
      if (sentAt !== undefined && this.inWindow(sentAt)) this.phase.ackRtt.push(now - sentAt);
      this.onAck?.(sender);
    });
  }

  private attachReceiver(socket: WebSocket): void {
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { type: string; clientMsgId?: string };
      if (frame.type !== 'message' || frame.clientMsgId === undefined) return;
      const now = performance.now();
      const sentAt = this.awaitingDelivery.get(frame.clientMsgId);
      this.awaitingDelivery.delete(frame.clientMsgId);
      if (sentAt !== undefined && this.inWindow(sentAt)) this.phase.oneWay.push(now - sentAt);
    });
  }

  /** Latencies count for messages sent inside the window (stragglers included, so the tail is kept). */
  private inWindow(sentAt: number): boolean {
    return sentAt >= this.windowFrom && sentAt <= this.windowTo;
  }

  private sendFrom(sender: Sender): void {
    const clientMsgId = `${this.tag}-${sender.index}-${(this.counter += 1)}`;
    const now = performance.now();
    this.awaitingAck.set(clientMsgId, now);
    this.awaitingDelivery.set(clientMsgId, now);
    sender.inFlight += 1;
    this.phase.sent += 1;
    sender.socket.send(this.dialect.send(sender.index, clientMsgId, BODY));
  }

  /**
   * Open loop: `rate` messages per second in total, spread round-robin over the senders, for
   * `durationMs`; latencies are kept after `warmupMs`. Waits for stragglers before returning.
   */
  async openLoop(rate: number, durationMs: number, warmupMs: number): Promise<PhaseResult> {
    this.begin(warmupMs, durationMs);
    const started = performance.now();
    let sent = 0;
    let next = 0;
    await new Promise<void>((done) => {
      const timer = setInterval(() => {
        const elapsed = performance.now() - started;
        if (elapsed >= durationMs) {
          clearInterval(timer);
          done();
          return;
        }
        const due = Math.floor((rate * elapsed) / 1000) - sent;
        for (let k = 0; k < due; k += 1) {
          const sender = this.senders[next % this.senders.length];
          next += 1;
          if (sender) this.sendFrom(sender);
        }
        sent += Math.max(0, due);
      }, 1);
    });
    return this.end();
  }

  /**
   * Closed loop: every sender keeps `window` messages unacknowledged (the SDK's outbox keeps one),
   * sending the next on each ack, for `durationMs`; acks are counted after `warmupMs`.
   */
  async closedLoop(window: number, durationMs: number, warmupMs: number): Promise<PhaseResult> {
    this.begin(warmupMs, durationMs);
    let running = true;
    this.onAck = (sender) => {
      if (running && sender.inFlight < window) this.sendFrom(sender);
    };
    for (const sender of this.senders) for (let k = 0; k < window; k += 1) this.sendFrom(sender);
    await new Promise((resolve) => setTimeout(resolve, durationMs));
    running = false;
    return this.end();
  }

  private begin(warmupMs: number, durationMs: number): void {
    this.phase = LoadPool.emptyPhase();
    const now = performance.now();
    this.windowFrom = now + warmupMs;
    this.windowTo = now + durationMs;
    this.phase.windowMs = durationMs - warmupMs;
  }

  private async end(): Promise<PhaseResult> {
    const result = this.phase;
    // Let in-flight messages land (outside the window) so the next phase starts clean.
    const deadline = performance.now() + 10_000;
    while ((this.awaitingAck.size > 0 || this.awaitingDelivery.size > 0) && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    result.lost = this.awaitingDelivery.size;
    this.onAck = undefined;
    this.awaitingAck.clear();
    this.awaitingDelivery.clear();
    return result;
  }

  /** Closes every socket. */
  async close(): Promise<void> {
    await Promise.all(
      this.sockets.map(
        (socket) =>
          new Promise<void>((resolve) => {
            if (socket.readyState === WebSocket.CLOSED) return resolve();
            const timer = setTimeout(() => {
              socket.terminate();
              resolve();
            }, 2000);
            socket.once('close', () => {
              clearTimeout(timer);
              resolve();
            });
            socket.close();
          }),
      ),
    );
  }
}
