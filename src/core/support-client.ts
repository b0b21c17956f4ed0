import { draftProblem } from '../protocol/message-draft.js';
import type { ConversationSummary, ProductContext, UserRef } from '../protocol/model.js';
import { toTokenProvider } from '../tokens/token-provider.js';
import type { TokenProvider } from '../tokens/types.js';
import type { UploadProvider } from '../uploads/types.js';
import type { MediaSignalChannel, MediaTransport } from '../transports/media-types.js';
import type { MessagingTransport, SignalMessage, TransportWelcome } from '../transports/types.js';
import { CallLine } from './call/call-line.js';
import type { BackendTransports, CallMediaOptions } from '../transports/backend.js';
import { ClientLink } from './client-link.js';
import { ConversationFeed } from './conversation-feed.js';
import { ConversationPager } from './conversation-pager.js';
import { ConversationSearch } from './conversation-search.js';
import { ConversationStore } from './conversation-store.js';
import { clientBackend } from './client-backend.js';
import { DeliveredReceipts } from './delivered-receipts.js';
import { CustomerRelationship } from './customer-relationship.js';
import { GuidedStepsClient } from './guided-steps-client.js';
import { DeskClient } from './desk-client.js';
import { Emitter } from '../base/emitter.js';
import { SupportError } from '../protocol/errors.js';
import { defaultStorage, MemoryStorage } from '../base/storage.js';
import { DEFAULT_PAGE_SIZE, HistoryLoader } from './history-loader.js';
import { OutgoingLoader } from './outgoing-loader.js';
import { PendingUpdates } from './pending-updates.js';
import { BackoffReconnectPolicy } from './reconnect-policy.js';
import { webLocks } from './tab-lock.js';
import { listenToTransport } from './transport-listeners.js';
import { TypingThrottle } from './typing-throttle.js';
import { untilConnected } from './until-connected.js';
import type { ChatMessage, ConnectionState, ConversationView, SendInput, SupportClientEvents, SupportClientOptions } from './types.js';

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * The headless support client: connection state and reconnect, conversations with an
 * optimistic outbox that survives reloads, unread counts, typing and receipts. DOM-free.
 *
 * @example
 * const client = new SupportClient({ backend: relayBackend({ server: 'https://help.example.com' }), tokenProvider: endpointTokenProvider('/support/token') });
 * client.on('message', ({ message }) => console.info(message.body));
 * await client.connect();
 * client.send(client.primaryConversationId!, { body: 'My screen flickers' });
 */
export class SupportClient {
  /** Calls of the signed-in user: start, answer, end, their media and their events (see `CallLine`). */
  readonly calls: CallLine;
  /** Agents: the shop's conversations searched on the server (customers, message text; see `ConversationSearch`). */
  readonly search: ConversationSearch;
  /** Staff: the agent desk: roster, assignment, states, labels, notes, canned replies, profiles, queue views (see `DeskClient`). */
  readonly desk: DeskClient;
  /** Customers: office hours, the contact email for replies, satisfaction, their own conversations (see `CustomerRelationship`). */
  readonly relationship: CustomerRelationship;
  /** Guided steps: checklists staff send and customers tick, and the shop's canned step lists (see `GuidedStepsClient`). */
  readonly steps: GuidedStepsClient;
  private readonly events = new Emitter<SupportClientEvents>();
  private readonly store = new ConversationStore();
  private readonly backend: BackendTransports;
  private readonly transport: MessagingTransport;
  private readonly tokens: TokenProvider;
  private readonly outgoing: OutgoingLoader;
  private uploads: UploadProvider | undefined;
  private readonly link: ClientLink;
  private readonly typingOut: TypingThrottle;
  private readonly timeoutMs: number;
  private readonly unsubscribe: (() => void)[] = [];
  private readonly feed: ConversationFeed;
  private readonly pending: PendingUpdates;
  private readonly history: HistoryLoader;
  private readonly delivered: DeliveredReceipts;
  private readonly pager: ConversationPager;
  private disposed = false;

