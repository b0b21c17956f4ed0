/**
 * The relationship's tables (issue 17), created when missing beside the relay's own schema: they
 * reference conversations by `(shop, conversation_id)` without foreign keys, so deleting a
 * conversation never trips over them (the privacy API removes a customer's rows with it).
 *
 * - `shop_settings`: office hours (JSON `OfficeHours`) and the page emails link back to.
 * - `contacts`: the customer's email per conversation with the consent wording they saw, the
 *   highest seq already emailed and when the last email left.
 * - `mail_optouts`: addresses that unsubscribed, per shop.
 * - `mail_outbox`: composed emails until the SMTP server accepts them (retries with backoff).
 * - `followups`: follow-ups staff scheduled; `csat`: each satisfaction question and its answer.
 */
import type Database from 'better-sqlite3';

export const RELATIONSHIP_SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS shop_settings (
  shop       TEXT PRIMARY KEY,
  hours      TEXT,
  page_url   TEXT,
  updated_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS contacts (
  shop            TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  email           TEXT NOT NULL,
  consent         TEXT,
  at              INTEGER NOT NULL,
  notified_seq    INTEGER NOT NULL DEFAULT 0,
  last_mail_at    INTEGER,
  PRIMARY KEY (shop, conversation_id)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS mail_optouts (
  shop  TEXT NOT NULL,
  email TEXT NOT NULL,
  at    INTEGER NOT NULL,
  PRIMARY KEY (shop, email)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS mail_outbox (
  id              TEXT PRIMARY KEY,
  shop            TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  recipient       TEXT NOT NULL,
  subject         TEXT NOT NULL,
  text            TEXT NOT NULL,
  unsubscribe_url TEXT NOT NULL,
  created_at      INTEGER NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  sent_at         INTEGER,
  last_error      TEXT
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS mail_outbox_due ON mail_outbox (next_attempt_at) WHERE sent_at IS NULL;

CREATE TABLE IF NOT EXISTS followups (
  id              TEXT PRIMARY KEY,
  shop            TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  customer        TEXT NOT NULL,
  due_at          INTEGER NOT NULL,
  note            TEXT NOT NULL,
  status          TEXT NOT NULL,
  created_by      TEXT NOT NULL,
  created_at      INTEGER NOT NULL,
  fired_at        INTEGER,
  closed_by       TEXT,
  closed_at       INTEGER
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS followups_scheduled ON followups (due_at) WHERE status = 'scheduled';
CREATE INDEX IF NOT EXISTS followups_by_shop ON followups (shop, status, due_at);

CREATE TABLE IF NOT EXISTS csat (
  shop            TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  seq             INTEGER NOT NULL,
  asked_at        INTEGER NOT NULL,
  agent           TEXT,
  score           INTEGER,
  comment         TEXT,
  answered_at     INTEGER,
  PRIMARY KEY (shop, conversation_id, seq)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS csat_answered ON csat (shop, answered_at) WHERE answered_at IS NOT NULL;
`;

/** Creates the relationship's tables and indexes when missing (idempotent). */
export function prepareRelationshipSchema(db: Database.Database): void {
  db.exec(RELATIONSHIP_SCHEMA_SQL);
}
