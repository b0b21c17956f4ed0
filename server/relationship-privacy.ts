/**
 * The privacy API and what the relationship stored about a conversation (issue 17). Export: the
 * contact email with the consent wording the customer saw, and their CSAT answers. Deletion: the
 * contact email and that address's unsubscribe record, its emails not sent yet and sent, its
 * follow-ups and its CSAT answers (inside the deletion's transaction).
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

/** What the privacy export adds to a conversation (absent fields: nothing stored). */
export interface ExportedRelationship {
  /** The email for replies, the consent wording the customer saw, when it was given (ms since epoch). */
  contact?: { email: string; consent?: string; at: number };
  /** The satisfaction questions asked and the customer's answers. */
  csat?: Array<{ askedAt: number; score?: number; comment?: string; answeredAt?: number }>;
}

interface CsatRow {
  asked_at: number;
  score: number | null;
  comment: string | null;
  answered_at: number | null;
}

/** The conversation's relationship rows for the privacy export; `{}` when the tables do not exist (never started). */
export function exportRelationshipRows(db: Database.Database, shop: string, conversationId: string): ExportedRelationship {
  const present = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN ('contacts', 'csat')").get();
  if ((present?.n ?? 0) < 2) return {};
  const exported: ExportedRelationship = {};
  const contact = db
    .prepare<[string, string], { email: string; consent: string | null; at: number }>('SELECT email, consent, at FROM contacts WHERE shop = ? AND conversation_id = ?')
    .get(shop, conversationId);
  if (contact) exported.contact = { email: contact.email, ...(contact.consent === null ? {} : { consent: contact.consent }), at: contact.at };
  const answers = db.prepare<[string, string], CsatRow>('SELECT asked_at, score, comment, answered_at FROM csat WHERE shop = ? AND conversation_id = ? ORDER BY seq').all(shop, conversationId);
  if (answers.length > 0) {
    exported.csat = answers.map((row) => ({
      askedAt: row.asked_at,
      ...(row.score === null ? {} : { score: row.score }),
      ...(row.comment === null ? {} : { comment: row.comment }),
      ...(row.answered_at === null ? {} : { answeredAt: row.answered_at }),
    }));
  }
  return exported;
}
