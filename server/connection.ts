/**
 * One WebSocket: frame size, rate limit (before parsing), parsing, the hello-first rule, abuse counting,
 * heartbeat and slow-consumer protection. What frames *mean* lives in `RelayProtocol`.
 */
import type { Duplex } from 'node:stream';
import WebSocket from 'ws';
import { parseClientFrame } from 'support-widget/protocol';
import type { ClientFrame, ErrorCode, HelloFrame, ServerFrame } from 'support-widget/protocol';
import type { ConnectionGuard } from './connection-guard.js';
import { peekRef } from './frame-ref.js';
import type { Member } from './hub.js';
import { errorText } from './log.js';
import type { LogValue, RelayLog } from './log.js';
import { TokenBucket } from './rate-limit.js';
import { isStorageError, STORAGE_FULL_MESSAGE } from './storage-health.js';
import type { StorageHealth } from './storage-health.js';

/** Per-connection limits (see `RelayServerOptions` for defaults). */
export interface ConnectionLimits {
  maxFrameBytes: number;
  rateLimit: { perSecond: number; burst: number };
  /** Invalid or forbidden frames tolerated before the socket is closed with 1008. */
  maxInvalidFrames: number;
  /** Unsent bytes queued for this socket before it is terminated as a slow consumer. */
  maxBufferedBytes: number;
  /** Time allowed between connecting and a valid `hello`. */
  authTimeoutMs: number;
}

/** What a connection hands its frames to. */
export interface FrameHandler {
  hello(connection: Connection, frame: HelloFrame): void;
  frame(connection: Connection, member: Member, frame: Exclude<ClientFrame, HelloFrame>): void;
  closed(connection: Connection): void;
}

/** Where a connection came from and what it shares with the others (all optional in tests). */
export interface ConnectionContext {
  /** Per-address and per-user limits; with it, `ip` and `hellos` (from `guard.admit(ip)`). */
  guard?: ConnectionGuard;
  ip?: string;
  /** The address's hello bucket. */
  hellos?: TokenBucket;
  /** Told about writes the disk refused. */
  storage?: StorageHealth;
  /** The socket under the WebSocket (the upgrade's): corked while `hold()` lasts. */
  transport?: Duplex;
}

/** WebSocket close code for a policy violation. */
export const POLICY_VIOLATION = 1008;
/** WebSocket close code "try again later" (too many connections, too many hellos). */
export const TRY_AGAIN_LATER = 1013;

/** `ws` send options for a frame serialised beforehand: a text message, whatever its bytes came in. */
const TEXT = { binary: false } as const;

/** A frame serialised once (UTF-8 JSON) for every recipient of a broadcast: `Connection.sendSerialized`. */
export function serializeFrame(frame: ServerFrame): Buffer {
  return Buffer.from(JSON.stringify(frame));
}

