/**
 * What relay frames mean: authentication and resume (`hello`), then storing and fanning out
 * messages, typing, receipts, context, history and call signals, with presence per shop, and the
 * staff's desk (`desk.ts`). A customer never receives a note or a desk event (`message-visibility.ts`).
 */
import { draftOf, isStaff, LIMITS, SupportError } from 'support-widget/protocol';
import type { ClientFrame, ContextFrame, ConversationSummary, HelloFrame, HistoryRequestFrame, ReceiptFrame, SendFrame, ServerFrame, SignalFrame, TokenClaims, TypingFrame, UserRef, WireMessage } from 'support-widget/protocol';
import { accessConversation, deniedByToken } from './access.js';
import { serializeFrame } from './connection.js';
import type { Connection, FrameHandler } from './connection.js';
import { ConversationPages } from './conversation-pages.js';
import { Desk, type DeskDeps } from './desk.js';
import { DeskRequests } from './desk-frame.js';
import { GuidedSteps } from './guided-steps.js';
import { SearchRequests } from './search-frame.js';
import { GroupCommit, sendToAgents } from './group-commit.js';
import type { Hub, Member } from './hub.js';
import type { RelayLog } from './log.js';
import type { StorageHealth } from './storage-health.js';
import type { StoredConversation, SupportStore } from './store.js';
import { verifyToken } from './tokens.js';
import type { ContextImageOrigins } from './context-image.js';
import { withAllowedContextImage } from './context-image.js';
import { checkUploadAttachments } from './upload-attachments.js';
import { VisitorMerges } from './visitor-merge.js';
import type { RelationshipHooks } from './relationship.js';
import { RelayAssistant } from './assistant/relay-assistant.js';
import { answerAssistantFeedback } from './assistant/assistant-feedback.js';
import type { AssistantSettings } from './assistant/assistant-settings.js';
import { MAX_PAYLOAD_DEPTH, nestedDeeperThan } from './payload-depth.js';

/** History page when the client does not ask for a size. */
const DEFAULT_HISTORY_PAGE = 50;

export interface RelayProtocolDeps {
  store: SupportStore;
  hub: Hub;
  secret: string;
  /** Longest token lifetime accepted at hello, seconds. Default 24 h (`verifyToken`). */
  maxTokenLifetimeSeconds?: number | undefined;
  /** Origins absolute attachment URLs may be on (besides the relay's own `/uploads/`). Default: none. */
  attachmentOrigins?: ReadonlySet<string>;
  /** Where a customer's `context.image` may be (else the image is dropped, the rest kept): see `context-image.ts`. Default: relay uploads only. */
  contextImageOrigins?: ContextImageOrigins;
  log: RelayLog;
  now?: () => number;
  /** Told when writes fail for lack of storage and when they work again (readiness reads it). */
  storage?: StorageHealth;
  /** Route conversations nobody has to an online agent (`RelayServerOptions.autoAssign`). Default true. */
  autoAssign?: boolean;
  /** Office hours, contact email, CSAT, follow-ups, the customer's own conversations (issue 17). */
  relationship?: RelationshipHooks;
  /** The assistant that answers before a person joins (issue 18). Default: none. */
  assistant?: AssistantSettings | undefined;
}

type ConversationFrame = Exclude<ClientFrame, HelloFrame>;
type DeskChanged = NonNullable<DeskDeps['changed']>;

export class RelayProtocol implements FrameHandler {
  private readonly store: SupportStore;
  private readonly hub: Hub;
  private readonly now: () => number;
  /** Sends checked during this turn of the event loop, committed together. */
  private readonly sends: GroupCommit;
  private readonly merges: VisitorMerges;
  private readonly pages: ConversationPages;
  private readonly search: SearchRequests;
  private readonly desk: Desk;
  private readonly deskRequests: DeskRequests;
  /** Checklists' ticks and the shop's canned step lists (issue 20). */
  private readonly steps: GuidedSteps;
  private readonly assistant: RelayAssistant | undefined;

