/**
 * The agent desk on the relay: its stores (desk fields and events, the roster, canned replies,
 * profiles), routing, and what every change tells the shop's staff: the `event` message (staff
 * only, like notes), the conversation's new summary, and the roster when loads or presence moved.
 * A customer's message reopens a resolved or snoozed conversation and routes an unassigned one;
 * a snooze ends on a timer (`SnoozeWaker`).
 */
import type { AgentInfo, ServerFrame } from 'support-widget/protocol';
import { serializeFrame } from './connection.js';
import { CannedReplies } from './canned-replies.js';
import { CustomerProfiles } from './customer-profile.js';
import { agentInfo, DeskAgents } from './desk-agents.js';
import { countsAsLoad, DeskStore } from './desk-store.js';
import type { DeskChange } from './desk-store.js';
import { sendToAgents } from './group-commit.js';
import type { Hub, Member } from './hub.js';
import type { RelayLog } from './log.js';
import { routeTo } from './routing.js';
import { SnoozeWaker } from './snooze-waker.js';
import type { StoredConversation, SupportStore } from './store.js';

export interface DeskDeps {
  store: SupportStore;
  hub: Hub;
  log: RelayLog;
  now: () => number;
  /** Route conversations nobody has (else they wait in `unassigned`). */
  autoAssign: boolean;
  /** Told of every published change (issue 17: a resolution asks for CSAT). */
  changed?: (shop: string, change: DeskChange, before: StoredConversation) => void;
}

export class Desk {
  readonly changes: DeskStore;
  readonly agents: DeskAgents;
  readonly canned: CannedReplies;
  readonly profiles: CustomerProfiles;
  private readonly waker: SnoozeWaker;

  constructor(private readonly deps: DeskDeps) {
    const db = deps.store.database;
    this.changes = new DeskStore(deps.store);
    this.agents = new DeskAgents(db);
    this.canned = new CannedReplies(db);
    this.profiles = new CustomerProfiles(db);
    this.waker = new SnoozeWaker({ changes: this.changes, now: deps.now, reopen: (shop, id) => this.reopen(shop, id), log: deps.log });
    this.waker.arm();
  }

  /** The shop's roster as the wire carries it. */
  roster(shop: string): AgentInfo[] {
    return this.rosterEntries(shop).map(agentInfo);
  }

  /** A staff member said hello: they join the roster; everyone gets it when their presence changed, else they alone. */
  staffJoined(member: Member, presenceChanged: boolean): void {
    this.agents.seen(member.shop, member.user, this.deps.now());
    if (presenceChanged) this.broadcastRoster(member.shop);
    else member.send({ type: 'agents', agents: this.roster(member.shop) });
  }

  /** Tells the shop's staff the roster (presence, load, capacity). */
  broadcastRoster(shop: string): void {
    if (this.deps.hub.agentsOnline(shop) === 0) return;
    const frame = serializeFrame({ type: 'agents', agents: this.roster(shop) });
    this.deps.hub.forEachAgentOf(shop, (m) => m.sendSerialized(frame));
  }

  /**
   * Tells staff about a change: its event message, the conversation's summary, and the roster
   * when the change moved an agent's load (`before`: the conversation before it).
   */
  publish(shop: string, change: DeskChange, before: StoredConversation): void {
    if (change.event === undefined) return;
    const { hub, store } = this.deps;
    const message = serializeFrame({ type: 'message', ...change.event });
    hub.forEachAgentOf(shop, (m) => m.sendSerialized(message));
    sendToAgents(hub, shop, store.summary(change.conversation));
    const after = change.conversation;
    const loadOf = (c: StoredConversation): string => (c.assignee !== undefined && countsAsLoad(c.status) ? c.assignee.id : '');
    if (loadOf(before) !== loadOf(after)) this.broadcastRoster(shop);
    this.deps.changed?.(shop, change, before);
  }

  /** Sends one frame to the shop's staff. */
  toStaff(shop: string, frame: ServerFrame): void {
    const serialized = serializeFrame(frame);
    this.deps.hub.forEachAgentOf(shop, (m) => m.sendSerialized(serialized));
  }

  /**
   * A customer wrote in `conversation` (as their message left it): a resolved or snoozed one
   * reopens, an unassigned one is routed (unless `route` is false: the assistant answers first).
   * Returns the conversation as that left it.
   */
  customerWrote(conversation: StoredConversation, route = true): StoredConversation {
    let current = conversation;
    const now = this.deps.now();
    if (current.status === 'resolved' || current.status === 'snoozed') {
      current = this.apply(current, (c) => this.changes.setStatus(c.shop, c.id, 'open', undefined, undefined, now));
      this.waker.arm();
    }
    if (route && this.deps.autoAssign && current.assignee === undefined && this.deps.hub.agentsOnline(current.shop) > 0) current = this.route(current, now);
    return current;
  }

  /** Assigns an unassigned conversation as routing says (nobody free: it stays unassigned). */
  private route(conversation: StoredConversation, now: number): StoredConversation {
    const chosen = routeTo(this.rosterEntries(conversation.shop), this.changes.lastHelper(conversation.shop, conversation.customer.id)?.id);
    if (chosen === undefined) return conversation;
    this.agents.routed(conversation.shop, chosen.id, now);
    const to = { id: chosen.id, name: chosen.name };
    return this.apply(conversation, (c) => this.changes.assign(c.shop, c.id, to, { expect: null }, now));
  }

  /** A snooze ended: the conversation opens again (an event without `by`). */
  private reopen(shop: string, id: string): void {
    const current = this.deps.store.getConversation(shop, id);
    if (current?.status !== 'snoozed') return;
    this.apply(current, (c) => this.changes.setStatus(c.shop, c.id, 'open', undefined, undefined, this.deps.now()));
  }

  /** Runs a relay-made change and publishes it; the conversation as it left it (unchanged when refused). */
  private apply(before: StoredConversation, change: (c: StoredConversation) => ReturnType<DeskStore['assign']>): StoredConversation {
    const outcome = change(before);
    if (!outcome.ok) return before;
    this.publish(before.shop, outcome.change, before);
    return outcome.change.conversation;
  }

  /** Re-arms the snooze timer (a snooze was set or ended). */
  snoozesChanged(): void {
    this.waker.arm();
  }

  /** Stops the snooze timer (the relay is closing). */
  stop(): void {
    this.waker.stop();
  }

  private rosterEntries(shop: string) {
    return this.agents.roster(shop, (id) => this.deps.hub.isConnected(shop, id), this.changes.loads(shop));
  }
}
