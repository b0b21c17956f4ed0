import type { Emitter } from '../base/emitter.js';
import type { AgentInfo, AgentPresence, CannedReply, ConversationStatus, CustomerProfile, DeskAction, DeskResult, DeskView } from '../protocol/desk.js';
import { isStaff } from '../protocol/desk.js';
import { SupportError } from '../protocol/errors.js';
import type { ConversationSummary, UserRef } from '../protocol/model.js';
import type { MessagingTransport } from '../transports/types.js';
import { inDeskView } from './desk-fields.js';
import { DeskQueues } from './desk-queues.js';
import type { ConversationPager } from './conversation-pager.js';
import type { ChatMessage, ConversationView, SendInput, SupportClientEvents } from './types.js';

export interface DeskClientOptions {
  transport: Pick<MessagingTransport, 'desk' | 'conversationPage'>;
  timeoutMs: number;
  events: Emitter<SupportClientEvents>;
  /** Merges one summary into the client's conversations (and tells listeners). */
  apply(summary: ConversationSummary): void;
  /** Queues a message like `client.send()`. */
  send(conversationId: string, input: SendInput): ChatMessage;
  conversation(conversationId: string): ConversationView | undefined;
  conversations(): ConversationView[];
  self(): UserRef | undefined;
  /** The `all` view's paging (the welcome's first page and cursor). */
  all: Pick<ConversationPager, 'hasMore' | 'loadMore'>;
}

type ResultOf<K extends DeskResult['kind']> = Extract<DeskResult, { kind: K }>;

/**
 * The agent desk of a staff member's client (`client.desk`): the shop's roster, assignment
 * (take, transfer with a note, unassign), conversation states, labels, private notes, canned
 * replies, customer profiles and the queue views. Actions go to the relay as `desk` frames; the
 * conversation's new summary is merged into the client (a `conversation` event), and every change
 * also comes back to each agent as an `event` message in the thread. On a backend without a desk
 * (Agora) every action rejects with a `config` `SupportError`.
 *
 * @example
 * await client.desk.take(conversationId);
 * client.desk.note(conversationId, 'Customer sent the serial by email');
 * await client.desk.transfer(conversationId, 'agent-sam', 'Battery question: Sam knows these');
 * await client.desk.setStatus(conversationId, 'snoozed', { until: Date.now() + 3_600_000 });
 */
export class DeskClient {
  private roster: readonly AgentInfo[] = [];
  private readonly queues: DeskQueues;

  constructor(private readonly options: DeskClientOptions) {
    const page = options.transport.conversationPage?.bind(options.transport);
    this.queues = new DeskQueues({
      fetch: page && ((cursor, view) => page(cursor, { view, timeoutMs: options.timeoutMs })),
      apply: (summary) => options.apply(summary),
      all: options.all,
    });
    options.events.on('state', ({ state }) => {
      if (state === 'connected') this.connected();
    });
  }

  /** True when the backend has a desk (the relay; Agora has none). */
  get available(): boolean {
    return this.options.transport.desk !== undefined;
  }

  /** The shop's agents (presence, load, capacity) as the relay last said; an `agents` event on the client tells each change. */
  get agents(): readonly AgentInfo[] {
    return this.roster;
  }

  /** The relay's roster arrived (an `agents` frame or answer). */
  setRoster(agents: readonly AgentInfo[]): void {
    this.roster = agents;
    this.options.events.emit('agents', { agents });
  }

  /** The known conversations of a queue view, most recently active first (`loadMore(view)` asks for more). */
  conversations(view: DeskView): ConversationView[] {
    const selfId = this.options.self()?.id;
    return this.options.conversations().filter((conversation) => inDeskView(conversation, view, selfId));
  }

  /** True while a view has conversations the client may not know yet. */
  hasMore(view: DeskView): boolean {
    return this.available && this.queues.hasMore(view);
  }

  /** Loads the next page of a view (its first, the first time); each conversation comes as a `conversation` event. */
  loadMore(view: DeskView): Promise<void> {
    return this.queues.loadMore(view);
  }

  /** Assigns the conversation to me. Rejects with `conflict` when someone else took it since I saw it. */
  take(conversationId: string): Promise<ConversationSummary> {
    const me = this.options.self();
    if (!this.available) return Promise.reject(noDesk());
    if (me === undefined) return Promise.reject(new SupportError('not-authenticated', 'not signed in yet'));
    return this.assign(conversationId, me.id);
  }

  /** Hands the conversation to another agent, with a note they (and only staff) read in the thread. */
  transfer(conversationId: string, agentId: string, note?: string): Promise<ConversationSummary> {
    return this.assign(conversationId, agentId, note);
  }

  /** Puts the conversation back in the unassigned queue. */
  unassign(conversationId: string): Promise<ConversationSummary> {
    return this.assign(conversationId, null);
  }

