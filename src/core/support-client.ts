import { LIMITS } from '../protocol/model.js';
import type { ConversationSummary, ProductContext, UserRef, WireMessage } from '../protocol/model.js';
import { toTokenProvider } from '../tokens/token-provider.js';
import type { TokenProvider } from '../tokens/types.js';
import type { UploadProvider } from '../uploads/types.js';
import type { MediaSignalChannel, MediaTransport } from '../transports/media-types.js';
import type {
  MessagingTransport,
  ReceiptEvent,
  SignalMessage,
  TransportWelcome,
  TypingEvent,
} from '../transports/types.js';
import { CallManager } from './call/call-manager.js';
import { createCallMediaTransport, type CallMediaTransportOptions } from './call-media-transport.js';
import { ConnectionLoop, type ConnectionAttempt } from './connection-loop.js';
import { ConversationPager } from './conversation-pager.js';
import { ConversationStore, type MessageChange } from './conversation-store.js';
import { createTransport } from './create-transport.js';
import { DeliveredReceipts } from './delivered-receipts.js';
import { Emitter } from '../base/emitter.js';
import { SupportError } from '../protocol/errors.js';
import { defaultStorage, MemoryStorage } from '../base/storage.js';
import { OutgoingLoader } from './outgoing-loader.js';
import { BackoffReconnectPolicy } from './reconnect-policy.js';
import { watchNetwork } from './network-watch.js';
import { webLocks } from './tab-lock.js';
import { TypingThrottle } from './typing-throttle.js';
import type {
  ChatMessage,
  ConnectionState,
  ConversationView,
  SendInput,
  SupportClientEvents,
  SupportClientOptions,
} from './types.js';

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_PAGE_SIZE = 50;

/** On `relay`, files of queued messages go to the relay server's `/uploads` with the client's tokens. */
function relayUploads(options: SupportClientOptions, tokenProvider: TokenProvider): { server: string; tokenProvider: TokenProvider } | undefined {
  const origin = (globalThis as { location?: { origin?: string } }).location?.origin;
  const server = options.server ?? (origin && origin !== 'null' ? origin : undefined);
  return options.backend === 'agora' || !server ? undefined : { server, tokenProvider };
}

function sameContext(a: ProductContext | undefined, b: ProductContext | undefined): boolean {
  return JSON.stringify(a ?? {}) === JSON.stringify(b ?? {});
}

/**
 * The headless support client: connection state and reconnect, conversations with an
 * optimistic outbox that survives reloads, unread counts, typing and receipts. DOM-free.
 *
 * @example
 * const client = new SupportClient({ server: 'https://help.example.com', tokenProvider: endpointTokenProvider('/support/token') });
 * client.on('message', ({ message }) => console.info(message.body));
 * await client.connect();
 * client.send(client.primaryConversationId!, { body: 'My screen flickers' });
 */
export class SupportClient {
  /** Calls of the signed-in user: start, answer, end, and their events (see `CallManager`). */
  readonly calls: CallManager;
  private readonly events = new Emitter<SupportClientEvents>();
  private readonly store = new ConversationStore();
  private readonly transport: MessagingTransport;
  private readonly tokens: TokenProvider;
  private readonly outgoing: OutgoingLoader;
  private uploads: UploadProvider | undefined;
  private readonly loop: ConnectionLoop;
  private readonly typingOut: TypingThrottle;
  private readonly timeoutMs: number;
  private readonly unsubscribe: (() => void)[] = [];
  private readonly lastUnread = new Map<string, number>();
  private readonly pendingContexts = new Map<string, ProductContext>();
  private readonly pendingReads = new Set<string>();
  private readonly delivered: DeliveredReceipts;
  private readonly pager: ConversationPager;
  private readonly opening = new Map<string, Promise<void>>();
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  private stopListeningForNetwork: (() => void) | undefined;
  private linkUp = false;
  /** The socket was dropped because the device went offline (a retryable loss, not a `disconnect()`). */
  private droppedOffline = false;
  private disposed = false;
  private agents = 0;
  private primaryId: string | undefined;
  private initialContextSent = false;

