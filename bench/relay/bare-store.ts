/**
 * The durable floor's storage: the least a durable relay must do per message, with the relay
 * store's settings (server/store.ts: WAL, `synchronous = FULL`, one `BEGIN IMMEDIATE` transaction
 * per batch) and its group commit (server/relay-protocol.ts: every send read in one poll phase is
 * committed by one `setImmediate`, so one fsync makes all of them durable; acks go out after it).
 * One row per message, keyed by (conversation, seq); seq is counted in memory. No idempotency
 * lookup, no conversation row, no summaries: those are the relay's protocol, not the floor.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

export interface BareMessage {
  conversationId: string;
  seq: number;
  clientMsgId: string;
  fromId: string;
  body: string;
  at: number;
}

/** Group-committing store: `add` queues a message; `done` runs once it is on disk. */
export class BareStore {
  private readonly db: Database.Database;
  private readonly commitTx: Database.Transaction<(batch: readonly BareMessage[]) => void>;
  private pending: { message: BareMessage; done: () => void }[] = [];
  private scheduled = false;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.db = new Database(join(dataDir, 'bare.sqlite'));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(
      `CREATE TABLE IF NOT EXISTS messages (
        conversation_id TEXT NOT NULL, seq INTEGER NOT NULL, client_msg_id TEXT NOT NULL,
        from_id TEXT NOT NULL, body TEXT NOT NULL, at INTEGER NOT NULL,
        PRIMARY KEY (conversation_id, seq))`,
    );
    const insert = this.db.prepare('INSERT INTO messages (conversation_id, seq, client_msg_id, from_id, body, at) VALUES (?, ?, ?, ?, ?, ?)');
    this.commitTx = this.db.transaction((batch: readonly BareMessage[]) => {
      for (const m of batch) insert.run(m.conversationId, m.seq, m.clientMsgId, m.fromId, m.body, m.at);
    });
  }

  add(message: BareMessage, done: () => void): void {
    this.pending.push({ message, done });
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.commit());
  }

  close(): void {
    this.commit();
    this.db.close();
  }

  private commit(): void {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    this.commitTx.immediate(batch.map((p) => p.message));
    for (const p of batch) p.done();
  }
}