  /** Open, pending (waiting on the customer), snoozed `until` a time (ms since epoch), or resolved. */
  setStatus(conversationId: string, status: ConversationStatus, options: { until?: number } = {}): Promise<ConversationSummary> {
    const action: DeskAction = status === 'snoozed' ? { kind: 'status', conversationId, status, until: options.until ?? 0 } : { kind: 'status', conversationId, status };
    return this.ask(action, 'conversation').then((result) => this.merge(result.conversation));
  }

  /** Adds and removes labels (one spelling each: lower case, spaces as `-`). */
  setLabels(conversationId: string, change: { add?: readonly string[]; remove?: readonly string[] }): Promise<ConversationSummary> {
    const action: DeskAction = { kind: 'labels', conversationId, ...(change.add?.length ? { add: [...change.add] } : {}), ...(change.remove?.length ? { remove: [...change.remove] } : {}) };
    return this.ask(action, 'conversation').then((result) => this.merge(result.conversation));
  }

  /** My presence (routing gives new conversations to `online` agents under capacity) and, optionally, my capacity. */
  setPresence(presence: Exclude<AgentPresence, 'offline'>, capacity?: number): Promise<readonly AgentInfo[]> {
    return this.ask({ kind: 'presence', presence, ...(capacity === undefined ? {} : { capacity }) }, 'agents').then((result) => this.rosterOf(result));
  }

  /** Asks the relay for the roster now (it also comes by itself on every change). */
  refreshAgents(): Promise<readonly AgentInfo[]> {
    return this.ask({ kind: 'agents' }, 'agents').then((result) => this.rosterOf(result));
  }

  /** The shop's canned replies. */
  cannedReplies(): Promise<CannedReply[]> {
    return this.ask({ kind: 'canned-list' }, 'canned').then((result) => result.replies);
  }

  /** Admins: adds or replaces (same `id`) a canned reply; resolves with the shop's list. */
  saveCannedReply(reply: CannedReply): Promise<CannedReply[]> {
    return this.ask({ kind: 'canned-put', reply }, 'canned').then((result) => result.replies);
  }

  /** Admins: deletes a canned reply; resolves with the shop's list. */
  deleteCannedReply(id: string): Promise<CannedReply[]> {
    return this.ask({ kind: 'canned-delete', id }, 'canned').then((result) => result.replies);
  }

  /** A customer's profile: contact, devices and orders, past conversations and calls. */
  profile(customerId: string): Promise<CustomerProfile> {
    return this.ask({ kind: 'profile', customerId }, 'profile').then((result) => result.profile);
  }

  /**
   * Writes a private note in the thread: sent like a message (outbox, ack, retried, shown at once
   * as `sending`) with `kind: 'note'`; only staff ever receive it. Throws like `client.send()`.
   */
  note(conversationId: string, body: string): ChatMessage {
    if (!this.available) throw noDesk();
    return this.options.send(conversationId, { kind: 'note', body });
  }

  private assign(conversationId: string, to: string | null, note?: string): Promise<ConversationSummary> {
    const known = this.options.conversation(conversationId);
    const action: DeskAction = { kind: 'assign', conversationId, to };
    if (note !== undefined && note.trim() !== '') action.note = note.trim();
    // What I saw: of two agents taking at once, the relay lets one win and tells the other `conflict`.
    if (known !== undefined) action.expect = known.assignee?.id ?? null;
    return this.ask(action, 'conversation').then((result) => this.merge(result.conversation));
  }

  private ask<K extends DeskResult['kind']>(action: DeskAction, kind: K): Promise<ResultOf<K>> {
    const { transport, timeoutMs } = this.options;
    if (transport.desk === undefined) return Promise.reject(noDesk());
    return transport.desk(action, { timeoutMs }).then((result) => {
      if (result.kind !== kind) throw new SupportError('bad-frame', `the relay answered ${action.kind} with ${result.kind}`, { retryable: false });
      return result as ResultOf<K>;
    });
  }

  private merge(summary: ConversationSummary): ConversationSummary {
    this.options.apply(summary);
    return summary;
  }

  private rosterOf(result: ResultOf<'agents'>): readonly AgentInfo[] {
    this.setRoster(result.agents);
    return this.roster;
  }

  /** A new connection: views start again, and staff ask for the roster (changes then come by themselves). */
  private connected(): void {
    this.queues.reset();
    const me = this.options.self();
    if (me === undefined || !isStaff(me.role) || !this.available) return;
    // Best effort: the roster also comes by itself on every change.
    this.refreshAgents().catch(() => undefined);
  }
}

function noDesk(): SupportError {
  return new SupportError('config', 'the desk needs the relay backend', { retryable: false });
}