  constructor(private readonly options: SupportClientOptions) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.tokens = toTokenProvider(options.tokenProvider);
    this.transport = createTransport(options, this.timeoutMs, this.tokens);
    this.uploads = options.uploadProvider;
    this.outgoing = new OutgoingLoader({
      store: this.store,
      events: this.events,
      storage: options.storage === null ? new MemoryStorage() : (options.storage ?? defaultStorage()),
      ...(options.fileStore ? { fileStore: options.fileStore } : {}),
      memoryFiles: options.storage === null,
      send: (message) => this.transport.send(message, { timeoutMs: this.timeoutMs }),
      isConnected: () => this.linkUp,
      uploadProvider: () => this.uploads,
      relayUploads: relayUploads(options, this.tokens),
      lock: webLocks(),
    });
    this.loop = new ConnectionLoop({
      policy: options.reconnectPolicy ?? new BackoffReconnectPolicy(),
      attempt: (attempt) => this.attempt(attempt),
      onState: (state, error) => this.onState(state, error),
    });
    this.delivered = new DeliveredReceipts({
      store: this.store,
      send: (id, upTo) => this.transport.sendReceipt(id, 'delivered', upTo),
      isConnected: () => this.linkUp,
    });
    this.typingOut = new TypingThrottle((id, typing) => this.transport.setTyping(id, typing));
    const page = this.transport.conversationPage?.bind(this.transport);
    this.pager = new ConversationPager({
      fetch: page === undefined ? undefined : (cursor) => page(cursor, { timeoutMs: this.timeoutMs }),
      apply: (summary) => this.onConversation(summary),
    });
    this.calls = new CallManager({
      ...options.calls,
      self: () => this.store.user,
      signaller: { send: (signal) => this.sendSignal(signal) },
      postSummary: (conversationId, body, clientMsgId) => {
        this.send(conversationId, { kind: 'call-summary', body, clientMsgId });
      },
    });
    const t = this.transport;
    this.unsubscribe.push(
      t.on('message', (message) => this.onMessage(message)),
      t.on('typing', (event) => this.onTyping(event)),
      t.on('receipt', (event) => this.onReceipt(event)),
      t.on('presence', (event) => {
        this.agents = event.agentsOnline;
        this.events.emit('presence', { agentsOnline: event.agentsOnline });
      }),
      t.on('conversation', (summary) => this.onConversation(summary)),
      t.on('signal', (event) => {
        this.events.emit('signal', event);
        this.calls.handleSignal(event);
      }),
      t.on('error', (error) => this.events.emit('error', error)),
      t.on('close', ({ error, retryable }) => {
        this.linkUp = false;
        this.typingOut.reset();
        const offline = this.droppedOffline;
        this.droppedOffline = false;
        if (offline) this.loop.connectionLost(new SupportError('network', 'the device is offline'), true);
        else this.loop.connectionLost(error, retryable);
      }),
    );
  }

  /** Connection state; every change is also a `state` event. */
  get state(): ConnectionState {
    return this.loop.state;
  }

  /** The signed-in user, known after the first welcome. */
  get user(): UserRef | undefined {
    return this.store.user;
  }

  get agentsOnline(): number {
    return this.agents;
  }

  /**
   * Where the files of queued messages are stored (see `SendInput.files`): the `uploadProvider`
   * option or what was set here; undefined means the default, on `relay` the relay server's
   * `/uploads` (on `agora` there is none: such messages fail with `config`).
   */
  get uploadProvider(): UploadProvider | undefined {
    return this.uploads;
  }

  set uploadProvider(provider: UploadProvider | undefined) {
    this.uploads = provider ?? this.options.uploadProvider;
    this.outgoing.flush();
  }

  /** A customer's own conversation (their first); undefined for agents. */
  get primaryConversationId(): string | undefined {
    return this.primaryId;
  }

  on<K extends keyof SupportClientEvents>(event: K, listener: (payload: SupportClientEvents[K]) => void): () => void {
    return this.events.on(event, listener);
  }

  /**
   * Connects. Resolves on the first welcome; rejects with a `SupportError` when the first
   * attempt fails for good (bad token). Retryable failures keep reconnecting meanwhile.
   */
  connect(): Promise<void> {
    if (this.disposed) return Promise.reject(new SupportError('closed', 'client disposed', { retryable: false }));
    this.listenForNetwork();
    return this.loop.start();
  }

  disconnect(): void {
    this.stopListeningForNetwork?.();
    this.stopListeningForNetwork = undefined;
    this.loop.stop();
    this.transport.disconnect();
    this.linkUp = false;
  }

  /** Disconnects and releases every listener and timer. */
  dispose(): void {
    if (this.disposed) return;
    // Hangs up a running call while the link is still up.
    this.calls.dispose();
    this.disconnect();
    this.disposed = true;
    this.outgoing.stop();
    for (const off of this.unsubscribe) off();
    this.delivered.stop();
    clearTimeout(this.typingTimer);
    this.events.removeAllListeners();
  }

  /** Every known conversation, most recently updated first. */
  conversations(): ConversationView[] {
    return this.store.views();
  }

  conversation(conversationId: string): ConversationView | undefined {
    return this.store.view(conversationId);
  }

  hasMore(conversationId: string): boolean {
    return this.store.hasMore(conversationId);
  }

  /** Agents: true while the queue has conversations beyond those known (the relay's welcome lists one page). */
  hasMoreConversations(): boolean {
    return this.pager.hasMore;
  }

  /** Agents: loads the next page of the queue (each appears as a `conversation` event). Rejects with a `SupportError`. */
  loadMoreConversations(): Promise<void> {
    return this.pager.loadMore();
  }

  /**
   * Sends a message optimistically: it is shown at once with status `sending`, kept in the
   * persisted outbox, and sent as soon as (or whenever next) the client is connected. Its `files`
   * are stored first (the message shows their progress in `uploads`); their bytes wait in the
   * `fileStore` meanwhile, so a reload does not lose them. Tabs of the same user share the outbox.
   */
  send(conversationId: string, input: SendInput): ChatMessage {
    if (this.disposed) throw new SupportError('closed', 'client disposed', { retryable: false });
    if (input.body.length > LIMITS.maxBodyChars) {
      throw new SupportError('message-too-large', `a message holds at most ${LIMITS.maxBodyChars} characters`, {
        retryable: false,
      });
    }
    const files = (input.attachments?.length ?? 0) + (input.files?.length ?? 0);
    if (input.body.trim() === '' && files === 0) {
      throw new SupportError('bad-frame', 'a message needs a body or an attachment', { retryable: false });
    }
    if (files > LIMITS.maxAttachments) {
      throw new SupportError('bad-frame', `a message carries at most ${LIMITS.maxAttachments} attachments`, { retryable: false });
    }
    // Only my own message with this clientMsgId is this send (another member may have used the id).
    const known = input.clientMsgId && this.store.view(conversationId)?.messages.find((m) => m.mine && m.clientMsgId === input.clientMsgId);
    if (known) return known;
    const message = this.outgoing.queue(conversationId, input);
    if (this.linkUp) this.typingOut.update(conversationId, false, Date.now());
    return message;
  }

  /**
   * Loads the outbox code now instead of at the first send (it stays out of what a page loads
   * before the launcher works). `<support-chat>` calls it when its panel opens, so a message sent
   * and followed at once by closing the tab is already persisted.
   */
  prepareToSend(): void {
    this.outgoing.prepare();
  }

  /** Sends a failed message again (uploading its files again when they were not stored). */
  retry(conversationId: string, clientMsgId: string): void {
    this.outgoing.retry(conversationId, clientMsgId);
  }

  /** Drops an unacknowledged (usually failed) message, cancelling its uploads. */
  discard(conversationId: string, clientMsgId: string): void {
    this.outgoing.discard(conversationId, clientMsgId);
  }

  /** Marks the conversation read up to its last message and tells the other members. */
  markRead(conversationId: string): void {
    const upTo = this.store.markRead(conversationId);
    if (upTo === undefined) return;
    if (this.linkUp) this.transport.sendReceipt(conversationId, 'read', upTo);
    else this.pendingReads.add(conversationId);
    this.emitUnread(conversationId);
    this.events.emit('conversation', { conversationId });
  }

  /** Call on every keystroke with `true` and with `false` when the user stops or sends. */
  setTyping(conversationId: string, typing: boolean): void {
    if (this.linkUp) this.typingOut.update(conversationId, typing, Date.now());
  }

  /**
   * Loads the latest page of history once (waits for the connection if it is being made).
   * History pages emit one `conversation` event, not a `message` event per old message.
   */
  openConversation(conversationId: string): Promise<void> {
    if (this.store.isLoaded(conversationId)) return Promise.resolve();
    let loading = this.opening.get(conversationId);
    if (!loading) {
      loading = this.loadPage(conversationId, undefined, DEFAULT_PAGE_SIZE).finally(() =>
        this.opening.delete(conversationId),
      );
      this.opening.set(conversationId, loading);
    }
    return loading;
  }

  /** Loads the page before the oldest loaded message. */
  async loadOlder(conversationId: string, limit = DEFAULT_PAGE_SIZE): Promise<void> {
    if (!this.store.isLoaded(conversationId)) {
      await this.openConversation(conversationId);
      return;
    }
    const oldest = this.store.oldestSeq(conversationId);
    if (!this.store.hasMore(conversationId) || oldest === undefined) return;
    await this.loadPage(conversationId, oldest, limit);
  }

  /** Updates the product/order context of a conversation (sent now or on the next welcome). */
  setContext(conversationId: string, context: ProductContext): void {
    this.store.setContext(conversationId, context);
    if (this.linkUp) this.transport.setContext(conversationId, context);
    else this.pendingContexts.set(conversationId, context);
    this.events.emit('conversation', { conversationId });
  }

  /** Call signalling pass-through (the call issue builds on it). */
  sendSignal(signal: SignalMessage): Promise<void> {
    if (!this.linkUp) return Promise.reject(new SupportError('closed', 'not connected'));
    return this.transport.sendSignal(signal);
  }

  /**
   * The media of a call in `conversationId`, for this client's backend: on `relay` a WebRTC peer
   * connection negotiated over `signalling` (the call's `CallSession`, which it starts listening
   * to at once); on `agora` an RTC transport on the conversation's channel (`support.<id>`) with
   * tokens from the same exchange as RTM. Its code (and Agora's RTC SDK, on `join()`) loads only
   * now. Rejects with `network` (code not loaded) or `closed` (agora, before the first connection).
   *
   * @example
   * const media = await client.createMediaTransport(session.conversationId!, session);
   * await media.join({ callId: session.callId!, conversationId, selfId: session.selfId, polite: session.polite });
   */
  createMediaTransport(conversationId: string, signalling: MediaSignalChannel, options?: CallMediaTransportOptions): Promise<MediaTransport> {
    return createCallMediaTransport(this.transport, conversationId, signalling, options);
  }

  private async attempt({ forceRefresh, signal }: ConnectionAttempt): Promise<void> {
    const token = await this.tokens.getToken({ forceRefresh, signal });
    // Best effort: without the visitor's token the sign-in still works, it just merges nothing.
    const mergeFrom = await this.tokens.mergeFrom?.({ signal }).catch(() => undefined);
    const resume = this.store.resumePoints();
    const welcome = await this.transport.connect({ token, resume, signal, timeoutMs: this.timeoutMs, ...(mergeFrom === undefined ? {} : { mergeFrom }) });
    if (signal.aborted) throw new SupportError('closed', 'connection attempt aborted');
    this.applyWelcome(welcome);
  }

  private applyWelcome(welcome: TransportWelcome): void {
    const me = welcome.user;
    this.store.setUser(me);
    this.outgoing.bind(me);
    this.pager.reset(welcome.nextCursor);
    for (const summary of welcome.conversations) {
      // A read made while the link was dead (or offline) is re-sent, up to what was really read.
      if (this.store.readMark(summary.id) > (summary.readUpTo[me.id] ?? 0)) this.pendingReads.add(summary.id);
      this.applySummary(summary);
    }
    if (this.primaryId === undefined && me.role === 'customer') {
      const own = welcome.conversations.find((c) => c.customer.id === me.id) ?? welcome.conversations[0];
      this.primaryId = own?.id;
    }
    this.agents = welcome.agentsOnline;
    this.linkUp = true;
    this.typingOut.reset();
    this.events.emit('presence', { agentsOnline: welcome.agentsOnline });
    this.sendPendingState();
  }

  /** Sends what was decided while offline: contexts, read marks, delivered marks. */
  private sendPendingState(): void {
    const primary = this.primaryId;
    if (!this.initialContextSent && this.options.context && primary !== undefined) {
      this.initialContextSent = true;
      if (!sameContext(this.store.view(primary)?.context, this.options.context)) {
        this.store.setContext(primary, this.options.context);
        this.pendingContexts.set(primary, this.options.context);
      }
    }
    for (const [conversationId, context] of this.pendingContexts) this.transport.setContext(conversationId, context);
    this.pendingContexts.clear();
    for (const conversationId of this.pendingReads) {
      const upTo = this.store.readMark(conversationId);
      if (upTo) this.transport.sendReceipt(conversationId, 'read', upTo);
    }
    this.pendingReads.clear();
    for (const view of this.store.views()) this.delivered.schedule(view.id);
  }

  private onState(state: ConnectionState, error?: SupportError): void {
    this.events.emit('state', error ? { state, error } : { state });
    if (state === 'connected') this.outgoing.flush();
    if (state === 'disconnected' && error) this.events.emit('error', error);
  }

  private onMessage(wire: WireMessage): void {
    const { conversationId } = wire;
    const typingStopped = { conversationId, user: wire.from, typing: false };
    if (this.store.setTyping(typingStopped, Date.now())) this.events.emit('typing', typingStopped);
    const change = this.store.receive(wire);
    if (!change) return;
    // My message echoed (another tab, or acked before a reload): it no longer needs sending.
    if (change.message.mine) this.outgoing.echoed(wire.clientMsgId);
    this.emitChanges([change]);
    if (change.isNew) this.events.emit('conversation', { conversationId });
    if (!change.message.mine) this.delivered.schedule(conversationId);
    this.emitUnread(conversationId);
  }

  private onConversation(summary: ConversationSummary): void {
    this.applySummary(summary);
    const me = this.store.user;
    if (this.primaryId === undefined && me?.role === 'customer' && summary.customer.id === me.id) {
      this.primaryId = summary.id;
    }
    this.delivered.schedule(summary.id);
  }

  private applySummary(summary: ConversationSummary): void {
    this.emitChanges(this.store.applySummary(summary));
    this.events.emit('conversation', { conversationId: summary.id });
    this.emitUnread(summary.id);
  }

  private onTyping(event: TypingEvent): void {
    if (this.store.setTyping(event, Date.now())) this.events.emit('typing', event);
    // A refresh of an ongoing indicator moves its expiry.
    this.scheduleTypingExpiry();
  }

  private onReceipt(event: ReceiptEvent): void {
    const changes = this.store.applyReceipt(event);
    this.events.emit('receipt', event);
    this.emitChanges(changes);
    if (event.userId === this.store.user?.id) this.emitUnread(event.conversationId);
  }

  private async loadPage(conversationId: string, beforeSeq: number | undefined, limit: number): Promise<void> {
    await this.whenConnected();
    const page = await this.transport.history(conversationId, {
      ...(beforeSeq === undefined ? {} : { beforeSeq }),
      limit,
      timeoutMs: this.timeoutMs,
    });
    this.store.applyHistory(conversationId, page, beforeSeq === undefined);
    this.events.emit('conversation', { conversationId });
    this.emitUnread(conversationId);
    this.delivered.schedule(conversationId);
  }

  private whenConnected(): Promise<void> {
    if (this.linkUp) return Promise.resolve();
    const state = this.loop.state;
    if (this.disposed || state === 'idle' || state === 'disconnected') {
      return Promise.reject(new SupportError('closed', 'not connected'));
    }
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new SupportError('timeout', `not connected within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      const off = this.events.on('state', ({ state: next }) => {
        if (next !== 'connected' && next !== 'disconnected') return;
        clearTimeout(timer);
        off();
        if (next === 'connected') resolve();
        else reject(new SupportError('closed', 'not connected'));
      });
    });
  }

  private emitChanges(changes: MessageChange[]): void {
    for (const { conversationId, message, isNew } of changes) {
      this.events.emit('message', { conversationId, message, isNew });
    }
  }

  private emitUnread(conversationId: string): void {
    const unread = this.store.unread(conversationId);
    if (this.lastUnread.get(conversationId) === unread) return;
    this.lastUnread.set(conversationId, unread);
    this.events.emit('unread', { conversationId, unread, total: this.store.totalUnread() });
  }

  private scheduleTypingExpiry(): void {
    clearTimeout(this.typingTimer);
    this.typingTimer = undefined;
    const next = this.store.nextTypingExpiry();
    if (next === undefined) return;
    this.typingTimer = setTimeout(
      () => {
        for (const event of this.store.expireTyping(Date.now())) this.events.emit('typing', event);
        this.scheduleTypingExpiry();
      },
      Math.max(0, next - Date.now()),
    );
  }

  private listenForNetwork(): void {
    if (this.stopListeningForNetwork) return;
    this.stopListeningForNetwork = watchNetwork({
      online: () => this.loop.retryNow(),
      offline: () => {
        if (!this.linkUp) return;
        // The socket may linger without carrying anything: drop it, queue meanwhile, reconnect when back.
        this.droppedOffline = true;
        this.transport.disconnect();
      },
    });
  }
}
