/**
 * The assistant on the relay (issue 18): after a customer's message is stored, while no person
 * has joined (nobody assigned, no staff reply since the last hand-back), the relay asks its
 * `AssistantProvider` instead of routing the conversation, and stores the answer as an
 * `assistant` message (through history like any other). When the customer's words, a weak
 * answer, two "That didn't help" or the "Talk to a person" tap call for it, it hands over: a
 * customer-visible `assistant` message saying so ("leave a message" outside office hours), a
 * private staff note summarising the conversation, and the desk's routing, as a customer's write
 * would route it. An agent hands back by unassigning or resolving the conversation.
 */
import { randomUUID } from 'node:crypto';
import { ASSISTANT_USER } from 'support-widget/protocol';
import type { AssistantReply, HandoffReason, HandoffTarget, HoursStatus, MessageKind, WireMessage } from 'support-widget/protocol';
import { serializeFrame } from '../connection.js';
import type { DeskChange } from '../desk-store.js';
import { sendToAgents } from '../group-commit.js';
import type { Hub } from '../hub.js';
import type { RelayLog } from '../log.js';
import { isStaffOnly } from '../message-visibility.js';
import type { StoredConversation, SupportStore } from '../store.js';
import { AssistantStore, freshTurn, type AssistantTurn } from './assistant-store.js';
import { handoffNote } from './handoff-note.js';
import type { AssistantAnswer, AssistantProvider } from './provider.js';
import { questionLang } from './provider.js';
import { respond } from './respond.js';

export interface RelayAssistantDeps {
  store: SupportStore;
  hub: Hub;
  log: RelayLog;
  now: () => number;
  provider: AssistantProvider;
  /** Answers below this confidence hand over (default `DEFAULT_CONFIDENCE_THRESHOLD`). */
  threshold?: number;
  /** The shop's office hours now (undefined: none set, always open). */
  hours?: (shop: string) => HoursStatus | undefined;
  /** Reopens a resolved or snoozed conversation without routing it (the assistant answers first). */
  reopen: (conversation: StoredConversation) => StoredConversation;
  /** Routes the conversation to a person, as a customer's write would. */
  route: (conversation: StoredConversation) => StoredConversation;
}

export class RelayAssistant {
  readonly turns: AssistantStore;
  private readonly running = new Set<Promise<void>>();
  private readonly stopping = new AbortController();

  constructor(private readonly deps: RelayAssistantDeps) {
    this.turns = new AssistantStore(deps.store.database);
  }

  /**
   * A customer's message was stored. Returns the conversation as it left it when the assistant
   * takes the turn (the desk must not route it), undefined when a person has it.
   */
  customerWrote(conversation: StoredConversation, message: WireMessage): StoredConversation | undefined {
    if (message.kind !== 'text' || message.from.role !== 'customer' || conversation.assignee !== undefined) return undefined;
    const { shop, id } = conversation;
    const turn = this.turns.turn(shop, id);
    if (turn.mode === 'human') return undefined;
    if (this.turns.personReplied(shop, id, turn.since)) {
      this.turns.save(shop, id, { ...turn, mode: 'human' });
      return undefined;
    }
    const current = this.deps.reopen(conversation);
    this.track(this.answer(current, message, turn));
    return current;
  }

  /** Hands the conversation over now (a "Talk to a person" tap, two unhelpful answers). */
  handOver(conversation: StoredConversation, reason: HandoffReason, replyTo: number): void {
    const { shop, id } = conversation;
    const hours = this.deps.hours?.(shop);
    const to: HandoffTarget = hours !== undefined && !hours.open ? 'leave-message' : 'person';
    const turn = this.turns.update(shop, id, (t) => ({ ...t, mode: 'human', unhelpful: 0 }));
    this.write(conversation, 'assistant', JSON.stringify({ v: 1, replyTo, text: '', sources: [], handoff: { to, reason } } satisfies AssistantReply));
    this.write(conversation, 'note', handoffNote(turn, reason, to));
    this.deps.log({ level: 'info', event: 'assistant-handoff', conversation: id, reason, to });
    const latest = this.deps.store.getConversation(shop, id) ?? conversation;
    this.deps.route(latest);
  }

