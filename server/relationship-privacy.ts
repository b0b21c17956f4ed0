/**
 * The privacy API's deletion of what the relationship stored about a conversation (issue 17): its
 * contact email and that address's unsubscribe record, its emails not sent yet and sent, its
 * follow-ups and its CSAT answers. Runs inside the deletion's transaction.
 */
import type Database from 'better-sqlite3';

const TABLES = ['mail_outbox', 'followups', 'csat', 'contacts'] as const;

/** Deletes the conversation's relationship rows; 0 when the relationship's tables do not exist (never started). */
export function deleteRelationshipRows(db: Database.Database, shop: string, conversationId: string): number {
  const present = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'contacts'").get();
  if ((present?.n ?? 0) === 0) return 0;
  let deleted = db
    .prepare<[string, string, string]>('DELETE FROM mail_optouts WHERE shop = ? AND email IN (SELECT email FROM contacts WHERE shop = ? AND conversation_id = ?)')
    .run(shop, shop, conversationId).changes;
  for (const table of TABLES) deleted += db.prepare<[string, string]>(`DELETE FROM ${table} WHERE shop = ? AND conversation_id = ?`).run(shop, conversationId).changes;
  return deleted;
}
