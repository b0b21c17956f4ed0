/**
 * The shop's canned replies: listed for every staff member, changed by admins only (the desk
 * frame checks the role). A shortcut names one reply per shop; a shop holds at most
 * `DESK_LIMITS.maxCannedReplies`.
 */
import type Database from 'better-sqlite3';
import { DESK_LIMITS } from 'support-widget/protocol';
import type { CannedReply } from 'support-widget/protocol';

export type CannedPut = { ok: true } | { ok: false; code: 'conflict' | 'bad-frame'; message: string };

function prepareStatements(db: Database.Database) {
  return {
    list: db.prepare<[string], CannedReply>('SELECT id, shortcut, title, body FROM canned_replies WHERE shop = ? ORDER BY shortcut'),
    count: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM canned_replies WHERE shop = ?'),
    byShortcut: db.prepare<[string, string], { id: string }>('SELECT id FROM canned_replies WHERE shop = ? AND shortcut = ?'),
    exists: db.prepare<[string, string], { id: string }>('SELECT id FROM canned_replies WHERE shop = ? AND id = ?'),
    put: db.prepare(
      `INSERT INTO canned_replies (shop, id, shortcut, title, body, updated_at) VALUES (@shop, @id, @shortcut, @title, @body, @now)
       ON CONFLICT (shop, id) DO UPDATE SET shortcut = excluded.shortcut, title = excluded.title, body = excluded.body, updated_at = excluded.updated_at`,
    ),
    delete: db.prepare('DELETE FROM canned_replies WHERE shop = ? AND id = ?'),
  };
}

export class CannedReplies {
  private readonly stmt: ReturnType<typeof prepareStatements>;
  private readonly putTx: Database.Transaction<(shop: string, reply: CannedReply, now: number) => CannedPut>;

  constructor(db: Database.Database) {
    this.stmt = prepareStatements(db);
    this.putTx = db.transaction((shop: string, reply: CannedReply, now: number): CannedPut => {
      const holder = this.stmt.byShortcut.get(shop, reply.shortcut);
      if (holder !== undefined && holder.id !== reply.id) return { ok: false, code: 'conflict', message: `another reply already has the shortcut /${reply.shortcut}` };
      if (this.stmt.exists.get(shop, reply.id) === undefined && (this.stmt.count.get(shop)?.n ?? 0) >= DESK_LIMITS.maxCannedReplies) {
        return { ok: false, code: 'bad-frame', message: `a shop has at most ${DESK_LIMITS.maxCannedReplies} canned replies` };
      }
      this.stmt.put.run({ shop, ...reply, now });
      return { ok: true };
    });
  }

  /** The shop's replies, by shortcut. */
  list(shop: string): CannedReply[] {
    return this.stmt.list.all(shop).map(({ id, shortcut, title, body }) => ({ id, shortcut, title, body }));
  }

  /** Adds the reply, or replaces the one with its id. */
  put(shop: string, reply: CannedReply, now: number): CannedPut {
    return this.putTx.immediate(shop, reply, now);
  }

  /** Deletes the reply (nothing when there is none). */
  delete(shop: string, id: string): void {
    this.stmt.delete.run(shop, id);
  }
}
