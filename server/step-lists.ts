/**
 * The shop's canned step lists (issue 20), kept like its canned replies: listed for every staff
 * member, changed by admins only (the desk frame checks the role). A list is for the products of
 * one SKU or whose name holds `productName`, or general with neither; a shop holds at most
 * `STEPS_LIMITS.maxStepLists`. Its own table, created when missing beside the relay's schema.
 */
import type Database from 'better-sqlite3';
import { STEPS_LIMITS } from 'support-widget/protocol';
import type { GuidedStep, StepList } from 'support-widget/protocol';

const STEP_LISTS_SQL = `
CREATE TABLE IF NOT EXISTS step_lists (
  shop         TEXT NOT NULL,
  id           TEXT NOT NULL,
  title        TEXT NOT NULL,
  sku          TEXT,
  product_name TEXT,
  steps        TEXT NOT NULL,
  updated_at   INTEGER NOT NULL,
  PRIMARY KEY (shop, id)
) WITHOUT ROWID;
`;

interface StepListRow {
  id: string;
  title: string;
  sku: string | null;
  product_name: string | null;
  steps: string;
}

export type StepListPut = { ok: true } | { ok: false; code: 'bad-frame'; message: string };

function toList(row: StepListRow): StepList {
  const list: StepList = { id: row.id, title: row.title, steps: JSON.parse(row.steps) as GuidedStep[] };
  if (row.sku !== null) list.sku = row.sku;
  if (row.product_name !== null) list.productName = row.product_name;
  return list;
}

export class StepLists {
  private readonly stmt;
  private readonly putTx: Database.Transaction<(shop: string, list: StepList, now: number) => StepListPut>;

  constructor(db: Database.Database) {
    db.exec(STEP_LISTS_SQL);
    this.stmt = {
      list: db.prepare<[string], StepListRow>('SELECT id, title, sku, product_name, steps FROM step_lists WHERE shop = ? ORDER BY title, id'),
      count: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM step_lists WHERE shop = ?'),
      exists: db.prepare<[string, string], { id: string }>('SELECT id FROM step_lists WHERE shop = ? AND id = ?'),
      put: db.prepare(
        `INSERT INTO step_lists (shop, id, title, sku, product_name, steps, updated_at) VALUES (@shop, @id, @title, @sku, @productName, @steps, @now)
         ON CONFLICT (shop, id) DO UPDATE SET title = excluded.title, sku = excluded.sku, product_name = excluded.product_name, steps = excluded.steps, updated_at = excluded.updated_at`,
      ),
      delete: db.prepare('DELETE FROM step_lists WHERE shop = ? AND id = ?'),
    };
    this.putTx = db.transaction((shop: string, list: StepList, now: number): StepListPut => {
      if (this.stmt.exists.get(shop, list.id) === undefined && (this.stmt.count.get(shop)?.n ?? 0) >= STEPS_LIMITS.maxStepLists) {
        return { ok: false, code: 'bad-frame', message: `a shop has at most ${STEPS_LIMITS.maxStepLists} step lists` };
      }
      const { id, title, sku, productName, steps } = list;
      this.stmt.put.run({ shop, id, title, sku: sku ?? null, productName: productName ?? null, steps: JSON.stringify(steps), now });
      return { ok: true };
    });
  }

  /** The shop's lists, by title (every product's: the desk filters them by the conversation's card). */
  list(shop: string): StepList[] {
    return this.stmt.list.all(shop).map(toList);
  }

  /** Adds the list, or replaces the one with its id. */
  put(shop: string, list: StepList, now: number): StepListPut {
    return this.putTx.immediate(shop, list, now);
  }

  /** Deletes the list (nothing when there is none). */
  delete(shop: string, id: string): void {
    this.stmt.delete.run(shop, id);
  }
}
