/**
 * A `ws` client for the fuzzer: sends frames without waiting (pipelined), checks every frame
 * the server sends back (JSON object with a type; errors carry a known code and a message),
 * and lets the caller wait for one answer or for the close.
 */
import WebSocket from 'ws';
import type { ServerFrame } from '../../src/protocol/frames.js';
import type { ErrorCode } from '../../src/protocol/model.js';
import type { FuzzFrame } from './fuzz-frames.js';

/** Every code the protocol defines (an error with another code is a finding). */
export const ERROR_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'bad-json', 'bad-frame', 'frame-too-large', 'rate-limited', 'not-authenticated', 'unauthorized', 'token-expired',
  'forbidden', 'not-found', 'message-too-large', 'internal', 'network', 'timeout', 'closed', 'upload-too-large',
  'unsupported-type', 'media-denied', 'no-device', 'config', 'attachment-not-allowed', 'customer-deleted',
]);

/** What all fuzz sockets together saw. */
export interface FuzzTally {
  answers: number;
  errorsByCode: Map<string, number>;
  /** Frames from the server that were not JSON objects with a type, or errors without a known code. */
  malformed: string[];
  closeCodes: Map<number, number>;
}

export function newTally(): FuzzTally {
  return { answers: 0, errorsByCode: new Map(), malformed: [], closeCodes: new Map() };
}

type Waiter = { match: (frame: ServerFrame) => boolean; resolve: (frame: ServerFrame | undefined) => void };

export class FuzzSocket {
  /** Answers received since the last `takeAnswers()`. */
  private answers = 0;
  private readonly waiters = new Set<Waiter>();
  private closeCode: number | undefined;
  readonly closed: Promise<number>;

  private constructor(
    private readonly ws: WebSocket,
    private readonly tally: FuzzTally,
  ) {
    this.closed = new Promise((resolve) =>
      ws.on('close', (code) => {
        this.closeCode = code;
        tally.closeCodes.set(code, (tally.closeCodes.get(code) ?? 0) + 1);
        for (const waiter of this.waiters) waiter.resolve(undefined);
        this.waiters.clear();
        resolve(code);
      }),
    );
    ws.on('error', () => undefined);
    ws.on('message', (data, isBinary) => this.receive(String(data), isBinary));
  }

  static async open(baseUrl: string, tally: FuzzTally): Promise<FuzzSocket> {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ws`, { perMessageDeflate: false });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new FuzzSocket(ws, tally);
  }

  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN && this.closeCode === undefined;
  }

  send(frame: FuzzFrame | object): void {
    if (!this.open) return;
    if ('binary' in frame && Buffer.isBuffer(frame.binary)) this.ws.send(frame.binary, { binary: true });
    else if ('text' in frame && typeof frame.text === 'string') this.ws.send(frame.text);
    else this.ws.send(JSON.stringify(frame));
  }

  /** Sends raw bytes as a text frame (e.g. invalid UTF-8). */
  sendRawText(bytes: Buffer): void {
    if (this.open) this.ws.send(bytes, { binary: false });
  }

  /** The first frame from now on that matches, or undefined when the socket closes or time runs out. */
  waitFor(match: (frame: ServerFrame) => boolean, timeoutMs: number): Promise<ServerFrame | undefined> {
    if (!this.open) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        match,
        resolve: (frame) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(frame);
        },
      };
      const timer = setTimeout(() => waiter.resolve(undefined), timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Answers received since the last call. */
  takeAnswers(): number {
    const n = this.answers;
    this.answers = 0;
    return n;
  }

  close(): void {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.close();
  }

  terminate(): void {
    this.ws.terminate();
  }

  private receive(text: string, isBinary: boolean): void {
    this.answers += 1;
    this.tally.answers += 1;
    let frame: ServerFrame;
    try {
      const value: unknown = JSON.parse(text);
      if (isBinary || typeof value !== 'object' || value === null || typeof (value as { type?: unknown }).type !== 'string') {
        throw new Error('not a typed object');
      }
      frame = value as ServerFrame;
    } catch {
      this.tally.malformed.push(text.slice(0, 200));
      return;
    }
    if (frame.type === 'error') {
      this.tally.errorsByCode.set(frame.code, (this.tally.errorsByCode.get(frame.code) ?? 0) + 1);
      if (!ERROR_CODES.has(frame.code) || typeof frame.message !== 'string') this.tally.malformed.push(text.slice(0, 200));
    }
    for (const waiter of this.waiters) if (waiter.match(frame)) waiter.resolve(frame);
  }
}
