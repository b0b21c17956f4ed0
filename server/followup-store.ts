/**
 * Follow-ups (回访) in SQLite: scheduled by staff on a conversation, found due by the relay once
 * (one `UPDATE … RETURNING` moves each from `scheduled` to `due`, so a restart never fires one
 * twice and a relay that was down at the time fires it at the next start), then completed or
 * cancelled by staff.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { FollowUp, FollowUpStatus, StaffRef } from 'support-widget/protocol';
import { RELATIONSHIP_LIMITS } from 'support-widget/protocol';

interface FollowUpRow {
  id: string;
  shop: string;
  conversation_id: string;
  customer: string;
  due_at: number;
  note: string;
  status: string;
  created_by: string;
  created_at: number;
  fired_at: number | null;
  closed_by: string | null;
  closed_at: number | null;
}

/** A follow-up with the shop it belongs to. */
export type ShopFollowUp = FollowUp & { shop: string };

function toFollowUp(row: FollowUpRow): ShopFollowUp {
  const followUp: ShopFollowUp = {
    shop: row.shop,
    id: row.id,
    conversationId: row.conversation_id,
    customer: JSON.parse(row.customer) as FollowUp['customer'],
    dueAt: row.due_at,
    note: row.note,
    status: row.status as FollowUpStatus,
    createdBy: JSON.parse(row.created_by) as StaffRef,
    createdAt: row.created_at,
  };
  if (row.fired_at !== null) followUp.firedAt = row.fired_at;
  if (row.closed_by !== null) followUp.closedBy = JSON.parse(row.closed_by) as StaffRef;
  if (row.closed_at !== null) followUp.closedAt = row.closed_at;
  return followUp;
}

/** The wire shape: a follow-up without its shop. */
export function wireFollowUp({ shop: _shop, ...followUp }: ShopFollowUp): FollowUp {
  return followUp;
}

export interface NewFollowUp {
  shop: string;
  conversationId: string;
  customer: { id: string; name: string };
  dueAt: number;
  note: string;
  by: StaffRef;
}

export class FollowUpStore {
  private readonly stmt;

  constructor(db: Database.Database) {
    const limit = RELATIONSHIP_LIMITS.maxFollowUpList;
    this.stmt = {
      insert: db.prepare(
        `INSERT INTO followups (id, shop, conversation_id, customer, due_at, note, status, created_by, created_at)
         VALUES (@id, @shop, @conversationId, @customer, @dueAt, @note, 'scheduled', @createdBy, @createdAt) RETURNING *`,
      ),
      get: db.prepare<[string, string], FollowUpRow>('SELECT * FROM followups WHERE shop = ? AND id = ?'),
      due: db.prepare<[string], FollowUpRow>(`SELECT * FROM followups WHERE shop = ? AND status = 'due' ORDER BY due_at LIMIT ${limit}`),
      dueOf: db.prepare<[string, string], FollowUpRow>(`SELECT * FROM followups WHERE shop = ? AND conversation_id = ? AND status = 'due' ORDER BY due_at LIMIT ${limit}`),
      upcoming: db.prepare<[string], FollowUpRow>(`SELECT * FROM followups WHERE shop = ? AND status = 'scheduled' ORDER BY due_at LIMIT ${limit}`),
      upcomingOf: db.prepare<[string, string], FollowUpRow>(`SELECT * FROM followups WHERE shop = ? AND conversation_id = ? AND status = 'scheduled' ORDER BY due_at LIMIT ${limit}`),
      close: db.prepare<[string, string, number, string, string], FollowUpRow>(
        "UPDATE followups SET status = ?, closed_by = ?, closed_at = ? WHERE shop = ? AND id = ? AND status IN ('scheduled', 'due') RETURNING *",
      ),
      fire: db.prepare<[number, number], FollowUpRow>(
        "UPDATE followups SET status = 'due', fired_at = ? WHERE id IN (SELECT id FROM followups WHERE status = 'scheduled' AND due_at <= ? ORDER BY due_at LIMIT 100) RETURNING *",
      ),
      next: db.prepare<[], { at: number | null }>("SELECT min(due_at) AS at FROM followups WHERE status = 'scheduled'"),
    };
  }

  schedule(input: NewFollowUp, now: number): ShopFollowUp {
    const row = this.stmt.insert.get({
      id: `fu_${randomUUID()}`,
      shop: input.shop,
      conversationId: input.conversationId,
      customer: JSON.stringify(input.customer),
      dueAt: input.dueAt,
      note: input.note,
      createdBy: JSON.stringify({ id: input.by.id, name: input.by.name }),
      createdAt: now,
    }) as FollowUpRow;
    return toFollowUp(row);
  }

  get(shop: string, id: string): ShopFollowUp | undefined {
    const row = this.stmt.get.get(shop, id);
    return row === undefined ? undefined : toFollowUp(row);
  }

  /** `due`: fired, not closed, oldest first; `upcoming`: not yet due, soonest first. */
  list(shop: string, which: 'due' | 'upcoming', conversationId?: string): ShopFollowUp[] {
    const rows =
      conversationId === undefined
        ? (which === 'due' ? this.stmt.due : this.stmt.upcoming).all(shop)
        : (which === 'due' ? this.stmt.dueOf : this.stmt.upcomingOf).all(shop, conversationId);
    return rows.map(toFollowUp);
  }

  /** Completes or cancels a follow-up that is still open; undefined when it is not (or no longer). */
  close(shop: string, id: string, status: 'done' | 'cancelled', by: StaffRef, now: number): ShopFollowUp | undefined {
    const row = this.stmt.close.get(status, JSON.stringify({ id: by.id, name: by.name }), now, shop, id);
    return row === undefined ? undefined : toFollowUp(row);
  }

  /** Marks follow-ups whose time has come as due (each once) and returns them. */
  fire(now: number): ShopFollowUp[] {
    return this.stmt.fire.all(now, now).map(toFollowUp);
  }

  /** The earliest due time of a scheduled follow-up. */
  nextDue(): number | undefined {
    return this.stmt.next.get()?.at ?? undefined;
  }
}
