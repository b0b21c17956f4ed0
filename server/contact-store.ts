/**
 * The customer's contact email per conversation (issue 17), with the consent wording they saw,
 * and the shop's unsubscribed addresses. Giving an email again (a new consent) lifts an earlier
 * unsubscribe of that address.
 */
import type Database from 'better-sqlite3';
import type { ContactInfo } from 'support-widget/protocol';

interface ContactRow {
  email: string;
  consent: string | null;
  at: number;
}

export class ContactStore {
  private readonly stmt;
  private readonly setTx;

  constructor(private readonly db: Database.Database) {
    this.stmt = {
      get: db.prepare<[string, string], ContactRow>('SELECT email, consent, at FROM contacts WHERE shop = ? AND conversation_id = ?'),
      put: db.prepare<[string, string, string, string | null, number]>(
        `INSERT INTO contacts (shop, conversation_id, email, consent, at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (shop, conversation_id) DO UPDATE SET email = excluded.email, consent = excluded.consent, at = excluded.at`,
      ),
      remove: db.prepare<[string, string]>('DELETE FROM contacts WHERE shop = ? AND conversation_id = ?'),
      optIn: db.prepare<[string, string]>('DELETE FROM mail_optouts WHERE shop = ? AND email = ?'),
      optOut: db.prepare<[string, string, number]>('INSERT OR IGNORE INTO mail_optouts (shop, email, at) VALUES (?, ?, ?)'),
      optedOut: db.prepare<[string, string], { n: number }>('SELECT count(*) AS n FROM mail_optouts WHERE shop = ? AND email = ?'),
    };
    this.setTx = db.transaction((shop: string, conversationId: string, email: string, consent: string | undefined, now: number) => {
      this.stmt.put.run(shop, conversationId, email, consent ?? null, now);
      this.stmt.optIn.run(shop, email);
    });
  }

  /** The conversation's contact as the wire shows it. */
  get(shop: string, conversationId: string): ContactInfo | undefined {
    const row = this.stmt.get.get(shop, conversationId);
    return row === undefined ? undefined : { email: row.email, at: row.at };
  }

  /** The stored consent wording (for the privacy export and tests). */
  consent(shop: string, conversationId: string): string | undefined {
    return this.stmt.get.get(shop, conversationId)?.consent ?? undefined;
  }

  /** Sets (or with `null` removes) the conversation's contact email, in one transaction. */
  set(shop: string, conversationId: string, email: string | null, consent: string | undefined, now: number): void {
    if (email === null) this.stmt.remove.run(shop, conversationId);
    else this.setTx.immediate(shop, conversationId, email, consent, now);
  }

  unsubscribe(shop: string, email: string, now: number): void {
    this.stmt.optOut.run(shop, email, now);
  }

  isUnsubscribed(shop: string, email: string): boolean {
    return (this.stmt.optedOut.get(shop, email)?.n ?? 0) > 0;
  }
}
