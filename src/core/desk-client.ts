import type { Emitter } from '../base/emitter.js';
import type { AgentInfo, AgentPresence, CannedReply, ConversationStatus, CustomerProfile, DeskView } from '../protocol/desk.js';
import type { ConversationSummary, UserRef } from '../protocol/model.js';
import type { CsatReport, FollowUp } from '../protocol/relationship.js';
import type { MessagingTransport } from '../transports/types.js';
import type { ConversationPager } from './conversation-pager.js';
import type { DeskActions } from './desk-actions.js';
import { inDeskView, noDesk } from './desk-fields.js';
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

/**
 * The agent desk of a staff member's client (`client.desk`): the shop's roster, assignment
 * (take, transfer with a note, unassign), conversation states, labels, private notes, canned
 * replies, customer profiles and the queue views. Actions go to the relay as `desk` frames; the
 * conversation's new summary is merged into the client (a `conversation` event), and every change
 * also comes back to each agent as an `event` message in the thread. On a backend without a desk
 * (Agora) every action rejects with a `config` `SupportError`. The actions' code (`desk-actions.ts`)
 * loads on first use; this class, the forwarders and the synchronous members (`available`,
 * `agents`, `conversations`, `hasMore`, `note`), stays in every client, the launcher's too (about
 * 480 B gzip), as `client.desk` must exist before anything is loaded.
 *
 * @example
 * await client.desk.take(conversationId);
 * client.desk.note(conversationId, 'Customer sent the serial by email');
 * await client.desk.transfer(conversationId, 'agent-sam', 'Battery question: Sam knows these');
 * await client.desk.setStatus(conversationId, 'snoozed', { until: Date.now() + 3_600_000 });
 */
export class DeskClient {
  private roster: readonly AgentInfo[] = [];
  private actions: DeskActions | undefined;
  private loading: Promise<DeskActions> | undefined;

  constructor(private readonly options: DeskClientOptions) {
    options.events.on('state', ({ state }) => {
      const role = options.self()?.role;
      if (state === 'connected' && this.available && (role === 'agent' || role === 'admin')) void this.use((desk) => desk.connected());
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

  /** True while a view has conversations the client may not know yet (a view never loaded has). */
  hasMore(view: DeskView): boolean {
    if (!this.available) return false;
    return this.actions?.hasMore(view) ?? (view === 'all' ? this.options.all.hasMore : true);
  }

  /** Loads the next page of a view (its first, the first time); each conversation comes as a `conversation` event. */
  loadMore(view: DeskView): Promise<void> {
    return this.use((desk) => desk.loadMore(view));
  }

  /** Assigns the conversation to me. Rejects with `conflict` when someone else took it since I saw it. */
  take(conversationId: string): Promise<ConversationSummary> {
    return this.use((desk) => desk.take(conversationId));
  }

  /** Hands the conversation to another agent, with a note they (and only staff) read in the thread. */
  transfer(conversationId: string, agentId: string, note?: string): Promise<ConversationSummary> {
    return this.use((desk) => desk.assign(conversationId, agentId, note));
  }

  /** Puts the conversation back in the unassigned queue. */
  unassign(conversationId: string): Promise<ConversationSummary> {
    return this.use((desk) => desk.assign(conversationId, null));
  }

  /** Open, pending (waiting on the customer), snoozed `until` a time (ms since epoch), or resolved. */
  setStatus(conversationId: string, status: ConversationStatus, options: { until?: number } = {}): Promise<ConversationSummary> {
    return this.use((desk) => desk.setStatus(conversationId, status, options.until));
  }

  /** Adds and removes labels (one spelling each: lower case, spaces as `-`). */
  setLabels(conversationId: string, change: { add?: readonly string[]; remove?: readonly string[] }): Promise<ConversationSummary> {
    return this.use((desk) => desk.setLabels(conversationId, change));
  }

  /** My presence (routing gives new conversations to `online` agents under capacity) and, optionally, my capacity. */
  setPresence(presence: Exclude<AgentPresence, 'offline'>, capacity?: number): Promise<readonly AgentInfo[]> {
    return this.use((desk) => desk.setPresence(presence, capacity));
  }

  /** Asks the relay for the roster now (it also comes by itself on every change). */
  refreshAgents(): Promise<readonly AgentInfo[]> {
    return this.use((desk) => desk.refreshAgents());
  }

  /** The shop's canned replies. */
  cannedReplies(): Promise<CannedReply[]> {
    return this.use((desk) => desk.canned({ kind: 'canned-list' }));
  }

  /** Admins: adds or replaces (same `id`) a canned reply; resolves with the shop's list. */
  saveCannedReply(reply: CannedReply): Promise<CannedReply[]> {
    return this.use((desk) => desk.canned({ kind: 'canned-put', reply }));
  }

  /** Admins: deletes a canned reply; resolves with the shop's list. */
  deleteCannedReply(id: string): Promise<CannedReply[]> {
    return this.use((desk) => desk.canned({ kind: 'canned-delete', id }));
  }

  /** A customer's profile: contact, devices and orders, past conversations and calls. */
  profile(customerId: string): Promise<CustomerProfile> {
    return this.use((desk) => desk.profile(customerId));
  }

  /**
   * Schedules a follow-up (回访) on a conversation: at `dueAt` (ms since epoch, in the future, else
   * `in-the-past`) it falls due once, a `followUpDue` event on every connected staff client.
   *
   * @example
   * await client.desk.scheduleFollowUp(conversationId, Date.now() + 7 * 86_400_000, 'Ask how the battery is');
   */
  scheduleFollowUp(conversationId: string, dueAt: number, note: string): Promise<FollowUp> {
    return this.use((desk) => desk.scheduleFollowUp(conversationId, dueAt, note));
  }

  /** The shop's follow-ups: `due` (fired, not closed; oldest first, the default) or `upcoming` (soonest first); of one conversation when given. */
  followUps(list: 'due' | 'upcoming' = 'due', conversationId?: string): Promise<FollowUp[]> {
    return this.use((desk) => desk.followUps(list, conversationId));
  }

  /** Marks a follow-up done (`conflict` when it is already closed). */
  completeFollowUp(id: string): Promise<FollowUp> {
    return this.use((desk) => desk.closeFollowUp('followup-complete', id));
  }

  /** Cancels (dismisses) a follow-up (`conflict` when it is already closed). */
  cancelFollowUp(id: string): Promise<FollowUp> {
    return this.use((desk) => desk.closeFollowUp('followup-cancel', id));
  }

  /** The shop's satisfaction answers per agent and per ISO week (`from`/`to` ms since epoch; default the last 28 days). */
  csatReport(range: { from?: number; to?: number } = {}): Promise<CsatReport> {
    return this.use((desk) => desk.csatReport(range));
  }

  /**
   * Writes a private note in the thread: sent like a message (outbox, ack, retried, shown at once
   * as `sending`) with `kind: 'note'`; only staff ever receive it. Throws like `client.send()`.
   */
  note(conversationId: string, body: string): ChatMessage {
    if (!this.available) throw noDesk();
    return this.options.send(conversationId, { kind: 'note', body });
  }

  /** Runs `action` on the desk's code, loaded on first use; rejects with `config` without a desk. */
  private use<T>(action: (desk: DeskActions) => T | Promise<T>): Promise<T> {
    if (!this.available) return Promise.reject(noDesk());
    this.loading ??= import('./desk-actions.js').then(({ DeskActions }) => (this.actions = new DeskActions(this.options, (agents) => this.setRoster(agents))));
    return this.loading.then(action);
  }
}
