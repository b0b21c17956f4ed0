/**
 * The agent desk's tables (schema version 6, issue 16): each conversation's status, snooze end,
 * assignee and labels (columns of `conversations`), the shop's staff as the relay has seen them
 * (`desk_agents`: role, capacity, away, when routing last gave them a conversation), the agent who
 * last helped each customer (`customer_helpers`, for "the same agent as last time") and the shop's
 * canned replies.
 */
import type Database from 'better-sqlite3';

/** The desk's columns of `conversations`, as `CREATE TABLE` lists them (and the upgrade adds them). */
export const DESK_COLUMNS = [
  ["status", "TEXT NOT NULL DEFAULT 'open'"],
  ['snoozed_until', 'INTEGER'],
  ['assignee_id', 'TEXT'],
  ['assignee_name', 'TEXT'],
  ['labels', 'TEXT'],
] as const;

/** Tables and indexes, created after the columns exist (a file of version 5 or older gets them first). */
export const DESK_SCHEMA_SQL = `
CREATE INDEX IF NOT EXISTS conversations_by_assignee ON conversations (shop, assignee_id, updated_at DESC, id);
CREATE INDEX IF NOT EXISTS conversations_snoozed ON conversations (snoozed_until) WHERE status = 'snoozed';
CREATE INDEX IF NOT EXISTS conversations_load ON conversations (shop, assignee_id) WHERE status IN ('open', 'pending');
CREATE INDEX IF NOT EXISTS conversations_by_customer ON conversations (shop, customer_id, updated_at DESC);

CREATE TABLE IF NOT EXISTS desk_agents (
  shop           TEXT NOT NULL,
  id             TEXT NOT NULL,
  name           TEXT NOT NULL,
  role           TEXT NOT NULL,
  capacity       INTEGER NOT NULL,
  away           INTEGER NOT NULL DEFAULT 0,
  last_seen      INTEGER NOT NULL,
  last_routed_at INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (shop, id)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS customer_helpers (
  shop        TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  agent_id    TEXT NOT NULL,
  agent_name  TEXT NOT NULL,
  at          INTEGER NOT NULL,
  PRIMARY KEY (shop, customer_id)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS canned_replies (
  shop       TEXT NOT NULL,
  id         TEXT NOT NULL,
  shortcut   TEXT NOT NULL,
  title      TEXT NOT NULL,
  body       TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (shop, id),
  UNIQUE (shop, shortcut)
) WITHOUT ROWID;
`;

/** The column definitions for `CREATE TABLE conversations`. */
export const DESK_COLUMNS_SQL = DESK_COLUMNS.map(([name, type]) => `  ${name} ${type},`).join('\n');

/** Version 5 -> 6 (inside the caller's transaction): the desk's columns on every conversation (open, unassigned), then its tables. */
export function addDeskSchema(db: Database.Database): void {
  const existing = new Set(db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('conversations')").all().map((c) => c.name));
  for (const [name, type] of DESK_COLUMNS) if (!existing.has(name)) db.exec(`ALTER TABLE conversations ADD COLUMN ${name} ${type}`);
  db.exec(DESK_SCHEMA_SQL);
}
