/**
 * `MessagingTransport` over Agora RTM 2.x (`agora-rtm-sdk`, loaded lazily).
 *
 * Mapping: login with the token; one message channel per conversation (`support.<shop>~<id>`,
 * or `support.<id>` without a shop; with presence); agents also subscribe to the shop queue
 * channel (`support.<shop>~queue`, or `support.queue`) where clients announce conversation summaries. Messages, typing, receipts, context and call signals are JSON
 * envelopes (`rtm-envelope.ts`); only messages are stored in RTM history. RTM has no server
 * sequence: the sender assigns `seq` (see `rtm-seq.ts` for the ordering this gives).
 */
import { Emitter } from '../../base/emitter.js';
import { SupportError } from '../../protocol/errors.js';
import { LIMITS, type ProductContext, type ReceiptKind, type UserRef } from '../../protocol/model.js';
import type {
  ConnectOptions,
  HistoryPage,
  MessagingTransport,
  OutgoingMessage,
  SignalMessage,
  TransportAck,
  TransportWelcome,
} from '../types.js';
import { ConversationDirectory } from './conversation-directory.js';
import { remaining, withTimeout } from '../../base/deadline.js';
import type { HistoryProvider } from './history-provider.js';
import { MessagePublisher } from './message-publisher.js';
import { PresenceRoster } from './presence-roster.js';
import { QueueAnnouncer } from './queue-announcer.js';
import { RtmChannels } from './rtm-channels.js';
import type { RtmEnvelope } from './rtm-envelope.js';
import { fromRtmError } from './rtm-errors.js';
import { rtmHistoryProvider } from './rtm-history-provider.js';
import { RtmInbound } from './rtm-inbound.js';
import { RtmPresence } from './rtm-presence.js';
import { loadAgoraRtmSdk, type RTMConfig, type RtmSdkModule } from './rtm-sdk.js';
import { SeqClock, seqSuffix } from './rtm-seq.js';
import { RtmSession } from './rtm-session.js';
import type { AgoraRtmMessagingTransportOptions, AgoraRtmTransportEvents } from './rtm-transport-options.js';
import { isStaff } from '../../protocol/desk.js';
import type { StepsProgress } from '../../protocol/guided-steps.js';

export type { AgoraRtmMessagingTransportOptions, AgoraRtmTransportEvents };

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_PRESENCE_POLL_MS = 30_000;
const DEFAULT_HISTORY_PAGE = 50;

/**
 * @example
 * const transport = new AgoraRtmMessagingTransport({ appId, userId: 'c-42', userName: 'Ana', role: 'customer' });
 * const welcome = await transport.connect({ token: rtmToken, resume: {} });
 */
export class AgoraRtmMessagingTransport implements MessagingTransport {
  readonly backend = 'agora' as const;
  private readonly events = new Emitter<AgoraRtmTransportEvents>();
  private readonly user: UserRef;
  private readonly channels: RtmChannels;
  private readonly clock: SeqClock;
  private readonly presence: RtmPresence;
  private readonly announcer: QueueAnnouncer;
  private readonly directory = new ConversationDirectory(() => this.clock.serverNow());
  private readonly historyProvider: HistoryProvider;
  private readonly inbound: RtmInbound;
  private readonly publisher: MessagePublisher;
  private session: RtmSession | undefined;
  private opening: AbortController | undefined;

