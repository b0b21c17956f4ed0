/**
 * The `MessagingTransport` a `SupportClient` uses on `backend: 'agora'`. It holds no Agora code:
 * on the first `connect()` it fetches the RTM adapter with a dynamic `import()` (its own chunk,
 * which in turn loads `agora-rtm-sdk`), so pages on the relay backend never download either.
 *
 * Tokens: the client's token source may give an Agora RTM token (`007…`), used as is with the
 * identity from the options, or a relay token, which is exchanged at `/agora/token` for an RTM
 * token and the identity it is bound to (see `agora-token-exchange.ts`).
 */
import type { ProductContext, ReceiptKind, Role } from '../protocol/model.js';
import type { TokenProvider } from '../tokens/types.js';
import type { AgoraRtmMessagingTransport } from '../transports/agora/rtm-messaging-transport.js';
import type { MediaTransport } from '../transports/media-types.js';
import type {
  ConnectOptions,
  HistoryPage,
  MessagingTransport,
  MessagingTransportEvents,
  OutgoingMessage,
  SignalMessage,
  TransportAck,
  TransportWelcome,
} from '../transports/types.js';
import { relayHttpBase } from '../uploads/upload-url.js';
import type { AgoraBackendOptions } from './agora-options.js';
import { AGORA_TOKEN_PATH, exchangeAgoraToken, isAgoraToken, type AgoraRtmGrant } from './agora-token-exchange.js';
import { Emitter } from './emitter.js';
import { SupportError } from './errors.js';

/** What the agora backend needs from the client's options. */
export interface AgoraTransportSettings {
  appId?: string;
  userId?: string;
  userName?: string;
  role?: Role;
  /** The relay server (for the token exchange); default: the page's origin. */
  server?: string;
  agora?: AgoraBackendOptions;
  /** The client's token source (shared cache). */
  tokens: TokenProvider;
  timeoutMs: number;
}

/** Who signs in to RTM, and where. */
interface RtmIdentity {
  appId: string;
  userId: string;
  userName: string;
  role: Role;
  conversations?: string[];
}

const EVENTS: readonly (keyof MessagingTransportEvents)[] = [
  'message',
  'typing',
  'receipt',
  'presence',
  'conversation',
  'signal',
  'error',
  'close',
];

function configError(message: string): SupportError {
  return new SupportError('config', message, { retryable: false });
}

/** Rejects with `timeout` after `ms`, or `closed` when `signal` aborts. */
function bounded<T>(promise: Promise<T>, ms: number, what: string, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    };
    const onAbort = (): void => {
      done();
      reject(new SupportError('closed', `${what} was cancelled`));
    };
    const timer = setTimeout(() => {
      done();
      reject(new SupportError('timeout', `${what} did not finish within ${ms} ms`));
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
    if (signal.aborted) onAbort();
    promise.then(
      (value) => {
        done();
        resolve(value);
      },
      (error: unknown) => {
        done();
        reject(error);
      },
    );
  });
}

/**
 * @example
 * const transport = new LazyAgoraMessagingTransport({ appId, tokens, timeoutMs: 10_000 });
 * await transport.connect({ token: await tokens.getToken(), resume: {} });
 */
export class LazyAgoraMessagingTransport implements MessagingTransport {
  readonly backend = 'agora' as const;
  private readonly events = new Emitter<MessagingTransportEvents>();
  private inner: AgoraRtmMessagingTransport | undefined;
  private innerKey = '';
  private identity: RtmIdentity | undefined;
  private offInner: (() => void)[] = [];
  private opening: AbortController | undefined;

  constructor(private readonly settings: AgoraTransportSettings) {}

  on<K extends keyof MessagingTransportEvents>(event: K, listener: (payload: MessagingTransportEvents[K]) => void): () => void {
    return this.events.on(event, listener);
  }