  constructor(private readonly deps: RelayProtocolDeps) {
    this.store = deps.store;
    this.hub = deps.hub;
    this.now = deps.now ?? Date.now;
    this.merges = new VisitorMerges(deps);
    this.pages = new ConversationPages(deps.store.database);
    this.search = new SearchRequests(deps.store.database);
    const rel = deps.relationship;
    const changed: DeskChanged = (shop, change, before) => [rel, this.assistant].forEach((hooks) => hooks?.deskChanged(shop, change, before));
    this.desk = new Desk({ store: deps.store, hub: deps.hub, log: deps.log, now: this.now, autoAssign: deps.autoAssign ?? true, changed });
    this.steps = new GuidedSteps({ store: deps.store, hub: deps.hub, now: this.now, attachmentOrigins: deps.attachmentOrigins });
    this.deskRequests = new DeskRequests(this.desk, deps.store, this.now, rel && ((member, action) => rel.desk(member, action)), (member, action) => this.steps.desk(member, action));
    const reopen = (c: StoredConversation): StoredConversation => this.desk.customerWrote(c, false);
    this.assistant = deps.assistant && new RelayAssistant({ ...deps.assistant, store: deps.store, hub: deps.hub, log: deps.log, now: this.now, reopen, route: (c) => this.desk.customerWrote(c), ...(rel && { hours: (shop: string) => rel.hours(shop) }) });
    // The assistant answers first while no person has joined; else the desk routes as before.
    const customerWrote = (c: StoredConversation, m: WireMessage): StoredConversation => this.assistant?.customerWrote(c, m) ?? this.desk.customerWrote(c);
    this.sends = new GroupCommit({ store: deps.store, hub: deps.hub, log: deps.log, now: this.now, storage: deps.storage, customerWrote });
  }

  hello(connection: Connection, frame: HelloFrame): void {
    let claims: TokenClaims;
    try {
      claims = verifyToken(frame.token, this.deps.secret, this.now(), { maxLifetimeSeconds: this.deps.maxTokenLifetimeSeconds });
    } catch (error) {
      const code = error instanceof SupportError ? error.code : 'unauthorized';
      this.deps.log({ level: 'info', event: 'ws-auth-refused', code });
      connection.fail(code, error instanceof Error ? error.message : 'invalid token');
      return;
    }
    const now = this.now();
    const user: UserRef = { id: claims.sub, name: claims.name, role: claims.role };
    const created: StoredConversation[] = [];
    let visible: StoredConversation[];
    let nextCursor: string | undefined;
    if (claims.role === 'customer') {
      visible = this.ensureCustomerConversations(claims, now, created);
      if (claims.email !== undefined) this.search.rememberEmail(claims.shop, claims.sub, claims.email);
    } else {
      // A page of the queue, not all of it: the rest comes with `conversations` frames.
      const page = this.pages.page(claims.shop, undefined, LIMITS.maxConversationPage);
      visible = page?.conversations ?? [];
      nextCursor = page?.nextCursor;
    }
    // Before the welcome, so it and the resume below show the merged messages.
    const mergeRefused = frame.mergeFrom === undefined ? undefined : this.merges.run(claims, frame.mergeFrom, now);
    if (frame.mergeFrom !== undefined && mergeRefused === undefined) {
      const fresh = (c: StoredConversation): StoredConversation => this.store.getConversation(c.shop, c.id) ?? c;
      visible = visible.map(fresh);
      created.splice(0, created.length, ...created.map(fresh));
    }
    const member: Member = {
      user,
      shop: claims.shop,
      conversations: claims.role === 'customer' ? new Set(visible.map((c) => c.id)) : undefined,
      send: (out) => connection.send(out),
      sendSerialized: (out) => connection.sendSerialized(out),
      hold: () => connection.hold(),
      release: () => connection.release(),
      close: (code, message) => connection.fail(code, message),
    };
    if (!connection.authenticate(member)) return;
    const presenceChanged = this.hub.join(member);
    const rel = this.deps.relationship;
    const forCustomer = (c: StoredConversation): ConversationSummary => this.store.visibility.forCustomer(this.store.summary(c), c.shop);
    const summary = (c: StoredConversation): ConversationSummary =>
      isStaff(claims.role) ? this.store.summary(c) : rel === undefined ? forCustomer(c) : rel.decorate(forCustomer(c), c.shop);
    connection.send({
      type: 'welcome',
      user,
      conversations: visible.map(summary),
      agentsOnline: this.hub.agentsOnline(claims.shop),
      serverTime: now,
      ...(nextCursor === undefined ? {} : { nextCursor }),
      ...rel?.welcome(claims),
    });
    for (const [conversationId, lastSeq] of Object.entries(frame.resume ?? {})) {
      this.replay(connection, member, conversationId, lastSeq);
    }
    this.steps.resume(connection, member, Object.keys(frame.resume ?? {}));
    if (mergeRefused !== undefined) connection.error(mergeRefused.code, mergeRefused.message, 'mergeFrom');
    if (presenceChanged) this.broadcastPresence(member, true);
    if (isStaff(claims.role)) this.desk.staffJoined(member, presenceChanged);
    for (const conversation of created) this.notifyAgents(conversation.shop, this.store.summary(conversation));
  }

