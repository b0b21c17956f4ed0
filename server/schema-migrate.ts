/**
 * Opening the store's schema: a new file gets the current schema; a file of version 1-3 (one
 * conversation id space for every shop) is upgraded in place to version 4, keeping every row,
 * and a file of version 4 to version 5 (the customer's email, the message search index built from
 * every stored message), and a file of version 5 to 6 (the agent desk: every conversation open and
 * unassigned); a file of a newer relay is refused before anything is changed.
 */
import type Database from 'better-sqlite3';
import { SupportError } from 'support-widget/protocol';
import { addDeskSchema, DESK_SCHEMA_SQL } from './desk-schema.js';
import { SCHEMA_SQL, SCHEMA_VERSION } from './schema.js';
import { buildMessageIndex } from './search-schema.js';

/** The version 3 schema (additive over 1 and 2): completes an older file before it is moved to version 4. */
const V3_SQL = `
CREATE TABLE IF NOT EXISTS conversations (
  id TEXT PRIMARY KEY, shop TEXT NOT NULL, customer_id TEXT NOT NULL, customer_name TEXT NOT NULL,
  context TEXT, last_seq INTEGER NOT NULL DEFAULT 0, updated_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS messages (
  conversation_id TEXT NOT NULL, seq INTEGER NOT NULL, client_msg_id TEXT NOT NULL, from_user TEXT NOT NULL,
  kind TEXT NOT NULL, body TEXT NOT NULL, attachments TEXT, context TEXT, at INTEGER NOT NULL,
  PRIMARY KEY (conversation_id, seq), UNIQUE (conversation_id, client_msg_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS receipts (
  conversation_id TEXT NOT NULL, user_id TEXT NOT NULL, delivered_up_to INTEGER NOT NULL DEFAULT 0,
  read_up_to INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (conversation_id, user_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS uploads (
  id TEXT PRIMARY KEY, conversation_id TEXT NOT NULL, sha256 TEXT NOT NULL, mime TEXT NOT NULL,
  size INTEGER NOT NULL, name TEXT NOT NULL, created_at INTEGER NOT NULL, uploader_id TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS conversation_merges (
  from_id TEXT PRIMARY KEY, into_id TEXT NOT NULL, messages INTEGER NOT NULL, merged_at INTEGER NOT NULL
) WITHOUT ROWID;
`;

const OLD_TABLES = ['conversations', 'messages', 'receipts', 'uploads', 'conversation_merges'] as const;

/**
 * Version 3 -> 4: every row keeps its data and gains its conversation's shop; a message's sender
 * side (`senderKey`) comes from its stored author's role. Rows that name no stored conversation (none should) are kept
 * under the shop ''.
 */
const COPY_V3_ROWS = `
INSERT INTO conversations (shop, id, customer_id, customer_name, context, last_seq, updated_at)
  SELECT shop, id, customer_id, customer_name, context, last_seq, updated_at FROM v3_conversations;
INSERT INTO messages (shop, conversation_id, seq, sender, client_msg_id, from_user, kind, body, attachments, context, at)
  SELECT coalesce(c.shop, ''), m.conversation_id, m.seq,
         json_extract(m.from_user, '$.role'),
         m.client_msg_id, m.from_user, m.kind, m.body, m.attachments, m.context, m.at
  FROM v3_messages m LEFT JOIN v3_conversations c ON c.id = m.conversation_id;
INSERT INTO receipts (shop, conversation_id, user_id, delivered_up_to, read_up_to)
  SELECT coalesce(c.shop, ''), r.conversation_id, r.user_id, r.delivered_up_to, r.read_up_to
  FROM v3_receipts r LEFT JOIN v3_conversations c ON c.id = r.conversation_id;
INSERT INTO uploads (id, shop, conversation_id, sha256, mime, size, name, created_at, uploader_id)
  SELECT u.id, coalesce(c.shop, ''), u.conversation_id, u.sha256, u.mime, u.size, u.name, u.created_at, u.uploader_id
  FROM v3_uploads u LEFT JOIN v3_conversations c ON c.id = u.conversation_id;
INSERT INTO conversation_merges (shop, from_id, into_id, messages, merged_at)
  SELECT coalesce(c.shop, ''), g.from_id, g.into_id, g.messages, g.merged_at
  FROM v3_conversation_merges g LEFT JOIN v3_conversations c ON c.id = g.from_id;
`;

function hasTable(db: Database.Database, name: string): boolean {
  return db.prepare<[string], { n: number }>("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = ?").get(name)?.n === 1;
}

/** Moves a version 1-3 file to version 4 in one transaction (foreign keys off while tables are swapped). */
function upgradeFromV3(db: Database.Database): void {
  db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      db.exec(V3_SQL);
      // The old indexes would keep their names on the renamed tables and stop the new ones being made.
      db.exec('DROP INDEX IF EXISTS conversations_by_shop; DROP INDEX IF EXISTS uploads_by_sha256;');
      for (const table of OLD_TABLES) db.exec(`ALTER TABLE ${table} RENAME TO v3_${table}`);
      db.exec(SCHEMA_SQL);
      db.exec(COPY_V3_ROWS);
      for (const table of ['messages', 'receipts', 'uploads', 'conversation_merges', 'conversations']) db.exec(`DROP TABLE v3_${table}`);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
    }).immediate();
  } finally {
    db.pragma('foreign_keys = ON');
  }
}

/** Version 4 -> 5, in one transaction: the email column, the search tables, every stored message indexed. */
function upgradeToV5(db: Database.Database): void {
  db.transaction(() => {
    const columns = db.prepare<[], { name: string }>('SELECT name FROM pragma_table_info(\'conversations\')').all();
    if (!columns.some((column) => column.name === 'customer_email')) db.exec('ALTER TABLE conversations ADD COLUMN customer_email TEXT');
    db.exec(SCHEMA_SQL);
    buildMessageIndex(db);
    db.pragma('user_version = 5');
  }).immediate();
}

/** Version 5 -> 6, in one transaction: the desk's columns and tables; the search triggers made again to skip desk events. */
function upgradeToV6(db: Database.Database): void {
  db.transaction(() => {
    addDeskSchema(db);
    db.exec('DROP TRIGGER IF EXISTS message_search_enqueue; DROP TRIGGER IF EXISTS message_search_change;');
    db.exec(SCHEMA_SQL);
    db.pragma('user_version = 6');
  }).immediate();
}

/**
 * Brings the open database `path` to `SCHEMA_VERSION`. Throws `config` (and changes nothing) for
 * a file written by a newer relay.
 */
export function openSchema(db: Database.Database, path: string): void {
  const found = Number(db.pragma('user_version', { simple: true }));
  if (found > SCHEMA_VERSION) {
    throw new SupportError('config', `${path} has schema version ${found}, newer than this relay's ${SCHEMA_VERSION}: upgrade the relay or restore a backup`, { retryable: false });
  }
  if (found < 4 && hasTable(db, 'conversations')) upgradeFromV3(db);
  if (found < 5 && hasTable(db, 'conversations')) upgradeToV5(db);
  if (found < 6 && hasTable(db, 'conversations')) upgradeToV6(db);
  db.exec(SCHEMA_SQL);
  db.exec(DESK_SCHEMA_SQL);
  db.pragma(`user_version = ${SCHEMA_VERSION}`);
}
