/**
 * Schema version 3 -> 4 (conversations scoped by shop, idempotency per sender): a file written by
 * the previous relay is upgraded in place on open and keeps every row, which the relay then reads
 * and continues (seqs, idempotent resends, merges, uploads).
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { SCHEMA_VERSION } from '../../../server/schema.js';
import { SupportStore } from '../../../server/store.js';
import { tempDir } from './relay-harness.js';

/** The schema of relay version 3, as it shipped (server/schema.ts before issue 12). */
const V3_SCHEMA = `
CREATE TABLE conversations (id TEXT PRIMARY KEY, shop TEXT NOT NULL, customer_id TEXT NOT NULL, customer_name TEXT NOT NULL,
  context TEXT, last_seq INTEGER NOT NULL DEFAULT 0, updated_at INTEGER NOT NULL);
CREATE INDEX conversations_by_shop ON conversations (shop, updated_at DESC);
CREATE TABLE messages (conversation_id TEXT NOT NULL REFERENCES conversations (id), seq INTEGER NOT NULL, client_msg_id TEXT NOT NULL,
  from_user TEXT NOT NULL, kind TEXT NOT NULL, body TEXT NOT NULL, attachments TEXT, context TEXT, at INTEGER NOT NULL,
  PRIMARY KEY (conversation_id, seq), UNIQUE (conversation_id, client_msg_id)) WITHOUT ROWID;
CREATE TABLE receipts (conversation_id TEXT NOT NULL REFERENCES conversations (id), user_id TEXT NOT NULL,
  delivered_up_to INTEGER NOT NULL DEFAULT 0, read_up_to INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (conversation_id, user_id)) WITHOUT ROWID;
CREATE TABLE uploads (id TEXT PRIMARY KEY, conversation_id TEXT NOT NULL REFERENCES conversations (id), sha256 TEXT NOT NULL,
  mime TEXT NOT NULL, size INTEGER NOT NULL, name TEXT NOT NULL, created_at INTEGER NOT NULL, uploader_id TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX uploads_by_sha256 ON uploads (sha256);
CREATE TABLE conversation_merges (from_id TEXT PRIMARY KEY, into_id TEXT NOT NULL, messages INTEGER NOT NULL, merged_at INTEGER NOT NULL) WITHOUT ROWID;
`;

const ANA = { id: 'ana', name: 'Ana', role: 'customer' as const };
const ALEX = { id: 'alex', name: 'Alex', role: 'agent' as const };

