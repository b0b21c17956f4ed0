/**
 * The desk's changes to a conversation, each in one transaction with the `event` message that
 * tells it in the thread: assignment (with the `expect` check that makes two agents taking at
 * once end with one winner), status (open, pending, snoozed until, resolved) and labels. Also
 * what routing reads: each agent's load and each customer's last helper.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { DESK_LIMITS } from 'support-widget/protocol';
import type { ConversationStatus, DeskEvent, StaffRef, UserRef, WireMessage } from 'support-widget/protocol';
import type { StoredConversation, SupportStore } from './store.js';

/** Who an event without a person is from (routing, a customer's message reopening, a snooze ending). */
export const RELAY_AUTHOR: UserRef = { id: 'relay', name: 'Support desk', role: 'agent' };

/** A change that was made: the conversation as it left it, and the event stored (none when nothing changed). */
export interface DeskChange {
  conversation: StoredConversation;
  event?: WireMessage;
}

export type DeskOutcome = { ok: true; change: DeskChange } | { ok: false; code: 'conflict' | 'not-found' | 'bad-frame'; message: string };

/** The staff reference of a user. */
export function staffRef(user: StaffRef): StaffRef {
  return { id: user.id, name: user.name };
}

function prepareStatements(db: Database.Database) {
  return {
    assign: db.prepare<[string | null, string | null, string, string]>('UPDATE conversations SET assignee_id = ?, assignee_name = ? WHERE shop = ? AND id = ?'),
    status: db.prepare<[string, number | null, string, string]>('UPDATE conversations SET status = ?, snoozed_until = ? WHERE shop = ? AND id = ?'),
    labels: db.prepare<[string | null, string, string]>('UPDATE conversations SET labels = ? WHERE shop = ? AND id = ?'),
    helped: db.prepare(
      `INSERT INTO customer_helpers (shop, customer_id, agent_id, agent_name, at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (shop, customer_id) DO UPDATE SET agent_id = excluded.agent_id, agent_name = excluded.agent_name, at = excluded.at`,
    ),
    helper: db.prepare<[string, string], { agent_id: string; agent_name: string }>('SELECT agent_id, agent_name FROM customer_helpers WHERE shop = ? AND customer_id = ?'),
    loads: db.prepare<[string], { assignee_id: string; n: number }>(
      "SELECT assignee_id, count(*) AS n FROM conversations WHERE shop = ? AND assignee_id IS NOT NULL AND status IN ('open', 'pending') GROUP BY assignee_id",
    ),
    nextSnooze: db.prepare<[], { at: number | null }>("SELECT min(snoozed_until) AS at FROM conversations WHERE status = 'snoozed'"),
    dueSnoozes: db.prepare<[number], { shop: string; id: string }>("SELECT shop, id FROM conversations WHERE status = 'snoozed' AND snoozed_until <= ? LIMIT 100"),
  };
}

/** True when a conversation in `status` counts towards its assignee's load. */
export function countsAsLoad(status: ConversationStatus | undefined): boolean {
  return status === undefined || status === 'open' || status === 'pending';
}

export class DeskStore {
  private readonly stmt: ReturnType<typeof prepareStatements>;

  constructor(private readonly store: SupportStore) {
    this.stmt = prepareStatements(store.database);
  }

  /**
   * Assigns the conversation to `to` (null: nobody). `expect` (when given) is the assignee id the
   * asker saw: when it is no longer so, `conflict` and nothing changes. Assigning to someone makes
   * them the customer's last helper.
   */
  assign(shop: string, id: string, to: StaffRef | null, change: { by?: UserRef; note?: string; expect?: string | null }, now: number): DeskOutcome {
    return this.inTransaction(shop, id, (current) => {
      const assigned = current.assignee?.id ?? null;
      if (change.expect !== undefined && change.expect !== assigned) {
        return { ok: false, code: 'conflict', message: current.assignee === undefined ? 'nobody has this conversation any more' : `${current.assignee.name} has this conversation now` };
      }
      if ((to?.id ?? null) === assigned) return undefined;
      this.stmt.assign.run(to?.id ?? null, to?.name ?? null, shop, id);
      const by = change.by === undefined ? undefined : staffRef(change.by);
      if (to === null) {
        if (by === undefined) throw new Error('an unassignment names who did it');
        return { v: 1, type: 'unassigned', by };
      }
      this.stmt.helped.run(shop, current.customer.id, to.id, to.name, now);
      return { v: 1, type: 'assigned', to: staffRef(to), ...(by === undefined ? {} : { by }), ...(change.note === undefined ? {} : { note: change.note }) };
    }, change.by, now);
  }