  /** Where relay tokens are exchanged for Agora tokens. */
  get tokenEndpoint(): string {
    const given = this.settings.agora?.tokenEndpoint;
    if (given) return given;
    const origin = (globalThis as { location?: { origin?: string } }).location?.origin;
    const server = this.settings.server ?? (origin && origin !== 'null' ? origin : undefined);
    if (!server) throw configError('the agora backend needs `server` (the relay that exchanges tokens) or `agora.tokenEndpoint`');
    return `${relayHttpBase(server)}${AGORA_TOKEN_PATH}`;
  }

  async connect(options: ConnectOptions): Promise<TransportWelcome> {
    this.opening?.abort();
    const attempt = new AbortController();
    this.opening = attempt;
    const onAbort = (): void => attempt.abort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) onAbort();
    const budget = options.timeoutMs ?? this.settings.timeoutMs;
    const startedAt = Date.now();
    const left = (): number => Math.max(1, budget - (Date.now() - startedAt));
    try {
      const { token, identity } = await this.rtmToken(options.token, attempt.signal, left());
      const inner = await this.adapter(identity, attempt.signal, left());
      return await inner.connect({ token, resume: options.resume, signal: attempt.signal, timeoutMs: left() });
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
    const inner = this.inner;
    if (!inner) return Promise.reject(new SupportError('closed', 'not connected'));
    return inner.send(message, options);
  }

  history(conversationId: string, options?: { beforeSeq?: number; limit?: number; timeoutMs?: number }): Promise<HistoryPage> {
    const inner = this.inner;
    if (!inner) return Promise.reject(new SupportError('closed', 'not connected'));
    return inner.history(conversationId, options);
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
    const inner = this.inner;
    if (!inner) return Promise.reject(new SupportError('closed', 'not connected'));
    return inner.sendSignal(signal);
  }

  /**
   * A media transport for a call in `conversationId`, on the RTC channel of that conversation
   * (`support.<conversationId>`: the token endpoint gives customers tokens for their own
   * conversations only). Loads the RTC adapter lazily; the RTC SDK itself loads on `join()`.
   * Needs a connection first (it knows the App ID and user from there).
   */
  async createMediaTransport(conversationId: string): Promise<MediaTransport> {
    const identity = this.identity;
    if (!identity) throw new SupportError('closed', 'connect before starting a call');
    const agora = this.settings.agora ?? {};
    const [{ AgoraRtcMediaTransport }, { rtcChannelName }] = await Promise.all([
      this.load(() => import('../transports/agora/rtc-media-transport.js')),
      this.load(() => import('../transports/agora/rtc-channel.js')),
    ]);
    return new AgoraRtcMediaTransport({
      appId: identity.appId,
      userId: identity.userId,
      channel: rtcChannelName(conversationId, agora.channelPrefix),
      getToken: async (_kind, channel, uid, request) => {
        if (agora.rtcTokens) return agora.rtcTokens('rtc', channel, uid, request);
        const relayToken = await this.settings.tokens.getToken(request?.signal ? { signal: request.signal } : {});
        if (isAgoraToken(relayToken)) throw configError('calls on the agora backend need `agora.rtcTokens` when the token source gives Agora tokens');
        const grant = await exchangeAgoraToken(this.tokenEndpoint, relayToken, { kind: 'rtc', channel, uid }, this.exchangeOptions(request?.signal));
        return grant.token;
      },
      ...(agora.loadRtcSdk ? { loadSdk: agora.loadRtcSdk } : {}),
      ...(agora.MediaStreamImpl ? { MediaStreamImpl: agora.MediaStreamImpl } : {}),
    });
  }

  /** The RTM token to log in with, and who it is for. */
  private async rtmToken(given: string, signal: AbortSignal, timeoutMs: number): Promise<{ token: string; identity: RtmIdentity }> {
    const s = this.settings;
    if (isAgoraToken(given)) {
      if (!s.appId) throw configError('the agora backend needs `appId` (the app-id attribute)');
      if (!s.userId) throw configError('the agora backend needs `userId` (the user-id attribute) when the token source gives Agora tokens');
      return { token: given, identity: this.identityOf({ token: given }) };
    }
    const grant = await exchangeAgoraToken(this.tokenEndpoint, given, { kind: 'rtm' }, this.exchangeOptions(signal, timeoutMs));
    if (!isAgoraToken(grant.token)) throw configError('the Agora token endpoint answered something that is not an Agora token');
    if (s.appId && grant.appId && s.appId !== grant.appId) {
      throw configError(`appId ${s.appId} differs from the Agora App ID of the token endpoint (${grant.appId})`);
    }
    return { token: grant.token, identity: this.identityOf(grant) };
  }