function writeV3File(dir: string): void {
  const db = new Database(join(dir, 'support.sqlite'));
  db.exec(V3_SCHEMA);
  db.pragma('user_version = 3');
  const conversation = db.prepare('INSERT INTO conversations VALUES (?, ?, ?, ?, ?, ?, ?)');
  conversation.run('c-ana', 'demo', 'ana', 'Ana', '{"sku":"VX12P"}', 2, 2000);
  conversation.run('c-visitor', 'demo', 'visitor:x', 'Visitor', null, 0, 500);
  conversation.run('c-rita', 'rival', 'rita', 'Rita', null, 1, 3000);
  const message = db.prepare('INSERT INTO messages VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  message.run('c-ana', 1, 'm-1', JSON.stringify(ANA), 'text', 'the screen flickers', null, '{"sku":"VX12P"}', 1000);
  message.run('c-ana', 2, 'm-2', JSON.stringify(ALEX), 'text', 'send a photo', '[{"id":"u1","kind":"image","mime":"image/png","size":3,"name":"a.png","url":"/uploads/u1"}]', null, 2000);
  message.run('c-rita', 1, 'm-1', JSON.stringify({ id: 'rita', name: 'Rita', role: 'customer' }), 'text', 'hello', null, null, 3000);
  db.prepare('INSERT INTO receipts VALUES (?, ?, ?, ?)').run('c-ana', 'alex', 1, 1);
  db.prepare('INSERT INTO uploads VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run('u1', 'c-ana', 'ab'.repeat(32), 'image/png', 3, 'a.png', 1500, 'ana');
  db.prepare('INSERT INTO conversation_merges VALUES (?, ?, ?, ?)').run('c-visitor', 'c-ana', 1, 1800);
  db.close();
}

describe('schema upgrade from version 3', () => {
  it('upgrades a version 3 file in place, keeping every row, and the relay continues it', () => {
    const dir = tempDir('schema-v3-');
    try {
      writeV3File(dir);
      const store = new SupportStore(dir);
      try {
        const ana = store.getConversation('demo', 'c-ana');
        assert.deepEqual(ana, { id: 'c-ana', shop: 'demo', customer: { id: 'ana', name: 'Ana' }, context: { sku: 'VX12P' }, lastSeq: 2, updatedAt: 2000 });
        assert.equal(store.getConversation('rival', 'c-ana'), undefined, 'the row belongs to its shop only');
        assert.equal(store.getConversation('rival', 'c-rita')?.lastSeq, 1);
        assert.deepEqual(store.messagesAfter('demo', 'c-ana', 0, 10).map((m) => [m.seq, m.clientMsgId, m.from.id, m.body, m.attachments?.[0]?.id]), [
          [1, 'm-1', 'ana', 'the screen flickers', undefined],
          [2, 'm-2', 'alex', 'send a photo', 'u1'],
        ]);
        assert.deepEqual(store.summary(ana!).readUpTo, { alex: 1 });
        assert.deepEqual(store.uploads.get('u1'), { id: 'u1', shop: 'demo', conversationId: 'c-ana', sha256: 'ab'.repeat(32), mime: 'image/png', size: 3, name: 'a.png', createdAt: 1500, uploaderId: 'ana' });
        assert.deepEqual(store.listShopConversations('demo', 10).map((c) => c.id), ['c-ana'], 'the merged visitor conversation stays out of the queue');

        // Continued: a resend of an old message by its sender is the same message; the next seq follows.
        const resend = store.send({ shop: 'demo', conversationId: 'c-ana', clientMsgId: 'm-1', from: ANA, kind: 'text', body: 'the screen flickers' }, 4000);
        assert.deepEqual([resend.duplicate, resend.message.seq], [true, 1]);
        const next = store.send({ shop: 'demo', conversationId: 'c-ana', clientMsgId: 'm-1', from: ALEX, kind: 'text', body: 'on it' }, 4000);
        assert.deepEqual([next.duplicate, next.message.seq], [false, 3], "the agent's m-1 is another message");
      } finally {
        store.close();
      }
      const db = new Database(join(dir, 'support.sqlite'), { readonly: true });
      assert.equal(db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
      assert.deepEqual(db.pragma('foreign_key_check'), []);
      const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all().map((r) => r.name);
      // The version 4 tables, the version 5 search index (FTS5's own tables, the docs' AUTOINCREMENT) and the version 6 desk, nothing left of version 3.
      const search = ['message_search', 'message_search_config', 'message_search_data', 'message_search_docs', 'message_search_docsize', 'message_search_idx', 'message_search_queue'];
      const desk = ['canned_replies', 'customer_helpers', 'desk_agents'];
      assert.deepEqual(tables, [desk[0], 'conversation_merges', 'conversation_tombstones', 'conversations', desk[1], desk[2], ...search, 'messages', 'receipts', 'sqlite_sequence', 'uploads']);
      db.close();
      // Opening again is a no-op.
      new SupportStore(dir).close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('upgrades a version 1 file (no uploads, no merges) too', () => {
    const dir = tempDir('schema-v1-');
    try {
      const db = new Database(join(dir, 'support.sqlite'));
      db.exec(V3_SCHEMA.split('CREATE TABLE uploads')[0] ?? '');
      db.pragma('user_version = 1');
      db.prepare('INSERT INTO conversations VALUES (?, ?, ?, ?, ?, ?, ?)').run('c-ana', 'demo', 'ana', 'Ana', null, 0, 1);
      db.close();
      const store = new SupportStore(dir);
      assert.equal(store.getConversation('demo', 'c-ana')?.customer.id, 'ana');
      store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
