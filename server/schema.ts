/**
 * SQLite schema of the relay store. Bump `SCHEMA_VERSION` and add a migration when it changes.
 * Version 2 added the `uploads` table (additive: `CREATE TABLE IF NOT EXISTS` upgrades a version 1 file in place).
 * Version 3 added `conversation_merges` (additive in the same way): which visitor conversation was
 * merged into which customer's, so a merge happens once. No foreign keys, so deleting either
 * conversation (privacy, retention) never trips over it.
 */
export const SCHEMA_VERSION = 3;

export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS conversations (
  id            TEXT PRIMARY KEY,
  shop          TEXT NOT NULL,
  customer_id   TEXT NOT NULL,
  customer_name TEXT NOT NULL,
  context       TEXT,
  last_seq      INTEGER NOT NULL DEFAULT 0,
  updated_at    INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS conversations_by_shop ON conversations (shop, updated_at DESC);

CREATE TABLE IF NOT EXISTS messages (
  conversation_id TEXT NOT NULL REFERENCES conversations (id),
  seq             INTEGER NOT NULL,
  client_msg_id   TEXT NOT NULL,
  from_user       TEXT NOT NULL,
  kind            TEXT NOT NULL,
  body            TEXT NOT NULL,
  attachments     TEXT,
  context         TEXT,
  at              INTEGER NOT NULL,
  PRIMARY KEY (conversation_id, seq),
  UNIQUE (conversation_id, client_msg_id)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS receipts (
  conversation_id TEXT NOT NULL REFERENCES conversations (id),
  user_id         TEXT NOT NULL,
  delivered_up_to INTEGER NOT NULL DEFAULT 0,
  read_up_to      INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (conversation_id, user_id)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS uploads (
  id              TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES conversations (id),
  sha256          TEXT NOT NULL,
  mime            TEXT NOT NULL,
  size            INTEGER NOT NULL,
  name            TEXT NOT NULL,
  created_at      INTEGER NOT NULL,
  uploader_id     TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS uploads_by_sha256 ON uploads (sha256);

CREATE TABLE IF NOT EXISTS conversation_merges (
  from_id   TEXT PRIMARY KEY,
  into_id   TEXT NOT NULL,
  messages  INTEGER NOT NULL,
  merged_at INTEGER NOT NULL
) WITHOUT ROWID;
`;