  /** The grant's identity wins: the token is bound to it. */
  private identityOf(grant: AgoraRtmGrant): RtmIdentity {
    const s = this.settings;
    const appId = grant.appId ?? s.appId;
    const userId = grant.userId ?? s.userId;
    if (!appId) throw configError('the agora backend needs `appId` (the app-id attribute)');
    if (!userId) throw configError('the Agora token endpoint did not say which user the token is for');
    const identity: RtmIdentity = { appId, userId, userName: grant.userName ?? s.userName ?? userId, role: grant.role ?? s.role ?? 'customer' };
    const conversations = s.agora?.conversations ?? grant.conversations;
    if (conversations) identity.conversations = conversations;
    return identity;
  }

  private exchangeOptions(signal?: AbortSignal, timeoutMs = this.settings.timeoutMs): Parameters<typeof exchangeAgoraToken>[3] {
    const fetchImpl = this.settings.agora?.fetch;
    return { timeoutMs, ...(signal ? { signal } : {}), ...(fetchImpl ? { fetch: fetchImpl } : {}) };
  }

  /** The RTM adapter for `identity`: loaded on first use, replaced when the user changes. */
  private async adapter(identity: RtmIdentity, signal: AbortSignal, timeoutMs: number): Promise<AgoraRtmMessagingTransport> {
    const key = JSON.stringify(identity);
    if (this.inner && this.innerKey === key) return this.inner;
    const { AgoraRtmMessagingTransport } = await bounded(
      this.load(() => import('../transports/agora/rtm-messaging-transport.js')),
      timeoutMs,
      'loading the Agora adapter',
      signal,
    );
    this.dropInner();
    const agora = this.settings.agora ?? {};
    const inner = new AgoraRtmMessagingTransport({
      ...identity,
      timeoutMs: this.settings.timeoutMs,
      onTokenWillExpire: () => this.renewedToken(),
      ...(agora.history ? { history: agora.history } : {}),
      ...(agora.channelPrefix ? { channelPrefix: agora.channelPrefix } : {}),
      ...(agora.presencePollMs !== undefined ? { presencePollMs: agora.presencePollMs } : {}),
      ...(agora.rtmConfig ? { rtmConfig: agora.rtmConfig } : {}),
      ...(agora.loadRtmSdk ? { loadSdk: agora.loadRtmSdk } : {}),
    });
    for (const event of EVENTS) this.offInner.push(inner.on(event, (payload) => this.events.emit(event, payload as never)));
    this.inner = inner;
    this.innerKey = key;
    this.identity = identity;
    return inner;
  }

  /** RTM warned that its token expires soon: a fresh one from the source (and the exchange). */
  private async renewedToken(): Promise<string> {
    const given = await this.settings.tokens.getToken({ forceRefresh: true });
    if (isAgoraToken(given)) return given;
    const grant = await exchangeAgoraToken(this.tokenEndpoint, given, { kind: 'rtm' }, this.exchangeOptions());
    return grant.token;
  }

  private dropInner(): void {
    for (const off of this.offInner.splice(0)) off();
    this.inner?.disconnect();
    this.inner = undefined;
    this.identity = undefined;
  }

  /** A dynamic import whose failure (a chunk that could not be fetched) is a coded error. */
  private async load<T>(importer: () => Promise<T>): Promise<T> {
    try {
      return await importer();
    } catch (error) {
      throw new SupportError('network', 'the Agora adapter could not be loaded', { cause: error });
    }
  }
}
