/**
 * The relay's group commit: every `send` checked during one turn of the event loop is stored in
 * one transaction (WAL, `synchronous = FULL`: one fsync for all of them), and only then acked and
 * fanned out. Each outgoing frame is serialised once for all its recipients, and the sockets the
 * fan-out writes to are held (corked) across a slice of the batch, so a desk that sees every
 * conversation gets one write per slice instead of two per message, while every frame stays its
 * own WebSocket message. Acks are not held (a sender's socket usually gets nothing else): they
 * leave at once, so clients send their next message while the rest of the batch is answered.
 */
import type { ConversationSummary, WireMessage } from 'support-widget/protocol';
import { missingConversation } from './access.js';
import { serializeFrame } from './connection.js';
import type { Connection } from './connection.js';
import type { Hub, Member } from './hub.js';
import type { RelayLog } from './log.js';
import { isStaffOnly } from './message-visibility.js';
import { isStorageError, STORAGE_FULL_MESSAGE } from './storage-health.js';
import type { StorageHealth } from './storage-health.js';
import { UnknownConversation } from './store.js';
import type { NewMessage, SendResult, StoredConversation, SupportStore } from './store.js';

/** Messages answered between two releases of the held sockets: later frames wait at most this many messages' work. */
const HOLD_SLICE = 32;

/** A checked `send` waiting for the next group commit. */
export interface PendingSend {
  connection: Connection;
  member: Member;
  input: NewMessage;
}

export interface GroupCommitDeps {
  store: SupportStore;
  hub: Hub;
  log: RelayLog;
  now: () => number;
  storage?: StorageHealth | undefined;
  /** A customer's message (the last in this commit) was stored in the conversation (as it left it): the desk reopens or routes it (or the assistant answers), and returns it as that left it. */
  customerWrote?: (conversation: StoredConversation, message: WireMessage) => StoredConversation;
}

/** Something whose writes can be held back and released together (a `Connection`, a `Member`). */
export interface Holdable {
  hold(): boolean;
  release(): void;
}

/** Sockets held during one burst of frames (a commit), each released once at its end. */
export class HeldWrites {
  private readonly held: Holdable[] = [];

  hold(target: Holdable): void {
    if (target.hold()) this.held.push(target);
  }

  releaseAll(): void {
    for (const target of this.held) target.release();
    this.held.length = 0;
  }
}

/** Sends the shop's agent connections one summary frame, serialised once. */
export function sendToAgents(hub: Hub, shop: string, conversation: ConversationSummary, writes?: HeldWrites): void {
  const agents = hub.agentsOf(shop);
  if (agents.length === 0) return;
  const frame = serializeFrame({ type: 'conversation', conversation });
  for (const agent of agents) {
    writes?.hold(agent);
    agent.sendSerialized(frame);
  }
}

export class GroupCommit {
  private pending: PendingSend[] = [];
  private scheduled = false;

  constructor(private readonly deps: GroupCommitDeps) {}

  /** Queues a checked send for the commit after this poll phase. */
  add(send: PendingSend): void {
    this.pending.push(send);
    if (this.scheduled) return;
    this.scheduled = true;
    // After this poll phase: every send read from any socket in it shares one commit (one fsync).
    setImmediate(() => this.commit());
  }

  /** Stores the pending sends in one transaction, then acks and fans out each (durable before ack). */
  commit(): void {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    const { store, hub } = this.deps;
    let results: (SendResult | Error)[];
    try {
      results = store.sendBatch(
        batch.map((pending) => pending.input),
        this.deps.now(),
      );
      this.deps.storage?.succeeded();
    } catch (error) {
      // Never out of setImmediate: a full disk must not end the process. Every send gets its answer.
      const failure = error instanceof Error ? error : new Error(String(error));
      results = batch.map(() => failure);
    }
    const writes = new HeldWrites();
    try {
      // One summary per conversation and commit, not one per message: as its last message in the batch left it.
      const changed = new Map<string, { conversation: StoredConversation; last: WireMessage; customer?: WireMessage | undefined }>();
      batch.forEach(({ connection, member, input }, i) => {
        const result = results[i];
        if (i % HOLD_SLICE === HOLD_SLICE - 1) writes.releaseAll();
        if (result instanceof UnknownConversation) {
          // The access check left the row to this commit: the same refusal it would have sent.
          const denied = missingConversation(member);
          connection.reject(denied.code, denied.message, input.clientMsgId);
          return;
        }
        if (result === undefined || result instanceof Error) {
          this.refuse(connection, input, result);
          return;
        }
        const { message } = result;
        connection.send({ type: 'ack', clientMsgId: message.clientMsgId, conversationId: message.conversationId, seq: message.seq, at: message.at });
        if (result.duplicate) return;
        const frame = serializeFrame({ type: 'message', ...message });
        const deliver = (m: Member): void => {
          if (m === member) return;
          writes.hold(m);
          m.sendSerialized(frame);
        };
        // A note goes to the shop's staff alone, never to the customer.
        if (isStaffOnly(message.kind)) hub.forEachAgentOf(member.shop, deliver);
        else hub.forEachMemberOf(member.shop, input.conversationId, deliver);
        const key = `${member.shop}\n${input.conversationId}`;
        const customer = member.user.role === 'customer' ? message : changed.get(key)?.customer;
        changed.set(key, { conversation: result.conversation, last: message, customer });
      });
      for (const { conversation, last, customer } of changed.values()) {
        const latest = customer !== undefined ? this.afterCustomer(conversation, customer) : conversation;
        sendToAgents(hub, latest.shop, store.summary(latest, last), writes);
      }
    } finally {
      writes.releaseAll();
    }
  }

  /** The desk's reopening and routing after a customer's message; a failure there (a full disk) leaves the message stored and the conversation as it was. */
  private afterCustomer(conversation: StoredConversation, message: WireMessage): StoredConversation {
    try {
      return this.deps.customerWrote?.(conversation, message) ?? conversation;
    } catch (error) {
      this.deps.log({ level: 'error', event: 'desk-after-message-failed', conversation: conversation.id, error: error instanceof Error ? error.message : String(error) });
      return conversation;
    }
  }

  /** Answers a send that was not stored: retryable `storage-full` when the disk refused it, else `internal`. */
  private refuse(connection: Connection, input: NewMessage, error: Error | undefined): void {
    if (isStorageError(error)) {
      this.deps.storage?.failed(error, 'send');
      connection.send({ type: 'error', code: 'storage-full', message: STORAGE_FULL_MESSAGE, ref: input.clientMsgId, retryable: true });
      return;
    }
    this.deps.log({ level: 'error', event: 'send-failed', conversation: input.conversationId, error: error?.message ?? 'no result' });
    connection.error('internal', 'the server could not store this message', input.clientMsgId);
  }
}
