import { Emitter } from '../../base/emitter.js';
import { SupportError } from '../../protocol/errors.js';
import { randomId } from '../../base/random-id.js';
import type { DeskAction, DeskRequestFrame, DeskResult, DeskView } from '../../protocol/desk.js';
import type { ClientFrame, ConversationsRequestFrame, ErrorFrame, HelloFrame, HistoryRequestFrame, SearchRequestFrame, SendFrame, ServerFrame } from '../../protocol/frames.js';
import type { ProductContext, ReceiptKind } from '../../protocol/model.js';
import type { CustomerAction, CustomerRequestFrame, CustomerResult } from '../../protocol/relationship.js';
import type {
  ConnectOptions,
  ConversationPage,
  HistoryPage,
  MessagingTransport,
  MessagingTransportEvents,
  OutgoingMessage,
  SearchResults,
  SignalMessage,
  TransportAck,
  TransportWelcome,
} from '../types.js';
import { ConnectionLiveness } from './connection-liveness.js';
import { refusedOrigin } from './origin-probe.js';
import { dispatchFrame } from './relay-dispatch.js';
import { closeQuietly, errorFromFrame, parseFrame } from './relay-frames.js';
import { PendingRequests } from './pending-requests.js';
import { relaySocketUrl } from './relay-url.js';

/** Options of the relay messaging transport. */
export interface RelayTransportOptions {
  /** http(s) or ws(s) base URL of the relay server; the socket is at `${url}/ws`. */
  url: string;
  /** Default `globalThis.WebSocket`; Node passes the `ws` package's class. */
  WebSocketImpl?: typeof WebSocket;
  /** Default timeout of connect, send and history when the caller gives none. Default 10 000 ms. */
  timeoutMs?: number;
  /** Keep-alive ping interval; a connection silent for two intervals is dropped. 0 disables. Default 25 000 ms. */
  pingIntervalMs?: number;
  /** After a send or request, silence allowed before a ping probes the relay, then before the link is dropped as stalled. Default 3 000 ms. */
  answerDeadlineMs?: number;
  /** Asks why a handshake failed (`origin-not-allowed`, see `refusedOrigin`). Default `globalThis.fetch`. */
  fetch?: typeof fetch;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_PING_INTERVAL_MS = 25_000;
const DEFAULT_ANSWER_DEADLINE_MS = 3_000;
const OPEN = 1;

interface Connection {
  socket: WebSocket;
  phase: 'opening' | 'open' | 'closed';
  /** The socket fired `open` (the handshake succeeded). */
  handshaken?: boolean;
  /** Why the server ended the connection (a fatal `error` frame). */
  fatal?: SupportError;
  /** Frames that arrived right after the welcome, released once `connect()`'s caller has run. */
  held?: ServerFrame[];
  liveness?: ConnectionLiveness;
}

/**
 * `MessagingTransport` over the relay server's WebSocket (JSON frames of `protocol/frames.ts`).
 * One connection at a time; reconnecting is the client's job. A failed `connect()` rejects
 * and emits no `close`; an established connection emits `close` exactly once.
 *
 * @example
 * const transport = new RelayMessagingTransport({ url: 'https://help.example.com' });
 */
export class RelayMessagingTransport implements MessagingTransport {
  readonly backend = 'relay' as const;
  private readonly events = new Emitter<MessagingTransportEvents>();
  private readonly acks = new PendingRequests<TransportAck>();
  private readonly pages = new PendingRequests<HistoryPage>();
  private readonly conversationPages = new PendingRequests<ConversationPage>();
  private readonly searches = new PendingRequests<SearchResults>();
  private readonly desks = new PendingRequests<DeskResult>();
  private readonly customers = new PendingRequests<CustomerResult>();
  private current: Connection | undefined;
  private abortOpening: ((error: SupportError) => void) | undefined;

  constructor(private readonly options: RelayTransportOptions) {}

  on<K extends keyof MessagingTransportEvents>(
    event: K,
    listener: (payload: MessagingTransportEvents[K]) => void,
  ): () => void {
    return this.events.on(event, listener);
  }

