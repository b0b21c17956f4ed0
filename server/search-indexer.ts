/**
 * Moves queued messages into the search index (see `search-schema.ts`) off the send path: a
 * timer works through the queue in slices of a few milliseconds, each slice one transaction of
 * set-based statements, and a search first catches up on what is still queued so it sees every
 * stored message. Stops by itself once the database is closed.
 */
import type Database from 'better-sqlite3';

/** Queue rows moved per transaction. */
const BATCH = 500;
/** How often the timer looks at the queue, ms. */
const TICK_MS = 100;
/** CPU a timer tick may spend, ms: small enough not to show in the relay's send latency. */
const TICK_BUDGET_MS = 4;
/** After a failed write (disk full, I/O error) the timer waits this long, doubling up to `MAX_PAUSE_MS`. */
const FIRST_PAUSE_MS = 5_000;
const MAX_PAUSE_MS = 60_000;

interface Range {
  first: number;
  last: number;
}

export class SearchIndexer {
  private readonly db: Database.Database;
  private readonly stmt: ReturnType<typeof prepare>;
  private readonly batchTx: Database.Transaction<(range: Range) => void>;
  private timer: ReturnType<typeof setInterval> | undefined;
  /** While the last write failed: no background work before `until`, and how long the next pause is. */
  private paused: { until: number; next: number } | undefined;

  constructor(db: Database.Database) {
    this.db = db;
    this.stmt = prepare(db);
    this.batchTx = db.transaction((range: Range) => {
      this.stmt.forget.run(range);
      const before = this.stmt.lastDoc.get()?.id ?? 0;
      this.stmt.index.run(range);
      this.stmt.indexBodies.run({ before });
      this.stmt.dequeue.run(range);
    });
  }

  /** Starts the background timer (unref'd: it never keeps the process alive). */
  start(): void {
    if (this.timer !== undefined) return;
    this.timer = setInterval(() => {
      if (!this.db.open) {
        this.stop();
        return;
      }
      if (this.paused !== undefined && performance.now() < this.paused.until) return;
      this.tryDrain(TICK_BUDGET_MS);
    }, TICK_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Queue rows not indexed yet. */
  pending(): number {
    return this.stmt.count.get()?.n ?? 0;
  }

  /**
   * `drain`, but a failed write (disk full, I/O error) is never thrown out of a timer: the index
   * waits (5 s, doubling to 60 s) and leaves the disk's last room to sends and sign-ins. False when
   * the queue is not empty (not done or failed).
   */
  tryDrain(budgetMs = Number.POSITIVE_INFINITY): boolean {
    try {
      const done = this.drain(budgetMs);
      this.paused = undefined;
      return done;
    } catch {
      const pause = this.paused?.next ?? FIRST_PAUSE_MS;
      this.paused = { until: performance.now() + pause, next: Math.min(MAX_PAUSE_MS, pause * 2) };
      return false;
    }
  }

  /** True while the indexer waits after a failed write. */
  get waiting(): boolean {
    return this.paused !== undefined && performance.now() < this.paused.until;
  }

  /** Indexes queued rows until the queue is empty or `budgetMs` is spent; true when the queue is empty. */
  drain(budgetMs = Number.POSITIVE_INFINITY): boolean {
    const started = performance.now();
    for (;;) {
      const first = this.stmt.first.get()?.id;
      if (first === undefined) return true;
      this.batchTx.immediate({ first, last: first + BATCH - 1 });
      if (performance.now() - started >= budgetMs) return this.stmt.first.get() === undefined;
    }
  }
}

function prepare(db: Database.Database) {
  const inRange = 'q.id BETWEEN @first AND @last';
  return {
    first: db.prepare<[], { id: number }>('SELECT id FROM message_search_queue ORDER BY id LIMIT 1'),
    count: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM message_search_queue'),
    // Messages deleted before their turn have no row to join: nothing to index.
    index: db.prepare<[Range]>(
      `INSERT INTO message_search_docs (shop, conversation_id, seq)
       SELECT q.shop, q.conversation_id, q.seq FROM message_search_queue q
       JOIN messages m ON m.shop = q.shop AND m.conversation_id = q.conversation_id AND m.seq = q.seq
       WHERE ${inRange} AND q.doc IS NULL ORDER BY q.id
       ON CONFLICT (shop, conversation_id, seq) DO NOTHING`,
    ),
    lastDoc: db.prepare<[], { id: number }>('SELECT max(id) AS id FROM message_search_docs'),
    // Doc ids are AUTOINCREMENT: the rows after the last one before this batch are this batch's.
    indexBodies: db.prepare<[{ before: number }]>(
      `INSERT INTO message_search (rowid, body)
       SELECT d.id, m.body FROM message_search_docs d
       JOIN messages m ON m.shop = d.shop AND m.conversation_id = d.conversation_id AND m.seq = d.seq
       WHERE d.id > @before ORDER BY d.id`,
    ),
    forget: db.prepare<[Range]>(`DELETE FROM message_search WHERE rowid IN (SELECT q.doc FROM message_search_queue q WHERE ${inRange} AND q.doc IS NOT NULL)`),
    dequeue: db.prepare<[Range]>(`DELETE FROM message_search_queue AS q WHERE ${inRange}`),
  };
}