  frame(connection: Connection, member: Member, frame: ConversationFrame): void {
    switch (frame.type) {
      case 'ping':
        connection.send(frame.id === undefined ? { type: 'pong', serverTime: this.now() } : { type: 'pong', id: frame.id, serverTime: this.now() });
        return;
      case 'send':
        return this.send(connection, member, withAllowedContextImage(frame, this.deps.contextImageOrigins));
      case 'typing':
        return this.typing(connection, member, frame);
      case 'receipt':
        return this.receipt(connection, member, frame);
      case 'history':
        return this.history(connection, member, frame);
      case 'context':
        return this.context(connection, member, withAllowedContextImage(frame, this.deps.contextImageOrigins));
      case 'signal':
        return this.signal(connection, member, frame);
      case 'conversations':
        return this.pages.answer(connection, member, frame, (c) => this.store.summary(c));
      case 'search':
        return this.search.answer(connection, member, frame, (c) => this.store.summary(c));
      case 'desk':
        return this.deskRequests.answer(connection, member, frame);
      case 'customer':
        if (frame.action.kind === 'step') return this.steps.customer(connection, member, { ...frame, action: frame.action });
        if (frame.action.kind === 'assistant' && this.assistant) return answerAssistantFeedback({ store: this.store, assistant: this.assistant, summary: (c) => this.store.visibility.forCustomer(this.store.summary(c), c.shop) }, connection, member, { ...frame, action: frame.action });
        if (this.deps.relationship === undefined) return connection.error('config', 'customer requests are not set up on this relay', frame.requestId);
        return this.deps.relationship.customer(connection, member, frame);
    }
  }

  closed(connection: Connection): void {
    const member = connection.authenticated;
    if (member === undefined || !this.hub.leave(member)) return;
    this.broadcastPresence(member, false);
    this.desk.broadcastRoster(member.shop);
  }

  /** Stops the desk's snooze timer (the relay is closing) and the assistant's answers being written. */
  stop(): Promise<void> {
    this.desk.stop();
    return this.assistant?.stop() ?? Promise.resolve();
  }

  /** Creates the customer's conversations (of the token's shop: ids are per shop) on first contact. */
  private ensureCustomerConversations(claims: TokenClaims, now: number, created: StoredConversation[]): StoredConversation[] {
    const visible: StoredConversation[] = [];
    for (const id of new Set(claims.conv ?? [])) {
      const result = this.store.ensureConversation(id, claims.shop, { id: claims.sub, name: claims.name }, now);
      visible.push(result.conversation);
      if (result.created) created.push(result.conversation);
    }
    // A signed-in customer also reaches the conversations stored as theirs (started in the widget: docs/identity.md).
    for (const id of this.deps.relationship?.ownedConversations(claims) ?? []) {
      const owned = claims.conv?.includes(id) === true ? undefined : this.store.getConversation(claims.shop, id);
      if (owned !== undefined) visible.push(owned);
    }
    return visible.sort((a, b) => b.updatedAt - a.updatedAt);
  }

  /** Sends every message after `lastSeq`, in order, in pages. */
  private replay(connection: Connection, member: Member, conversationId: string, lastSeq: number): void {
    const access = accessConversation(this.store, member, conversationId);
    if (!access.ok) {
      connection.error(access.code, access.message, conversationId);
      return;
    }
    let cursor = lastSeq;
    // A slow consumer is terminated mid-replay: stop reading pages nobody will receive.
    while (connection.open) {
      const page = isStaff(member.user.role)
        ? this.store.messagesAfter(member.shop, conversationId, cursor, LIMITS.maxHistoryPage)
        : this.store.visibility.customerMessagesAfter(member.shop, conversationId, cursor, LIMITS.maxHistoryPage);
      for (const message of page) connection.send({ type: 'message', ...message });
      const last = page.at(-1);
      if (last === undefined || page.length < LIMITS.maxHistoryPage) return;
      cursor = last.seq;
    }
  }

  /** Access check shared by every conversation frame; rejects (counted as abuse) when denied. */
  private open(connection: Connection, member: Member, conversationId: string, ref?: string): StoredConversation | undefined {
    const access = accessConversation(this.store, member, conversationId);
    if (access.ok) return access.conversation;
    connection.reject(access.code, access.message, ref ?? conversationId);
    return undefined;
  }

  /** Checks a send and queues it for the group commit, whose write of the next seq also proves the conversation exists. */
  private send(connection: Connection, member: Member, frame: SendFrame): void {
    const denied = deniedByToken(member, frame.conversationId);
    if (denied !== undefined) return connection.reject(denied.code, denied.message, frame.clientMsgId);
    const conversation = { shop: member.shop, id: frame.conversationId };
    if (member.user.role === 'customer' && frame.kind !== 'text') return connection.reject('forbidden', `customers may only send text messages`, frame.clientMsgId);
    if (isStaff(member.user.role) && frame.context !== undefined) return connection.reject('forbidden', 'only the customer sets the conversation context', frame.clientMsgId);
    const attachments = checkUploadAttachments(this.store.uploads, conversation, frame.attachments, this.deps.attachmentOrigins);
    if (!attachments.ok) return connection.reject(attachments.code, attachments.message, frame.clientMsgId);
    // A checklist's pictures follow the attachments' rule (issue 20).
    const pictures = frame.kind === 'steps' ? this.steps.imageProblem(member.shop, frame.body) : undefined;
    if (pictures !== undefined) return connection.reject(pictures.code, pictures.message, frame.clientMsgId);
    this.sends.add({ connection, member, input: { ...draftOf({ ...frame, attachments: attachments.attachments }), shop: member.shop, from: member.user } });
  }

