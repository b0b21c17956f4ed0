/**
 * What the relay's assistant remembers of each conversation (issue 18), in the relay's SQLite
 * database: whose turn it is (`bot` until a handoff or a person's reply, `human` after), how
 * many answers did not help, and what the staff's handoff note summarises (questions asked,
 * articles shown, answers that did not help).
 */
import type Database from 'better-sqlite3';

/** Whose turn it is: the assistant's, or a person's after a handoff. */
export type AssistantMode = 'bot' | 'human';

/** One conversation's assistant turn. */
export interface AssistantTurn {
  mode: AssistantMode;
  /** "That didn't help" since the last handoff or hand-back. */
  unhelpful: number;
  /** The customer's questions, oldest first. */
  questions: string[];
  /** Titles of the articles shown, in order, without repeats. */
  shown: string[];
  /** Titles of the first source of each answer the customer said did not help. */
  notHelped: string[];
  /** Seq of the messages a person's text is looked for after (a hand-back moves it). */
  since: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS assistant_turns (
  shop            TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  state           TEXT NOT NULL,
  PRIMARY KEY (shop, conversation_id)
) WITHOUT ROWID;`;

/** A turn nobody has stored yet: the assistant's, from the start. */
export function freshTurn(since = 0): AssistantTurn {
  return { mode: 'bot', unhelpful: 0, questions: [], shown: [], notHelped: [], since };
}

/** Most entries kept in each list (the note stays short). */
const MAX_LIST = 20;

export class AssistantStore {
  private readonly read;
  private readonly write;
  private readonly staffSpoke;

  constructor(db: Database.Database) {
    db.exec(SCHEMA);
    this.read = db.prepare<[string, string], { state: string }>('SELECT state FROM assistant_turns WHERE shop = ? AND conversation_id = ?');
    this.write = db.prepare<[string, string, string]>(
      'INSERT INTO assistant_turns (shop, conversation_id, state) VALUES (?, ?, ?) ON CONFLICT (shop, conversation_id) DO UPDATE SET state = excluded.state',
    );
    this.staffSpoke = db.prepare<[string, string, number], { n: number }>(
      "SELECT count(*) AS n FROM (SELECT 1 FROM messages WHERE shop = ? AND conversation_id = ? AND seq > ? AND sender <> 'customer' AND kind = 'text' LIMIT 1)",
    );
  }

  turn(shop: string, conversationId: string): AssistantTurn {
    const row = this.read.get(shop, conversationId);
    if (row === undefined) return freshTurn();
    return { ...freshTurn(), ...(JSON.parse(row.state) as Partial<AssistantTurn>) };
  }

  save(shop: string, conversationId: string, turn: AssistantTurn): void {
    const trim = (list: string[]): string[] => list.slice(-MAX_LIST);
    this.write.run(shop, conversationId, JSON.stringify({ ...turn, questions: trim(turn.questions), shown: trim(turn.shown), notHelped: trim(turn.notHelped) }));
  }

  /** Changes one conversation's turn. */
  update(shop: string, conversationId: string, change: (turn: AssistantTurn) => AssistantTurn): AssistantTurn {
    const next = change(this.turn(shop, conversationId));
    this.save(shop, conversationId, next);
    return next;
  }

  /** True when staff wrote a text message after `since` (a person has joined). */
  personReplied(shop: string, conversationId: string, since: number): boolean {
    return (this.staffSpoke.get(shop, conversationId, since)?.n ?? 0) > 0;
  }
}
