/**
 * The message search index (schema version 5): a contentless FTS5 table with the trigram
 * tokenizer (any language, CJK included, substrings of 3+ characters), a table naming the message
 * each index row stands for (ids never reused, so a removal queued for one never hits another),
 * and a queue that triggers on `messages` fill in the same transaction as the message. The send
 * path only appends a queue row; `SearchIndexer` moves queued messages into the index in small
 * slices off the send path (tokenising costs tens of µs per message). Deleting a message (privacy
 * API, retention, a visitor merge) drops its row from `message_search_docs` at once, so searches
 * never return it, and queues its index row for removal. Desk events (kind `event`, JSON the relay
 * writes) are not indexed: a search for an agent's name must find what people wrote.
 */
import type Database from 'better-sqlite3';

export const SEARCH_SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS message_search_docs (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  shop            TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  seq             INTEGER NOT NULL,
  UNIQUE (shop, conversation_id, seq)
);
CREATE VIRTUAL TABLE IF NOT EXISTS message_search USING fts5(body, content='', contentless_delete=1, tokenize='trigram');

-- A message to index (doc NULL), or an index row to remove (doc set).
CREATE TABLE IF NOT EXISTS message_search_queue (
  id              INTEGER PRIMARY KEY,
  shop            TEXT,
  conversation_id TEXT,
  seq             INTEGER,
  doc             INTEGER
);

CREATE TRIGGER IF NOT EXISTS message_search_enqueue AFTER INSERT ON messages WHEN new.body <> '' AND new.kind <> 'event' BEGIN
  INSERT INTO message_search_queue (shop, conversation_id, seq) VALUES (new.shop, new.conversation_id, new.seq);
END;
CREATE TRIGGER IF NOT EXISTS message_search_forget AFTER DELETE ON messages BEGIN
  INSERT INTO message_search_queue (doc)
    SELECT id FROM message_search_docs WHERE shop = old.shop AND conversation_id = old.conversation_id AND seq = old.seq;
  DELETE FROM message_search_docs WHERE shop = old.shop AND conversation_id = old.conversation_id AND seq = old.seq;
END;
CREATE TRIGGER IF NOT EXISTS message_search_change AFTER UPDATE OF shop, conversation_id, seq, body ON messages BEGIN
  INSERT INTO message_search_queue (doc)
    SELECT id FROM message_search_docs WHERE shop = old.shop AND conversation_id = old.conversation_id AND seq = old.seq;
  DELETE FROM message_search_docs WHERE shop = old.shop AND conversation_id = old.conversation_id AND seq = old.seq;
  INSERT INTO message_search_queue (shop, conversation_id, seq) SELECT new.shop, new.conversation_id, new.seq WHERE new.body <> '' AND new.kind <> 'event';
END;
`;

/**
 * Indexes every stored message now, oldest first (index order is recency order), and empties
 * the queue: what the upgrade to version 5 runs inside its transaction.
 */
export function buildMessageIndex(db: Database.Database): void {
  db.exec(`
    DELETE FROM message_search_queue;
    DELETE FROM message_search_docs;
    INSERT INTO message_search (message_search) VALUES ('delete-all');
    INSERT INTO message_search_docs (shop, conversation_id, seq)
      SELECT shop, conversation_id, seq FROM messages WHERE body <> '' AND kind <> 'event' ORDER BY at, shop, conversation_id, seq;
    INSERT INTO message_search (rowid, body)
      SELECT d.id, m.body FROM message_search_docs d
      JOIN messages m ON m.shop = d.shop AND m.conversation_id = d.conversation_id AND m.seq = d.seq;
  `);
}