  /** Stores the sends read so far and answers them now (before the store closes). */
  commitSends(): void {
    this.sends.commit();
  }

  private typing(connection: Connection, member: Member, frame: TypingFrame): void {
    if (this.open(connection, member, frame.conversationId) === undefined) return;
    const out: ServerFrame = { type: 'typing', conversationId: frame.conversationId, user: member.user, typing: frame.typing };
    // The typist's own other tabs do not need to see themselves typing.
    this.fanOut(member, frame.conversationId, out, (m) => m.user.id !== member.user.id);
  }

  private receipt(connection: Connection, member: Member, frame: ReceiptFrame): void {
    const conversation = this.open(connection, member, frame.conversationId);
    if (conversation === undefined) return;
    // A receipt beyond the last stored message means nothing; clamp it.
    const upTo = Math.min(frame.upTo, conversation.lastSeq);
    const raised = this.store.recordReceipt(conversation.shop, conversation.id, member.user.id, frame.kind, upTo);
    if (raised === undefined) return;
    const out: ServerFrame = { type: 'receipt', conversationId: conversation.id, userId: member.user.id, kind: frame.kind, upTo: raised };
    this.fanOut(member, conversation.id, out, (m) => m !== member);
  }

  private history(connection: Connection, member: Member, frame: HistoryRequestFrame): void {
    if (this.open(connection, member, frame.conversationId, frame.requestId) === undefined) return;
    const size = Math.max(1, Math.min(frame.limit ?? DEFAULT_HISTORY_PAGE, LIMITS.maxHistoryPage));
    const page = isStaff(member.user.role)
      ? this.store.history(member.shop, frame.conversationId, frame.beforeSeq, size)
      : this.store.visibility.customerHistory(member.shop, frame.conversationId, frame.beforeSeq, size);
    connection.send({ type: 'history', requestId: frame.requestId, conversationId: frame.conversationId, ...page });
  }

  private context(connection: Connection, member: Member, frame: ContextFrame): void {
    if (member.user.role !== 'customer') {
      connection.reject('forbidden', 'only the customer sets the conversation context', frame.conversationId);
      return;
    }
    if (this.open(connection, member, frame.conversationId) === undefined) return;
    this.store.setContext(member.shop, frame.conversationId, frame.context);
    this.notifyAgents(member.shop, this.summaryOf(member.shop, frame.conversationId));
  }

  private signal(connection: Connection, member: Member, frame: SignalFrame): void {
    if (nestedDeeperThan(frame.payload, MAX_PAYLOAD_DEPTH)) {
      connection.reject('bad-frame', `payload nests deeper than ${MAX_PAYLOAD_DEPTH} levels`, frame.conversationId);
      return;
    }
    if (this.open(connection, member, frame.conversationId) === undefined) return;
    const out: ServerFrame = {
      type: 'signal',
      conversationId: frame.conversationId,
      callId: frame.callId,
      action: frame.action,
      from: member.user,
    };
    if (frame.payload !== undefined) out.payload = frame.payload;
    // Only the sending socket is skipped: the sender's other tabs learn that the call is handled.
    this.fanOut(member, frame.conversationId, out, (m) => m !== member);
  }

  /** Sends `frame`, serialised once, to the members of the conversation `include` accepts. */
  private fanOut(sender: Member, conversationId: string, frame: ServerFrame, include: (m: Member) => boolean): void {
    let serialized: Buffer | undefined;
    this.hub.forEachMemberOf(sender.shop, conversationId, (m) => {
      if (include(m)) m.sendSerialized((serialized ??= serializeFrame(frame)));
    });
  }

  private summaryOf(shop: string, conversationId: string): ConversationSummary {
    const conversation = this.store.getConversation(shop, conversationId);
    if (conversation === undefined) throw new Error(`conversation ${conversationId} vanished`);
    return this.store.summary(conversation);
  }

  private notifyAgents(shop: string, conversation: ConversationSummary): void {
    sendToAgents(this.hub, shop, conversation);
  }

  private broadcastPresence(changed: Member, online: boolean): void {
    const frame = serializeFrame({ type: 'presence', agentsOnline: this.hub.agentsOnline(changed.shop), user: changed.user, online });
    for (const m of this.hub.membersOfShop(changed.shop)) if (m !== changed) m.sendSerialized(frame);
  }
}