  /** Sets the status (`until` with `snoozed` only); `by` absent: the relay did it (a customer's message, a snooze's end). */
  setStatus(shop: string, id: string, status: ConversationStatus, until: number | undefined, by: UserRef | undefined, now: number): DeskOutcome {
    return this.inTransaction(shop, id, (current) => {
      const snoozedUntil = status === 'snoozed' ? (until ?? null) : null;
      if ((current.status ?? 'open') === status && (current.snoozedUntil ?? null) === snoozedUntil) return undefined;
      this.stmt.status.run(status, snoozedUntil, shop, id);
      return { v: 1, type: 'status', status, ...(snoozedUntil === null ? {} : { until: snoozedUntil }), ...(by === undefined ? {} : { by: staffRef(by) }) };
    }, by, now);
  }

  /** Adds and removes labels (normalised by the validator); at most `DESK_LIMITS.maxLabels` in all. */
  setLabels(shop: string, id: string, add: readonly string[], remove: readonly string[], by: UserRef, now: number): DeskOutcome {
    return this.inTransaction(shop, id, (current) => {
      const before = new Set(current.labels ?? []);
      const after = new Set(before);
      for (const label of remove) after.delete(label);
      for (const label of add) after.add(label);
      if (after.size > DESK_LIMITS.maxLabels) return { ok: false, code: 'bad-frame', message: `a conversation has at most ${DESK_LIMITS.maxLabels} labels` };
      const added = [...after].filter((label) => !before.has(label)).sort();
      const removed = [...before].filter((label) => !after.has(label)).sort();
      if (added.length === 0 && removed.length === 0) return undefined;
      this.stmt.labels.run(after.size === 0 ? null : JSON.stringify([...after].sort()), shop, id);
      return { v: 1, type: 'labels', added, removed, by: staffRef(by) };
    }, by, now);
  }

  /** The agent who last had this customer's conversation assigned. */
  lastHelper(shop: string, customerId: string): StaffRef | undefined {
    const row = this.stmt.helper.get(shop, customerId);
    return row === undefined ? undefined : { id: row.agent_id, name: row.agent_name };
  }

  /** Open and pending conversations assigned to each agent of the shop. */
  loads(shop: string): Map<string, number> {
    return new Map(this.stmt.loads.all(shop).map((row) => [row.assignee_id, row.n]));
  }

  /** When the next snooze ends (ms since epoch), if any conversation is snoozed. */
  nextSnoozeEnd(): number | undefined {
    return this.stmt.nextSnooze.get()?.at ?? undefined;
  }

  /** Snoozed conversations whose time has come (a hundred at a time). */
  dueSnoozes(now: number): Array<{ shop: string; id: string }> {
    return this.stmt.dueSnoozes.all(now);
  }

  /**
   * Runs `apply` on the current row in one transaction; what it returns is the event to store
   * (undefined: nothing changed) or a refusal. The event message is written in the same transaction.
   */
  private inTransaction(
    shop: string,
    id: string,
    apply: (current: StoredConversation) => DeskEvent | undefined | Extract<DeskOutcome, { ok: false }>,
    by: UserRef | undefined,
    now: number,
  ): DeskOutcome {
    return this.store.database.transaction((): DeskOutcome => {
      const current = this.store.getConversation(shop, id);
      if (current === undefined) return { ok: false, code: 'not-found', message: 'no such conversation' };
      const result = apply(current);
      if (result === undefined) return { ok: true, change: { conversation: current } };
      if ('ok' in result) return result;
      const author = by === undefined ? RELAY_AUTHOR : { id: by.id, name: by.name, role: by.role };
      const stored = this.store.send({ shop, conversationId: id, clientMsgId: `event:${randomUUID()}`, kind: 'event', body: JSON.stringify(result), from: author }, now);
      const conversation = this.store.getConversation(shop, id) ?? current;
      return { ok: true, change: { conversation, event: stored.message } };
    }).immediate();
  }
}