  constructor(private readonly options: SupportClientOptions) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.tokens = toTokenProvider(options.tokenProvider);
    this.backend = clientBackend(options, { tokens: this.tokens, timeoutMs: this.timeoutMs });
    this.transport = this.backend.messaging;
    this.uploads = options.uploadProvider;
    this.outgoing = new OutgoingLoader({
      store: this.store,
      events: this.events,
      storage: options.storage === null ? new MemoryStorage() : (options.storage ?? defaultStorage()),
      ...(options.fileStore ? { fileStore: options.fileStore } : {}),
      memoryFiles: options.storage === null,
      send: (message) => this.transport.send(message, { timeoutMs: this.timeoutMs }),
      isConnected: () => this.link.up,
      uploadProvider: () => this.uploads,
      relayUploads: this.backend.uploadServer === undefined ? undefined : { server: this.backend.uploadServer, tokenProvider: this.tokens },
      lock: webLocks(),
    });
    this.link = new ClientLink({
      transport: this.transport,
      tokens: this.tokens,
      policy: options.reconnectPolicy ?? new BackoffReconnectPolicy(),
      timeoutMs: this.timeoutMs,
      resume: () => this.store.resumePoints(),
      welcome: (welcome) => this.applyWelcome(welcome),
      linked: (welcome) => this.linked(welcome),
      down: () => this.typingOut.reset(),
      onState: (state, error) => this.onState(state, error),
    });
    this.delivered = new DeliveredReceipts({ store: this.store, send: (id, upTo) => this.transport.sendReceipt(id, 'delivered', upTo), isConnected: () => this.link.up });
    this.typingOut = new TypingThrottle((id, typing) => this.transport.setTyping(id, typing));
    this.feed = new ConversationFeed({
      store: this.store,
      events: this.events,
      echoed: (clientMsgId) => this.outgoing.echoed(clientMsgId),
      delivered: (conversationId) => this.delivered.schedule(conversationId),
    });
    this.pending = new PendingUpdates({ store: this.store, transport: this.transport, isConnected: () => this.link.up, initialContext: options.context });
    this.history = new HistoryLoader({
      store: this.store,
      transport: this.transport,
      timeoutMs: this.timeoutMs,
      connected: () => untilConnected({ isUp: this.link.up, state: this.link.state, disposed: this.disposed, events: this.events, timeoutMs: this.timeoutMs }),
      apply: (conversationId, page, latest) => this.feed.history(conversationId, page, latest),
    });
    const page = this.transport.conversationPage?.bind(this.transport);
    const [apply, store] = [(summary: ConversationSummary): void => this.feed.conversation(summary), this.store];
    this.pager = new ConversationPager({ fetch: page && ((cursor) => page(cursor, { timeoutMs: this.timeoutMs })), apply });
    this.search = new ConversationSearch({ transport: this.transport, timeoutMs: this.timeoutMs, apply });
    this.calls = new CallLine({
      ...options.calls,
      createMediaTransport: (id, signalling, media) => this.createMediaTransport(id, signalling, media),
      self: () => this.store.user,
      signaller: { send: (signal) => this.sendSignal(signal) },
      postSummary: (conversationId, body, clientMsgId) => {
        this.send(conversationId, { kind: 'call-summary', body, clientMsgId });
      },
    });
    this.desk = new DeskClient({
      transport: this.transport, timeoutMs: this.timeoutMs, events: this.events, apply, all: this.pager,
      send: (id, input) => this.send(id, input), conversation: (id) => store.view(id), conversations: () => store.views(), self: () => store.user,
    });
    this.relationship = new CustomerRelationship({ transport: this.transport, timeoutMs: this.timeoutMs, events: this.events, apply, self: () => store.user, storage: options.storage });
    this.steps = new GuidedStepsClient({ transport: this.transport, timeoutMs: this.timeoutMs, store, events: this.events, self: () => store.user, isConnected: () => this.link.up, send: (id, input) => this.send(id, input) });
    this.unsubscribe.push(...listenToTransport(this.transport, { feed: this.feed, desk: this.desk, calls: this.calls, link: this.link, relationship: this.relationship, steps: this.steps, events: this.events }));
  }

  /** Connection state; every change is also a `state` event. */
  get state(): ConnectionState {
    return this.link.state;
  }

  /** The signed-in user, known after the first welcome. */
  get user(): UserRef | undefined {
    return this.store.user;
  }

  /** Agents online, as the backend last said. */
  get agentsOnline(): number {
    return this.feed.agentsOnline;
  }

  /**
   * Where the files of queued messages are stored (see `SendInput.files`): the `uploadProvider`
   * option or what was set here; undefined means the backend's default: on `relayBackend()` the relay
   * server's `/uploads` (on `agoraBackend()` there is none: such messages fail with `config`).
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
    return this.feed.primaryId;
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
    return this.link.start();
  }

  disconnect(): void {
    this.link.stop();
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
    this.feed.stop();
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
    // The relay's own rule (`draftProblem`): a message it would refuse is never queued.
    const problem = draftProblem(input.body, (input.attachments?.length ?? 0) + (input.files?.length ?? 0));
    if (problem) throw new SupportError(problem.code, problem.message, { retryable: false });
    // Only my own message with this clientMsgId is this send (another member may have used the id).
    const known = input.clientMsgId && this.store.view(conversationId)?.messages.find((m) => m.mine && m.clientMsgId === input.clientMsgId);
    if (known) return known;
    const message = this.outgoing.queue(conversationId, input);
    if (this.link.up) this.typingOut.update(conversationId, false, Date.now());
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
    this.pending.read(conversationId, upTo);
    this.feed.emitUnread(conversationId);
    this.events.emit('conversation', { conversationId });
  }

  /** Call on every keystroke with `true` and with `false` when the user stops or sends. */
  setTyping(conversationId: string, typing: boolean): void {
    if (this.link.up) this.typingOut.update(conversationId, typing, Date.now());
  }

  /**
   * Loads the latest page of history once (waits for the connection if it is being made).
   * History pages emit one `conversation` event, not a `message` event per old message.
   */
  openConversation(conversationId: string): Promise<void> {
    return this.history.open(conversationId);
  }

  /** Loads the page before the oldest loaded message. */
  loadOlder(conversationId: string, limit = DEFAULT_PAGE_SIZE): Promise<void> {
    return this.history.older(conversationId, limit);
  }

  /** Updates the product/order context of a conversation (sent now or on the next welcome). */
  setContext(conversationId: string, context: ProductContext): void {
    this.store.setContext(conversationId, context);
    this.pending.setContext(conversationId, context);
    this.events.emit('conversation', { conversationId });
  }

  /** Call signalling pass-through (the call issue builds on it). */
  sendSignal(signal: SignalMessage): Promise<void> {
    if (!this.link.up) return Promise.reject(new SupportError('closed', 'not connected'));
    return this.transport.sendSignal(signal);
  }

  /**
   * The media of a call in `conversationId`, from this client's backend (see
   * `BackendTransports.createMediaTransport`): it listens to `signalling` (the call's `CallSession`)
   * at once; its code loads only now. Rejects with a `SupportError`.
   *
   * @example
   * const media = await client.createMediaTransport(session.conversationId!, session);
   * await media.join({ callId: session.callId!, conversationId, selfId: session.selfId, polite: session.polite });
   */
  createMediaTransport(conversationId: string, signalling: MediaSignalChannel, options?: CallMediaOptions): Promise<MediaTransport> {
    return this.backend.createMediaTransport(conversationId, signalling, options);
  }

  private applyWelcome(welcome: TransportWelcome): void {
    const me = welcome.user;
    this.store.setUser(me);
    this.outgoing.bind(me);
    this.pager.reset(welcome.nextCursor);
    this.feed.welcome(me, welcome.conversations, (conversationId) => this.pending.readAhead(conversationId));
    this.feed.agentsOnline = welcome.agentsOnline;
    this.relationship.welcome(welcome);
  }

  /** The link is up: tell listeners, and send what was decided while offline (contexts, read and delivered marks). */
  private linked(welcome: TransportWelcome): void {
    this.typingOut.reset();
    this.events.emit('presence', { agentsOnline: welcome.agentsOnline });
    this.pending.flush(this.feed.primaryId);
    this.steps.flush();
    for (const view of this.store.views()) this.delivered.schedule(view.id);
  }

  private onState(state: ConnectionState, error?: SupportError): void {
    this.events.emit('state', error ? { state, error } : { state });
    if (state === 'connected') this.outgoing.flush();
    if (state === 'disconnected' && error) this.events.emit('error', error);
  }
}