  constructor(private readonly options: AgoraRtmMessagingTransportOptions) {
    this.user = { id: options.userId, name: options.userName, role: options.role };
    this.channels = new RtmChannels(options.channelPrefix, options.shop);
    this.clock = new SeqClock(seqSuffix(this.user));
    this.presence = new RtmPresence(this.user, this.channels, new PresenceRoster(options.userId), this.events, (session) => {
      // A newly online agent has not heard of waiting customers: tell them (not during connect, which announces anyway).
      if (session.open) for (const id of this.conversationIds()) void this.announcer.announce(session, this.directory.ensure(id));
    });
    this.announcer = new QueueAnnouncer(this.user, this.channels, this.events);
    this.historyProvider = options.history ?? rtmHistoryProvider();
    this.inbound = new RtmInbound({
      user: this.user,
      channels: this.channels,
      clock: this.clock,
      presence: this.presence,
      directory: this.directory,
      events: this.events,
      latest: (conversationId, limit) => this.history(conversationId, { limit }),
    });
    this.publisher = new MessagePublisher({
      user: this.user,
      clock: this.clock,
      authorize: (conversationId) => this.authorize(conversationId),
      markSeen: (clientMsgId) => this.inbound.markSeen(clientMsgId),
      noteMessage: (message) => this.directory.noteMessage(message),
      stored: (session, summary) => void this.announcer.announce(session, summary),
    });
  }

  on<K extends keyof AgoraRtmTransportEvents>(event: K, listener: (payload: AgoraRtmTransportEvents[K]) => void): () => void {
    return this.events.on(event, listener);
  }