  /** A desk change: unassigning or resolving hands the conversation back to the assistant. */
  deskChanged(shop: string, change: DeskChange, before: StoredConversation): void {
    const after = change.conversation;
    const unassigned = before.assignee !== undefined && after.assignee === undefined;
    const resolved = after.status === 'resolved' && before.status !== 'resolved';
    if (unassigned || resolved) this.turns.save(shop, after.id, freshTurn(after.lastSeq));
  }

  /** Waits for the answers being written; later ones are cancelled (the relay is closing). */
  async stop(): Promise<void> {
    this.stopping.abort();
    await Promise.allSettled([...this.running]);
  }

  private track(work: Promise<void>): void {
    this.running.add(work);
    void work.finally(() => this.running.delete(work));
  }

  private async answer(conversation: StoredConversation, message: WireMessage, turn: AssistantTurn): Promise<void> {
    const { shop, id } = conversation;
    const text = message.body;
    let response: Awaited<ReturnType<typeof respond>>;
    try {
      response = await respond(
        this.deps.provider,
        { text, lang: questionLang(text), ...(conversation.context && { context: conversation.context }), earlier: turn.questions },
        { signal: this.stopping.signal, onText: (soFar) => this.delta(conversation, message.seq, soFar), ...(this.deps.threshold === undefined ? {} : { threshold: this.deps.threshold }) },
      );
    } catch (error) {
      if (this.stopping.signal.aborted) return;
      this.deps.log({ level: 'error', event: 'assistant-failed', conversation: id, error: error instanceof Error ? error.message : String(error) });
      response = { kind: 'handoff', reason: 'low-confidence' };
    }
    // A person may have taken the conversation while the provider thought.
    const latest = this.deps.store.getConversation(shop, id);
    if (latest === undefined || latest.assignee !== undefined || this.turns.turn(shop, id).mode === 'human') return;
    const shown = response.kind === 'answer' ? response.answer : undefined;
    this.turns.update(shop, id, (t) => ({ ...t, questions: [...t.questions, text], shown: shownTitles(t.shown, shown) }));
    if (response.kind === 'handoff') {
      this.handOver(latest, response.reason, message.seq);
      return;
    }
    const { text: answerText, sources } = response.answer;
    this.write(latest, 'assistant', JSON.stringify({ v: 1, replyTo: message.seq, text: answerText, sources } satisfies AssistantReply));
  }

  /** A model's text so far, to the conversation's sockets (not stored: the answer's message replaces it). */
  private delta(conversation: StoredConversation, replyTo: number, text: string): void {
    const frame = serializeFrame({ type: 'assistant-delta', conversationId: conversation.id, replyTo, text });
    this.deps.hub.forEachMemberOf(conversation.shop, conversation.id, (m) => m.sendSerialized(frame));
  }

  /** Stores one message from the assistant and sends it to who may see it, with the summary to staff. */
  private write(conversation: StoredConversation, kind: Extract<MessageKind, 'assistant' | 'note'>, body: string): void {
    const { shop, id } = conversation;
    const stored = this.deps.store.send({ shop, conversationId: id, clientMsgId: `assistant:${randomUUID()}`, kind, body, from: ASSISTANT_USER }, this.deps.now());
    if (stored.duplicate) return;
    const frame = serializeFrame({ type: 'message', ...stored.message });
    if (isStaffOnly(kind)) this.deps.hub.forEachAgentOf(shop, (m) => m.sendSerialized(frame));
    else this.deps.hub.forEachMemberOf(shop, id, (m) => m.sendSerialized(frame));
    sendToAgents(this.deps.hub, shop, this.deps.store.summary(stored.conversation, stored.message));
  }
}

/** The titles shown so far plus this answer's, without repeats. */
function shownTitles(shown: readonly string[], answer: AssistantAnswer | undefined): string[] {
  const titles = answer?.sources.map((s) => s.title) ?? [];
  return [...shown, ...titles.filter((t) => !shown.includes(t))];
}
