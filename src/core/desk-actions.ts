import type { AgentInfo, AgentPresence, CannedReply, ConversationStatus, CustomerProfile, DeskAction, DeskResult, DeskView } from '../protocol/desk.js';
import { isStaff } from '../protocol/desk.js';
import { SupportError } from '../protocol/errors.js';
import type { ConversationSummary } from '../protocol/model.js';
import type { CsatReport, FollowUp } from '../protocol/relationship.js';
import type { DeskClientOptions } from './desk-client.js';
import { DeskQueues } from './desk-queues.js';

type ResultOf<K extends DeskResult['kind']> = Extract<DeskResult, { kind: K }>;

/**
 * What `client.desk` does once a staff member's client uses it (loaded by dynamic `import()`, so a
 * customer's page never downloads it): the desk actions as `desk` requests, their results merged
 * into the client, and the queue views' paging.
 */
export class DeskActions {
  private readonly queues: DeskQueues;

  constructor(
    private readonly options: DeskClientOptions,
    /** The roster the relay answered. */
    private readonly setRoster: (agents: readonly AgentInfo[]) => void,
  ) {
    const page = options.transport.conversationPage?.bind(options.transport);
    this.queues = new DeskQueues({
      fetch: page && ((cursor, view) => page(cursor, { view, timeoutMs: options.timeoutMs })),
      apply: (summary) => options.apply(summary),
      all: options.all,
    });
  }

  hasMore(view: DeskView): boolean {
    return this.queues.hasMore(view);
  }

  loadMore(view: DeskView): Promise<void> {
    return this.queues.loadMore(view);
  }

  take(conversationId: string): Promise<ConversationSummary> {
    const me = this.options.self();
    if (me === undefined) return Promise.reject(new SupportError('not-authenticated', 'not signed in yet'));
    return this.assign(conversationId, me.id);
  }

  assign(conversationId: string, to: string | null, note?: string): Promise<ConversationSummary> {
    const known = this.options.conversation(conversationId);
    const action: DeskAction = { kind: 'assign', conversationId, to };
    if (note !== undefined && note.trim() !== '') action.note = note.trim();
    // What I saw: of two agents taking at once, the relay lets one win and tells the other `conflict`.
    if (known !== undefined) action.expect = known.assignee?.id ?? null;
    return this.conversation(action);
  }

  setStatus(conversationId: string, status: ConversationStatus, until: number | undefined): Promise<ConversationSummary> {
    return this.conversation(status === 'snoozed' ? { kind: 'status', conversationId, status, until: until ?? 0 } : { kind: 'status', conversationId, status });
  }

  setLabels(conversationId: string, change: { add?: readonly string[]; remove?: readonly string[] }): Promise<ConversationSummary> {
    return this.conversation({ kind: 'labels', conversationId, ...(change.add?.length ? { add: [...change.add] } : {}), ...(change.remove?.length ? { remove: [...change.remove] } : {}) });
  }

  setPresence(presence: Exclude<AgentPresence, 'offline'>, capacity?: number): Promise<readonly AgentInfo[]> {
    return this.roster({ kind: 'presence', presence, ...(capacity === undefined ? {} : { capacity }) });
  }

  refreshAgents(): Promise<readonly AgentInfo[]> {
    return this.roster({ kind: 'agents' });
  }

  canned(action: Extract<DeskAction, { kind: 'canned-list' | 'canned-put' | 'canned-delete' }>): Promise<CannedReply[]> {
    return this.ask(action, 'canned').then((result) => result.replies);
  }

  profile(customerId: string): Promise<CustomerProfile> {
    return this.ask({ kind: 'profile', customerId }, 'profile').then((result) => result.profile);
  }

  scheduleFollowUp(conversationId: string, dueAt: number, note: string): Promise<FollowUp> {
    return this.ask({ kind: 'followup-schedule', conversationId, dueAt, note }, 'followup').then((result) => result.followUp);
  }

  closeFollowUp(kind: 'followup-complete' | 'followup-cancel', id: string): Promise<FollowUp> {
    return this.ask({ kind, id }, 'followup').then((result) => result.followUp);
  }

  followUps(list: 'due' | 'upcoming', conversationId: string | undefined): Promise<FollowUp[]> {
    return this.ask({ kind: 'followup-list', list, ...(conversationId === undefined ? {} : { conversationId }) }, 'followups').then((result) => result.followUps);
  }

  csatReport(range: { from?: number; to?: number }): Promise<CsatReport> {
    return this.ask({ kind: 'csat-report', ...range }, 'csat-report').then((result) => result.report);
  }

  /** A new connection: views start again, and staff ask for the roster (changes then come by themselves). */
  connected(): void {
    this.queues.reset();
    const me = this.options.self();
    // Best effort: the roster also comes by itself on every change.
    if (me !== undefined && isStaff(me.role)) this.refreshAgents().catch(() => undefined);
  }

  private conversation(action: DeskAction): Promise<ConversationSummary> {
    return this.ask(action, 'conversation').then((result) => {
      this.options.apply(result.conversation);
      return result.conversation;
    });
  }

  private roster(action: DeskAction): Promise<readonly AgentInfo[]> {
    return this.ask(action, 'agents').then((result) => {
      this.setRoster(result.agents);
      return result.agents;
    });
  }

  private ask<K extends DeskResult['kind']>(action: DeskAction, kind: K): Promise<ResultOf<K>> {
    const { transport, timeoutMs } = this.options;
    // Made only when the backend has a desk (`DeskClient`), so `config` here is a backend that lost it.
    const answer = transport.desk?.(action, { timeoutMs }) ?? Promise.reject(new SupportError('config', 'no desk', { retryable: false }));
    return answer.then((result) => {
      if (result.kind !== kind) throw new SupportError('bad-frame', `the relay answered ${action.kind} with ${result.kind}`, { retryable: false });
      return result as ResultOf<K>;
    });
  }
}