  async connect(options: ConnectOptions): Promise<TransportWelcome> {
    this.disconnect();
    const budget = options.timeoutMs ?? this.timeout();
    const left = (startedAt => () => remaining(startedAt, budget))(Date.now());
    // Aborted by the caller's signal or by disconnect(), at any step of the attempt.
    const attempt = new AbortController();
    this.opening = attempt;
    const onAbort = (): void => attempt.abort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) onAbort();
    let session: RtmSession | undefined;
    try {
      const sdk = await this.loadSdk(budget, attempt.signal);
      session = new RtmSession(this.createClient(sdk), this.timeout());
      const current = session;
      this.session = current;
      attempt.signal.addEventListener('abort', () => this.finish(current, undefined), { once: true });
      if (attempt.signal.aborted) this.finish(current, undefined);
      const welcome = await this.open(current, options.token, left);
      current.markOpen();
      setTimeout(() => {
        current.release();
        void this.inbound.catchUp(current, options.resume);
      }, 0);
      return welcome;
    } catch (error) {
      if (session) this.finish(session, undefined);
      const failure = error instanceof SupportError ? error : fromRtmError(error, 'connecting to Agora RTM');
      // Offline, RTM's login stays pending (retrying forever): say what the link last reported.
      if (failure.code === 'timeout' && session?.lastLink) {
        throw new SupportError('timeout', `${failure.message} (RTM link ${session.lastLink})`, { cause: failure });
      }
      throw failure;
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
      if (this.opening === attempt) this.opening = undefined;
    }
  }

  disconnect(): void {
    this.opening?.abort();
    const session = this.session;
    if (session) this.finish(session, undefined);
  }

  send(message: OutgoingMessage, options: { timeoutMs?: number } = {}): Promise<TransportAck> {
    return this.publisher.send(this.session, message, options.timeoutMs);
  }

  async history(
    conversationId: string,
    options: { beforeSeq?: number; limit?: number; timeoutMs?: number } = {},
  ): Promise<HistoryPage> {
    const session = this.requireSession();
    this.authorize(conversationId);
    const limit = Math.min(Math.max(1, Math.floor(options.limit ?? DEFAULT_HISTORY_PAGE)), LIMITS.maxHistoryPage);
    const cancel = new AbortController();
    const load = Promise.resolve().then(() =>
      this.historyProvider.load(conversationId, {
        limit,
        signal: cancel.signal,
        ...(options.beforeSeq === undefined ? {} : { beforeSeq: options.beforeSeq }),
      }),
    );
    try {
      const page = await session.call(load, 'loading history', options.timeoutMs ?? this.timeout());
      return this.inbound.normalizePage(conversationId, page, options.beforeSeq, limit);
    } finally {
      cancel.abort();
    }
  }

  setTyping(conversationId: string, typing: boolean): void {
    // Typing is ephemeral: a lost indicator is corrected by the next keystroke or its expiry.
    this.publishQuietly(conversationId, { v: 1, t: 'typing', from: this.user, typing }, false);
  }

  sendReceipt(conversationId: string, kind: ReceiptKind, upTo: number): void {
    this.directory.noteReceipt(conversationId, this.user.id, kind, upTo);
    this.publishQuietly(conversationId, { v: 1, t: 'receipt', from: this.user, kind, upTo }, true);
  }

  setContext(conversationId: string, context: ProductContext): void {
    const session = this.session;
    if (!session?.open) return;
    const summary = this.directory.setContext(conversationId, context);
    this.publishQuietly(conversationId, { v: 1, t: 'context', from: this.user, context }, true);
    void this.announcer.announce(session, summary);
  }

  async sendSignal(signal: SignalMessage): Promise<void> {
    const session = this.requireSession();
    const channel = this.authorize(signal.conversationId);
    const envelope: RtmEnvelope = { v: 1, t: 'signal', from: this.user, callId: signal.callId, action: signal.action };
    if (signal.payload !== undefined) envelope.payload = signal.payload;
    await session.publish(channel, envelope, 'sending a call signal');
  }

  /** A checklist's new states (issue 20), kept in RTM history: there is no relay to store a tick. */
  async publishSteps(conversationId: string, seq: number, done: readonly boolean[], options: { timeoutMs?: number } = {}): Promise<StepsProgress> {
    const session = this.requireSession();
    await session.publish(this.authorize(conversationId), { v: 1, t: 'steps', from: this.user, seq, done: [...done] }, 'publishing steps', { store: true, timeoutMs: options.timeoutMs ?? this.timeout() });
    return { conversationId, seq, done: [...done], by: this.user, at: Date.now() };
  }

  /** Passes a fresh RTM token to the SDK (also done automatically with `onTokenWillExpire`). */
  async renewToken(token: string): Promise<void> {
    const session = this.requireSession();
    await session.call(session.client.renewToken(token), 'renewing the RTM token');
  }

  private timeout(): number {
    return this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  private createClient(sdk: RtmSdkModule): RtmSession['client'] {
    try {
      // No log output or upload. RTM 2.x has no public switch for its event reporting (see README.md).
      const config: RTMConfig = { logLevel: 'none', logUpload: false, cloudProxy: false, ...this.options.rtmConfig };
      return new sdk.RTM(this.options.appId, this.options.userId, config);
    } catch (error) {
      throw fromRtmError(error, 'creating the RTM client', 'config');
    }
  }

  private async loadSdk(budget: number, signal: AbortSignal | undefined): Promise<RtmSdkModule> {
    const load = Promise.resolve().then(() => (this.options.loadSdk ?? loadAgoraRtmSdk)());
    try {
      return await withTimeout(load, budget, 'loading the Agora RTM SDK', signal);
    } catch (error) {
      throw error instanceof SupportError ? error : fromRtmError(error, 'loading the Agora RTM SDK', 'config');
    }
  }

  /** Login, subscriptions, presence and the welcome; each step bounded by what is left of the budget. */
  private async open(session: RtmSession, token: string, left: () => number): Promise<TransportWelcome> {
    this.inbound.listen(session, () => void this.renew(session), (error) => this.finish(session, error));
    const login = await session.call(session.client.login({ token }), 'RTM login', left());
    this.clock.calibrate(login.timestamp);
    this.historyProvider.attach?.({
      history: session.client.history,
      channelOf: (id) => this.channels.of(id),
      warn: (error) => session.deliver(() => this.events.emit('error', error)),
    });
    const ids = this.conversationIds();
    const channels = ids.map((id) => this.channels.of(id));
    if (isStaff(this.user.role)) channels.unshift(this.channels.queue);
    for (const channel of channels) {
      await session.subscribe(channel, left());
      void this.presence.publishState(session, channel);
    }
    const owner = this.user.role === 'customer' ? { id: this.user.id, name: this.user.name } : undefined;
    for (const id of ids) this.directory.ensure(id, owner);
    if (this.user.role === 'customer') await this.loadLastMessages(session, ids, left);
    const conversations = ids.map((id) => this.directory.ensure(id, owner));
    if (this.user.role === 'customer') {
      await this.presence.countAgents(session, left());
      const pollMs = this.options.presencePollMs ?? DEFAULT_PRESENCE_POLL_MS;
      if (pollMs > 0) session.every(pollMs, () => void this.presence.countAgents(session));
      for (const summary of conversations) void this.announcer.announce(session, summary);
    }
    return {
      user: { ...this.user },
      conversations,
      agentsOnline: this.presence.roster.agentsOnline(),
      serverTime: this.clock.serverNow(),
    };
  }

  /** Fills `lastMessage`/`lastSeq` of the welcome from history (best effort: history may be off). */
  private async loadLastMessages(session: RtmSession, ids: string[], left: () => number): Promise<void> {
    for (const id of ids) {
      if (this.directory.get(id)?.lastMessage) continue;
      try {
        const load = Promise.resolve().then(() => this.historyProvider.load(id, { limit: 1 }));
        const page = await session.call(load, 'loading the last message', left());
        const last = page.messages.at(-1);
        if (last?.conversationId === id) this.directory.noteMessage(last);
      } catch (error) {
        if (error instanceof SupportError && error.code === 'closed') throw error;
      }
    }
  }

  /** Customer: own conversations. Agent: configured ones plus those seen before (within RTM's limit). */
  private conversationIds(): string[] {
    if (this.user.role === 'customer') return [...new Set(this.options.conversations ?? [this.user.id])];
    const ids = new Set([...(this.options.conversations ?? []), ...this.directory.ids()]);
    return [...ids].slice(0, 40);
  }

  /** The channel of a conversation this user may use (customers: their own only). */
  private authorize(conversationId: string): string {
    const channel = this.channels.of(conversationId);
    const own = this.options.conversations ?? [this.user.id];
    if (this.user.role === 'customer' && !own.includes(conversationId)) {
      throw new SupportError('forbidden', `conversation ${conversationId} is not yours`, { retryable: false });
    }
    return channel;
  }

  private requireSession(): RtmSession {
    const session = this.session;
    if (!session?.open) throw new SupportError('closed', 'not connected');
    return session;
  }

  /** Fire-and-forget publish; failures become `error` events when `report`. */
  private publishQuietly(conversationId: string, envelope: RtmEnvelope, report: boolean): void {
    const session = this.session;
    if (!session?.open) return;
    let channel: string;
    try {
      channel = this.authorize(conversationId);
    } catch (error) {
      if (report) this.events.emit('error', error as SupportError);
      return;
    }
    session.publish(channel, envelope, `sending ${envelope.t}`).catch((error: unknown) => {
      if (report && session.open) this.events.emit('error', fromRtmError(error, `sending ${envelope.t}`));
    });
  }

  private async renew(session: RtmSession): Promise<void> {
    const provide = this.options.onTokenWillExpire;
    session.deliver(() => this.events.emit('token-will-expire', { renewing: provide !== undefined }));
    if (!provide || session.renewing || session.ended) return;
    session.renewing = true;
    try {
      const token = await session.call(Promise.resolve().then(provide), 'getting a new RTM token');
      await session.call(session.client.renewToken(token), 'renewing the RTM token');
    } catch (error) {
      if (!session.ended) this.events.emit('error', fromRtmError(error, 'renewing the RTM token', 'token-expired'));
    } finally {
      session.renewing = false;
    }
  }

  /** Ends a session once; an open one emits `close` (without `error` when clean). */
  private finish(session: RtmSession, error: SupportError | undefined): void {
    if (session.ended) return;
    const wasOpen = session.open;
    session.end();
    if (this.session === session) this.session = undefined;
    this.historyProvider.detach?.();
    this.presence.roster.clear();
    if (wasOpen) this.events.emit('close', error ? { error, retryable: error.retryable } : { retryable: false });
  }
}
