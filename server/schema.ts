import { DESK_COLUMNS_SQL } from './desk-schema.js';
import { SEARCH_SCHEMA_SQL } from './search-schema.js';

/**
 * SQLite schema of the relay store. Bump `SCHEMA_VERSION` and add a migration when it changes
 * (`schema-migrate.ts` upgrades older files in place).
 *
 * Version 4 scopes every conversation by shop: a conversation is `(shop, id)`, so shop A's
 * customer who first uses the id `c-bob` no longer takes it from shop B's `bob`. Messages are
 * idempotent per sending side (`sender`: `customer` or `agent`): a customer's `clientMsgId` never
 * makes an agent's send look like a resend (nor the reverse), while the shop's agents, one party,
 * still share one (the missed-call summary every ringing agent posts is stored once). `conversation_tombstones` keeps the sequence counter of a conversation
 * deleted by the privacy API, so a conversation started again under the same id never reuses a seq.
 * No foreign keys on merges and tombstones, so deleting a conversation never trips over them.
 *
 * Version 5 adds the message search index (`search-schema.ts`) and the customer's email as the
 * shop's token last gave it (`customer_email`, searched by the desk, exported and deleted with the
 * conversation).
 *
 * Version 6 adds the agent desk (`desk-schema.ts`): status, snooze, assignee and labels of each
 * conversation, the shop's agents, each customer's last helper and the canned replies. Its
 * indexes and tables are `DESK_SCHEMA_SQL`, run after `SCHEMA_SQL` once the columns exist.
 */
export const SCHEMA_VERSION = 6;

export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS conversations (
  shop          TEXT NOT NULL,
  id            TEXT NOT NULL,
  customer_id   TEXT NOT NULL,
  customer_name TEXT NOT NULL,
  context       TEXT,
  last_seq      INTEGER NOT NULL DEFAULT 0,
  updated_at    INTEGER NOT NULL,
  customer_email TEXT,
${DESK_COLUMNS_SQL}
  PRIMARY KEY (shop, id)
);
CREATE INDEX IF NOT EXISTS conversations_by_shop ON conversations (shop, updated_at DESC);

CREATE TABLE IF NOT EXISTS messages (
  shop            TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  seq             INTEGER NOT NULL,
  sender          TEXT NOT NULL,
  client_msg_id   TEXT NOT NULL,
  from_user       TEXT NOT NULL,
  kind            TEXT NOT NULL,
  body            TEXT NOT NULL,
  attachments     TEXT,
  context         TEXT,
  at              INTEGER NOT NULL,
  PRIMARY KEY (shop, conversation_id, seq),
  UNIQUE (shop, conversation_id, sender, client_msg_id),
  FOREIGN KEY (shop, conversation_id) REFERENCES conversations (shop, id)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS receipts (
  shop            TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  user_id         TEXT NOT NULL,
  delivered_up_to INTEGER NOT NULL DEFAULT 0,
  read_up_to      INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (shop, conversation_id, user_id),
  FOREIGN KEY (shop, conversation_id) REFERENCES conversations (shop, id)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS uploads (
  id              TEXT PRIMARY KEY,
  shop            TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  sha256          TEXT NOT NULL,
  mime            TEXT NOT NULL,
  size            INTEGER NOT NULL,
  name            TEXT NOT NULL,
  created_at      INTEGER NOT NULL,
  uploader_id     TEXT NOT NULL,
  FOREIGN KEY (shop, conversation_id) REFERENCES conversations (shop, id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS uploads_by_sha256 ON uploads (sha256);
CREATE INDEX IF NOT EXISTS uploads_by_conversation ON uploads (shop, conversation_id);

CREATE TABLE IF NOT EXISTS conversation_merges (
  shop      TEXT NOT NULL,
  from_id   TEXT NOT NULL,
  into_id   TEXT NOT NULL,
  messages  INTEGER NOT NULL,
  merged_at INTEGER NOT NULL,
  PRIMARY KEY (shop, from_id)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS conversation_tombstones (
  shop       TEXT NOT NULL,
  id         TEXT NOT NULL,
  last_seq   INTEGER NOT NULL,
  deleted_at INTEGER NOT NULL,
  PRIMARY KEY (shop, id)
) WITHOUT ROWID;
${SEARCH_SCHEMA_SQL}`;

/** The side a message is idempotent under, with its clientMsgId: `customer` or `agent` (an admin is the agents' side). */
export function senderKey(user: { role: string }): string {
  return user.role === 'admin' ? 'agent' : user.role;
}
