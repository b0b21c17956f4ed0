/**
 * Satisfaction (CSAT) in SQLite: one row per question the relay asked (the `csat` message's seq),
 * with the agent the conversation was resolved by, then the customer's one answer. An answer is
 * one `UPDATE … WHERE answered_at IS NULL`: a second answer changes nothing.
 */
import type Database from 'better-sqlite3';
import type { CsatReport, CsatState, CsatTally, StaffRef } from 'support-widget/protocol';

interface CsatRow {
  seq: number;
  asked_at: number;
  agent: string | null;
  score: number | null;
  answered_at: number | null;
}

interface AnswerRow {
  agent: string | null;
  score: number;
  answered_at: number;
}

const DAY = 86_400_000;

/** ISO week `YYYY-Www` (UTC) of an instant. */
export function isoWeek(at: number): string {
  const date = new Date(at);
  const day = (date.getUTCDay() + 6) % 7; // Monday 0
  const thursday = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - day + 3);
  const year = new Date(thursday).getUTCFullYear();
  const week = 1 + Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

function emptyTally(): CsatTally {
  return { count: 0, average: 0, scores: [0, 0, 0, 0, 0] };
}

function add(tally: CsatTally, score: number): void {
  tally.scores[score - 1] = (tally.scores[score - 1] ?? 0) + 1;
  tally.count += 1;
}

function finish<T extends CsatTally>(tally: T): T {
  const sum = tally.scores.reduce((total, n, i) => total + n * (i + 1), 0);
  tally.average = tally.count === 0 ? 0 : Math.round((sum / tally.count) * 100) / 100;
  return tally;
}

export class CsatStore {
  private readonly stmt;

  constructor(db: Database.Database) {
    this.stmt = {
      ask: db.prepare<[string, string, number, number, string | null]>('INSERT OR IGNORE INTO csat (shop, conversation_id, seq, asked_at, agent) VALUES (?, ?, ?, ?, ?)'),
      latest: db.prepare<[string, string], CsatRow>('SELECT seq, asked_at, agent, score, answered_at FROM csat WHERE shop = ? AND conversation_id = ? ORDER BY seq DESC LIMIT 1'),
      answer: db.prepare<[number, string | null, number, string, string, number]>(
        'UPDATE csat SET score = ?, comment = ?, answered_at = ? WHERE shop = ? AND conversation_id = ? AND seq = ? AND answered_at IS NULL',
      ),
      answers: db.prepare<[string, number, number], AnswerRow>(
        'SELECT agent, score, answered_at FROM csat WHERE shop = ? AND answered_at IS NOT NULL AND answered_at >= ? AND answered_at < ? ORDER BY answered_at',
      ),
    };
  }

  /** Records the question asked by the message `seq`, about the agent who resolved (if any). */
  asked(shop: string, conversationId: string, seq: number, at: number, agent: StaffRef | undefined): void {
    this.stmt.ask.run(shop, conversationId, seq, at, agent === undefined ? null : JSON.stringify({ id: agent.id, name: agent.name }));
  }

  /** The conversation's latest question, as its summary shows it (undefined: never asked). */
  state(shop: string, conversationId: string): (CsatState & { seq: number }) | undefined {
    const row = this.stmt.latest.get(shop, conversationId);
    if (row === undefined) return undefined;
    return row.answered_at === null
      ? { state: 'asked', askedAt: row.asked_at, seq: row.seq }
      : { state: 'answered', askedAt: row.asked_at, seq: row.seq, ...(row.score === null ? {} : { score: row.score }) };
  }

  /** Stores the answer to the question `seq`; false when it was answered already. */
  answer(shop: string, conversationId: string, seq: number, score: number, comment: string | undefined, now: number): boolean {
    return this.stmt.answer.run(score, comment ?? null, now, shop, conversationId, seq).changes === 1;
  }

  /** The shop's answers in `[from, to)`, per agent and per ISO week. */
  report(shop: string, from: number, to: number): CsatReport {
    const total = emptyTally();
    const byAgent = new Map<string, CsatTally & { agent?: StaffRef }>();
    const byWeek = new Map<string, CsatTally & { week: string }>();
    for (const row of this.stmt.answers.all(shop, from, to)) {
      add(total, row.score);
      const agentKey = row.agent ?? '';
      let agentTally = byAgent.get(agentKey);
      if (agentTally === undefined) byAgent.set(agentKey, (agentTally = { ...emptyTally(), ...(row.agent === null ? {} : { agent: JSON.parse(row.agent) as StaffRef }) }));
      add(agentTally, row.score);
      const week = isoWeek(row.answered_at);
      let weekTally = byWeek.get(week);
      if (weekTally === undefined) byWeek.set(week, (weekTally = { ...emptyTally(), week }));
      add(weekTally, row.score);
    }
    return {
      from,
      to,
      total: finish(total),
      byAgent: [...byAgent.values()].map(finish).sort((a, b) => b.count - a.count),
      byWeek: [...byWeek.values()].map(finish),
    };
  }
}