  connect(options: ConnectOptions): Promise<TransportWelcome> {
    this.disconnect();
    const Impl = this.options.WebSocketImpl ?? (globalThis as { WebSocket?: typeof WebSocket }).WebSocket;
    if (!Impl) {
      return Promise.reject(
        new SupportError('config', 'no WebSocket implementation: pass WebSocketImpl', { retryable: false }),
      );
    }
    let url: string;
    try {
      url = relaySocketUrl(this.options.url);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    const timeoutMs = options.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    return new Promise<TransportWelcome>((resolve, reject) => {
      let socket: WebSocket;
      try {
        socket = new Impl(url);
      } catch (error) {
        reject(new SupportError('network', `cannot open ${url}`, { cause: error }));
        return;
      }
      const conn: Connection = { socket, phase: 'opening' };
      this.current = conn;
      const fail = (error: SupportError): void => {
        if (conn.phase !== 'opening') return;
        settle();
        conn.phase = 'closed';
        if (this.current === conn) this.current = undefined;
        closeQuietly(socket);
        reject(error);
      };
      const probe = new AbortController();
      const onAbort = (): void => fail(new SupportError('closed', 'connection attempt aborted'));
      const timer = setTimeout(() => fail(new SupportError('timeout', `no welcome from the relay within ${timeoutMs} ms`)), timeoutMs);
      const settle = (): void => {
        clearTimeout(timer);
        probe.abort();
        options.signal?.removeEventListener('abort', onAbort);
        if (this.abortOpening === fail) this.abortOpening = undefined;
      };
      this.abortOpening = fail;
      if (options.signal?.aborted) {
        onAbort();
        return;
      }
      options.signal?.addEventListener('abort', onAbort, { once: true });

      socket.addEventListener('open', () => {
        conn.handshaken = true;
        if (conn.phase !== 'opening') return;
        const hello: HelloFrame = { type: 'hello', token: options.token, resume: options.resume };
        if (options.mergeFrom !== undefined) hello.mergeFrom = options.mergeFrom;
        this.write(conn, hello);
      });
      socket.addEventListener('message', (event: MessageEvent) => {
        const frame = parseFrame(event.data);
        if (conn.phase === 'opening') {
          if (frame?.type === 'welcome') {
            settle();
            this.opened(conn);
            const { type: _type, ...welcome } = frame;
            resolve(welcome);
          } else if (frame?.type === 'error') {
            fail(errorFromFrame(frame));
          }
          return;
        }
        this.receive(conn, frame);
      });
      socket.addEventListener('close', () => {
        if (conn.phase !== 'opening') return this.finish(conn, false);
        const unreachable = conn.fatal ?? new SupportError('network', `could not reach ${url}`);
        if (conn.handshaken === true) return fail(unreachable);
        // A refused handshake looks like an unreachable relay: ask whether this origin was refused.
        void refusedOrigin(url, this.options.fetch, probe.signal).then((refused) => fail(refused ?? unreachable));
      });
      // An `error` event is always followed by `close`, which does the work.
      socket.addEventListener('error', () => undefined);
    });
  }

  disconnect(): void {
    this.abortOpening?.(new SupportError('closed', 'disconnected'));
    if (this.current) this.finish(this.current, true);
  }

  send(message: OutgoingMessage, options: { timeoutMs?: number } = {}): Promise<TransportAck> {
    const conn = this.openConnection();
    if (!conn) return Promise.reject(new SupportError('closed', 'not connected'));
    const frame: SendFrame = { type: 'send', ...message };
    const ack = this.acks.wait(message.clientMsgId, this.timeout(options.timeoutMs), 'send');
    if (this.write(conn, frame)) conn.liveness?.expectAnswer();
    return ack;
  }

  history(conversationId: string, options: { beforeSeq?: number; limit?: number; timeoutMs?: number } = {}): Promise<HistoryPage> {
    return this.request(this.pages, options, (requestId): HistoryRequestFrame => ({
      type: 'history',
      requestId,
      conversationId,
      ...(options.beforeSeq === undefined ? {} : { beforeSeq: options.beforeSeq }),
    }));
  }

  conversationPage(cursor: string | undefined, options: { limit?: number; timeoutMs?: number; view?: DeskView } = {}): Promise<ConversationPage> {
    const { view } = options;
    return this.request(this.conversationPages, options, (requestId): ConversationsRequestFrame => ({ type: 'conversations', requestId, ...(cursor === undefined ? {} : { cursor }), ...(view === undefined ? {} : { view }) }));
  }

  desk(action: DeskAction, options: { timeoutMs?: number } = {}): Promise<DeskResult> {
    return this.request(this.desks, options, (requestId): DeskRequestFrame => ({ type: 'desk', requestId, action }));
  }

  customer(action: CustomerAction, options: { timeoutMs?: number } = {}): Promise<CustomerResult> {
    return this.request(this.customers, options, (requestId): CustomerRequestFrame => ({ type: 'customer', requestId, action }));
  }

  search(query: string, options: { limit?: number; timeoutMs?: number } = {}): Promise<SearchResults> {
    return this.request(this.searches, options, (requestId): SearchRequestFrame => ({ type: 'search', requestId, query }));
  }

  setTyping(conversationId: string, typing: boolean): void {
    this.writeIfOpen({ type: 'typing', conversationId, typing });
  }

  sendReceipt(conversationId: string, kind: ReceiptKind, upTo: number): void {
    this.writeIfOpen({ type: 'receipt', conversationId, kind, upTo });
  }

  setContext(conversationId: string, context: ProductContext): void {
    this.writeIfOpen({ type: 'context', conversationId, context });
  }

  sendSignal(signal: SignalMessage): Promise<void> {
    const { conversationId, callId, action, payload } = signal;
    const frame: ClientFrame =
      payload === undefined
        ? { type: 'signal', conversationId, callId, action }
        : { type: 'signal', conversationId, callId, action, payload };
    if (!this.writeIfOpen(frame)) return Promise.reject(new SupportError('closed', 'not connected'));
    return Promise.resolve();
  }

  /**
   * Sends a request frame (with `limit` when given) on the open connection and waits for the
   * answer with its `requestId` in `waiting`, for at most the timeout.
   */
  private request<T, F extends ClientFrame & { requestId: string; limit?: number }>(
    waiting: PendingRequests<T>,
    options: { limit?: number; timeoutMs?: number },
    make: (requestId: string) => F,
  ): Promise<T> {
    const conn = this.openConnection();
    if (!conn) return Promise.reject(new SupportError('closed', 'not connected'));
    const frame = make(randomId());
    if (options.limit !== undefined) frame.limit = options.limit;
    const answer = waiting.wait(frame.requestId, this.timeout(options.timeoutMs), frame.type);
    if (this.write(conn, frame)) conn.liveness?.expectAnswer();
    return answer;
  }

  private timeout(timeoutMs: number | undefined): number {
    return timeoutMs ?? this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  private openConnection(): Connection | undefined {
    const conn = this.current;
    return conn?.phase === 'open' && conn.socket.readyState === OPEN ? conn : undefined;
  }

  private writeIfOpen(frame: ClientFrame): boolean {
    const conn = this.openConnection();
    return conn ? this.write(conn, frame) : false;
  }

  private write(conn: Connection, frame: ClientFrame): boolean {
    if (conn.socket.readyState !== OPEN) return false;
    conn.socket.send(JSON.stringify(frame));
    return true;
  }

  private opened(conn: Connection): void {
    conn.phase = 'open';
    // ws may deliver the missed messages synchronously with the welcome; hold them until
    // the code awaiting connect() has applied the welcome.
    conn.held = [];
    setTimeout(() => this.release(conn), 0);
    conn.liveness = new ConnectionLiveness({
      intervalMs: this.options.pingIntervalMs ?? DEFAULT_PING_INTERVAL_MS,
      answerMs: this.options.answerDeadlineMs ?? DEFAULT_ANSWER_DEADLINE_MS,
      ping: () => this.write(conn, { type: 'ping' }),
      dead: () => {
        conn.fatal = new SupportError('network', 'the relay stopped answering');
        this.finish(conn, false);
      },
    });
  }

  private release(conn: Connection): void {
    const held = conn.held;
    conn.held = undefined;
    if (!held || conn.phase !== 'open') return;
    for (const frame of held) this.dispatch(conn, frame);
  }

  private receive(conn: Connection, frame: ServerFrame | undefined): void {
    if (conn.phase !== 'open') return;
    conn.liveness?.heard();
    if (!frame) {
      this.events.emit('error', new SupportError('bad-frame', 'unreadable frame from the relay', { retryable: false }));
      return;
    }
    if (conn.held) conn.held.push(frame);
    else this.dispatch(conn, frame);
  }

  private dispatch(conn: Connection, frame: ServerFrame): void {
    const { events, acks, pages, conversationPages, searches, desks, customers } = this;
    const error = dispatchFrame(frame, { events, acks, pages, conversationPages, searches, desks, customers });
    if (error !== undefined) this.onErrorFrame(conn, error);
  }

  private onErrorFrame(conn: Connection, frame: ErrorFrame): void {
    const error = errorFromFrame(frame);
    const referenced =
      frame.ref !== undefined && [this.acks, this.pages, this.conversationPages, this.searches, this.desks, this.customers].some((waiting) => waiting.reject(frame.ref ?? '', error));
    if (frame.fatal) {
      conn.fatal = error;
      this.finish(conn, false);
    } else if (!referenced || frame.code === 'storage-full') {
      // A refused send stays queued and is retried; the page still learns why it waits (`support-error`).
      this.events.emit('error', error);
    }
  }

  /** Ends a connection once: rejects what waits on it and emits `close`. */
  private finish(conn: Connection, clean: boolean): void {
    if (conn.phase === 'closed') return;
    if (conn.phase === 'open') this.release(conn);
    conn.phase = 'closed';
    conn.liveness?.stop();
    if (this.current === conn) this.current = undefined;
    closeQuietly(conn.socket);
    const closed = new SupportError('closed', 'connection closed');
    this.acks.rejectAll(closed);
    this.pages.rejectAll(closed);
    this.conversationPages.rejectAll(closed);
    this.searches.rejectAll(closed);
    this.desks.rejectAll(closed);
    this.customers.rejectAll(closed);
    const error = clean ? undefined : (conn.fatal ?? new SupportError('network', 'connection to the relay lost'));
    this.events.emit('close', error ? { error, retryable: error.retryable } : { retryable: false });
  }
}

/** Creates the relay messaging transport (same as `new RelayMessagingTransport(options)`). */
export function createRelayTransport(options: RelayTransportOptions): RelayMessagingTransport {
  return new RelayMessagingTransport(options);
}