function toBuffer(data: WebSocket.RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

export class Connection {
  /** Set by the heartbeat before each ping, cleared by the pong. */
  alive = true;
  private member: Member | undefined;
  private invalidFrames = 0;
  private readonly bucket: TokenBucket;
  /** The user's bucket shared with their other connections, once authenticated. */
  private userBucket: { key: string; bucket: TokenBucket } | undefined;
  private readonly guard: ConnectionGuard | undefined;
  private readonly authTimer: NodeJS.Timeout;
  /** True between `hold()` and `release()`. */
  private held = false;

  constructor(
    private readonly socket: WebSocket,
    private readonly handler: FrameHandler,
    private readonly limits: ConnectionLimits,
    private readonly log: RelayLog,
    private readonly context: ConnectionContext = {},
  ) {
    this.guard = context.guard;
    this.bucket = new TokenBucket(limits.rateLimit.perSecond, limits.rateLimit.burst);
    socket.on('message', (data) => this.receive(toBuffer(data)));
    socket.on('pong', () => (this.alive = true));
    socket.on('error', (error) => this.log({ level: 'warn', event: 'ws-error', error: error.message, ...this.who() }));
    socket.on('close', (code) => {
      clearTimeout(this.authTimer);
      this.log({ level: 'info', event: 'ws-close', code, ...this.who() });
      if (this.userBucket !== undefined) this.guard?.leave(this.userBucket.key);
      this.userBucket = undefined;
      if (context.ip !== undefined) this.guard?.release(context.ip);
      this.handler.closed(this);
    });
    this.authTimer = setTimeout(() => {
      if (this.member === undefined) this.fail('not-authenticated', 'no hello received in time');
    }, limits.authTimeoutMs);
    this.authTimer.unref();
  }

  /** The authenticated member, once `hello` succeeded. */
  get authenticated(): Member | undefined {
    return this.member;
  }

  /**
   * Marks the connection as authenticated; called by the handler after a valid hello. False
   * (and the socket closing with a coded error) when the user already has the most sockets
   * allowed or their frame bucket is empty: the handler then sends nothing more.
   */
  authenticate(member: Member): boolean {
    clearTimeout(this.authTimer);
    if (this.guard !== undefined && this.userBucket === undefined) {
      if (!this.open) return false;
      // Ids cannot contain '/', so the key is unambiguous.
      const key = `${member.shop}/${member.user.role}/${member.user.id}`;
      const joined = this.guard.join(key);
      if (!joined.ok) {
        this.log({ level: 'warn', event: 'ws-refused', code: joined.code, user: member.user.id, role: member.user.role, shop: member.shop });
        this.fail(joined.code, joined.message, TRY_AGAIN_LATER);
        return false;
      }
      this.userBucket = { key, bucket: joined.bucket };
    }
    this.member = member;
    this.log({ level: 'info', event: 'ws-connect', ...this.who() });
    return true;
  }

  /** True while frames can still be sent (long loops such as a replay stop when it turns false). */
  get open(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  /** Sends a frame; a socket whose unsent data piles up past the limit is terminated. */
  send(frame: ServerFrame): void {
    if (this.socket.readyState !== WebSocket.OPEN) return;
    this.socket.send(JSON.stringify(frame));
    this.checkBuffered();
  }

  /** Sends a frame serialised beforehand (`serializeFrame`), as one text message like `send`. */
  sendSerialized(frame: Buffer): void {
    if (this.socket.readyState !== WebSocket.OPEN) return;
    this.socket.send(frame, TEXT);
    this.checkBuffered();
  }

  /**
   * Holds this socket's writes (corks it) until `release()`: every frame sent meanwhile is still
   * its own WebSocket message, but all of them leave in one write. False when already held or
   * closed (then the caller must not release it).
   */
  hold(): boolean {
    if (this.held || this.socket.readyState !== WebSocket.OPEN) return false;
    this.held = true;
    this.context.transport?.cork();
    return true;
  }

  /** Writes what `hold()` kept back, then applies the slow-consumer limit to what is still unsent. */
  release(): void {
    if (!this.held) return;
    this.held = false;
    this.context.transport?.uncork();
    this.checkBuffered();
  }

  /** Terminates a slow consumer; while held, the frames are only queued, so the check waits for `release()`. */
  private checkBuffered(): void {
    if (this.held || this.socket.bufferedAmount <= this.limits.maxBufferedBytes) return;
    this.log({ level: 'warn', event: 'ws-slow-consumer', bufferedBytes: this.socket.bufferedAmount, ...this.who() });
    this.socket.terminate();
  }

  /** Sends a coded error that does not count as abuse (e.g. a conversation that vanished). */
  error(code: ErrorCode, message: string, ref?: string): void {
    this.send(ref === undefined ? { type: 'error', code, message } : { type: 'error', code, message, ref });
  }

  /** Sends a coded error for an invalid or forbidden frame; too many of them close the connection. */
  reject(code: ErrorCode, message: string, ref?: string): void {
    this.invalidFrames += 1;
    if (this.invalidFrames > this.limits.maxInvalidFrames) {
      this.fail(code, `${message}; too many invalid frames`);
      return;
    }
    this.error(code, message, ref);
  }

  /** Sends a fatal error frame and closes the connection (default: as a policy violation). */
  fail(code: ErrorCode, message: string, closeCode = POLICY_VIOLATION): void {
    this.send({ type: 'error', code, message, fatal: true });
    this.close(closeCode, code);
  }

  close(code: number, reason: string): void {
    if (this.socket.readyState === WebSocket.OPEN || this.socket.readyState === WebSocket.CONNECTING) {
      this.socket.close(code, reason);
    }
  }

  terminate(): void {
    this.socket.terminate();
  }

  /** One heartbeat tick: terminate when the last ping got no pong, else ping again. */
  heartbeat(): void {
    if (!this.alive) {
      this.log({ level: 'info', event: 'ws-heartbeat-missed', ...this.who() });
      this.socket.terminate();
      return;
    }
    this.alive = false;
    if (this.socket.readyState === WebSocket.OPEN) this.socket.ping();
  }

  /** Who this connection is, for log events: ids only, never the token. */
  private who(): Record<string, LogValue> {
    const member = this.member;
    return member === undefined ? {} : { user: member.user.id, role: member.user.role, shop: member.shop };
  }

  private receive(data: Buffer): void {
    if (this.socket.readyState !== WebSocket.OPEN) return;
    if (data.byteLength > this.limits.maxFrameBytes) {
      this.reject('frame-too-large', `frame is larger than ${this.limits.maxFrameBytes} bytes`);
      return;
    }
    // Both buckets (the connection's, and the user's across all their connections), before parsing: a flood costs no JSON.parse.
    if (!this.bucket.take() || this.userBucket?.bucket.take() === false) {
      this.error('rate-limited', 'too many frames; slow down and retry', peekRef(data));
      return;
    }
    const parsed = parseClientFrame(data);
    if (!parsed.ok) {
      this.reject(parsed.code, parsed.message, parsed.ref);
      return;
    }
    const { frame } = parsed;
    const member = this.member;
    if (frame.type !== 'hello' && member === undefined) {
      this.reject('not-authenticated', 'the first frame must be hello', refOf(frame));
      return;
    }
    if (frame.type === 'hello' && member === undefined && this.context.hellos?.take() === false) {
      this.log({ level: 'warn', event: 'ws-refused', code: 'rate-limited', reason: 'hellos-per-address' });
      this.fail('rate-limited', 'too many connections from this address; retry later', TRY_AGAIN_LATER);
      return;
    }
    try {
      if (frame.type !== 'hello' && member !== undefined) this.handler.frame(this, member, frame);
      else if (member === undefined && frame.type === 'hello') this.handler.hello(this, frame);
      else this.reject('bad-frame', 'already authenticated');
    } catch (error) {
      if (isStorageError(error)) {
        // A receipt, a context, a first hello's conversation: refused by the disk, not by a bug.
        this.context.storage?.failed(error, frame.type);
        const ref = refOf(frame);
        this.send({ type: 'error', code: 'storage-full', message: STORAGE_FULL_MESSAGE, retryable: true, ...(ref === undefined ? {} : { ref }) });
        return;
      }
      this.log({ level: 'error', event: 'frame-error', frame: frame.type, error: errorText(error), stack: stackFrames(error), ...this.who() });
      this.error('internal', 'the server could not handle this frame', refOf(frame));
    }
  }
}

/** The call frames of an error's stack, without its first line (the message, which may quote input). */
function stackFrames(error: unknown): string | undefined {
  if (!(error instanceof Error) || error.stack === undefined) return undefined;
  return error.stack.split('\n').slice(1).map((line) => line.trim()).join(' | ');
}

/** The id a client matches an error with: clientMsgId of a send, requestId of a history, conversations, search or desk request. */
function refOf(frame: ClientFrame): string | undefined {
  if (frame.type === 'send') return frame.clientMsgId;
  if (frame.type === 'history' || frame.type === 'conversations' || frame.type === 'search' || frame.type === 'desk') return frame.requestId;
  return undefined;
}
