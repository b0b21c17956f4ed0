/**
 * The `MessagingTransport` of `agoraBackend()`. It is a small shim in the page's bundle: on the
 * first `connect()` it fetches `connector.ts` (token exchange,
 * identity) and the RTM adapter with dynamic `import()`s, so pages on the relay backend never
 * download any of it, nor `agora-rtm-sdk`, which the adapter loads in turn.
 *
 * Tokens: the client's token source may give an Agora RTM token (`007…`), used as is with the
 * identity from the options, or a relay token, which is exchanged at `/agora/token` for an RTM
 * token and the identity it is bound to (see `token-exchange.ts`).
 */
import type { ProductContext, ReceiptKind } from '../../protocol/model.js';
import type { StepsProgress } from '../../protocol/guided-steps.js';
import type { TokenProvider } from '../../tokens/types.js';
import type { MediaTransport } from '../media-types.js';
import type {
  ConnectOptions,
  HistoryPage,
  MessagingTransport,
  MessagingTransportEvents,
  OutgoingMessage,
  SignalMessage,
  TransportAck,
  TransportWelcome,
} from '../types.js';
import type { AgoraConnector } from './connector.js';
import type { AgoraBackendOptions } from './backend-options.js';
import { Emitter } from '../../base/emitter.js';
import { SupportError } from '../../protocol/errors.js';
import { withTimeout } from '../../base/deadline.js';

/** What the lazy transport is given: the backend's options and the client's tokens and timeout. */
export interface AgoraTransportSettings extends AgoraBackendOptions {
  /** The client's token source (shared cache). */
  tokens: TokenProvider;
  timeoutMs: number;
}

const notConnected = (): Promise<never> => Promise.reject(new SupportError('closed', 'not connected'));

const EVENTS = ['message', 'typing', 'receipt', 'presence', 'conversation', 'signal', 'error', 'close'] as const;

/**
 * @example
 * const transport = new LazyAgoraMessagingTransport({ appId, tokens, timeoutMs: 10_000 });
 * await transport.connect({ token: await tokens.getToken(), resume: {} });
 */
export class LazyAgoraMessagingTransport implements MessagingTransport {
  readonly backend = 'agora' as const;
  private readonly events = new Emitter<MessagingTransportEvents>();
  private inner: MessagingTransport | undefined;
  private offInner: (() => void)[] = [];
  private connector: Promise<AgoraConnector> | undefined;
  private opening: AbortController | undefined;

  constructor(private readonly settings: AgoraTransportSettings) {}

  on<K extends keyof MessagingTransportEvents>(event: K, listener: (payload: MessagingTransportEvents[K]) => void): () => void {
    return this.events.on(event, listener);
  }

  async connect(options: ConnectOptions): Promise<TransportWelcome> {
    this.opening?.abort();
    const attempt = new AbortController();
    this.opening = attempt;
    const onAbort = (): void => attempt.abort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) onAbort();
    const startedAt = Date.now();
    const budget = options.timeoutMs ?? this.settings.timeoutMs;
    const left = (): number => Math.max(1, budget - (Date.now() - startedAt));
    try {
      const connector = await withTimeout(this.loadConnector(), left(), 'loading the Agora adapter', attempt.signal);
      const { transport, token } = await connector.open(options.token, attempt.signal, left);
      this.follow(transport);
      return await transport.connect({ token, resume: options.resume, signal: attempt.signal, timeoutMs: left() });
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
      if (this.opening === attempt) this.opening = undefined;
    }
  }

  disconnect(): void {
    this.opening?.abort();
    this.inner?.disconnect();
  }

  send(message: OutgoingMessage, options?: { timeoutMs?: number }): Promise<TransportAck> {
    return this.inner ? this.inner.send(message, options) : notConnected();
  }

  history(conversationId: string, options?: { beforeSeq?: number; limit?: number; timeoutMs?: number }): Promise<HistoryPage> {
    return this.inner ? this.inner.history(conversationId, options) : notConnected();
  }

  setTyping(conversationId: string, typing: boolean): void {
    this.inner?.setTyping(conversationId, typing);
  }

  sendReceipt(conversationId: string, kind: ReceiptKind, upTo: number): void {
    this.inner?.sendReceipt(conversationId, kind, upTo);
  }

  setContext(conversationId: string, context: ProductContext): void {
    this.inner?.setContext(conversationId, context);
  }

  sendSignal(signal: SignalMessage): Promise<void> {
    return this.inner ? this.inner.sendSignal(signal) : notConnected();
  }

  publishSteps(conversationId: string, seq: number, done: readonly boolean[], options?: { timeoutMs?: number }): Promise<StepsProgress> {
    const inner = this.inner;
    return inner?.publishSteps ? inner.publishSteps(conversationId, seq, done, options) : notConnected();
  }

  /**
   * A media transport for a call in `conversationId`, on the RTC channel of that conversation
   * (`support.<conversationId>`: the token endpoint gives customers tokens for their own
   * conversations only). The RTC SDK itself loads on `join()`. Needs a connection first.
   */
  async createMediaTransport(conversationId: string): Promise<MediaTransport> {
    return (await this.loadConnector()).createMediaTransport(conversationId);
  }

  private loadConnector(): Promise<AgoraConnector> {
    this.connector ??= import('./connector.js').then(
      ({ AgoraConnector }) => new AgoraConnector(this.settings),
      (error: unknown) => {
        this.connector = undefined;
        throw new SupportError('network', 'the Agora adapter could not be loaded', { cause: error });
      },
    );
    return this.connector;
  }

  /** Forwards the events of the adapter in use; a replaced one (another user) is closed silently. */
  private follow(transport: MessagingTransport): void {
    if (transport === this.inner) return;
    for (const off of this.offInner.splice(0)) off();
    this.inner?.disconnect();
    this.inner = transport;
    for (const event of EVENTS) {
      this.offInner.push(transport.on(event, (payload) => this.events.emit(event, payload as never)));
    }
  }
}

