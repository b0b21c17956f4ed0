/**
 * Schema 6 (the desk): a version 5 file is upgraded in place, every conversation open and
 * unassigned with its messages kept, and the desk works on it at once.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { describe, it } from 'node:test';
import { DeskStore } from '../../../server/desk-store.js';
import { SCHEMA_VERSION } from '../../../server/schema.js';
import { SupportStore } from '../../../server/store.js';
import { tempDir } from './relay-harness.js';

const ana = { id: 'ana', name: 'Ana', role: 'customer' as const };
const alex = { id: 'alex', name: 'Alex', role: 'agent' as const };

describe('schema 6: the desk', () => {
  it('upgrades a version 5 file: conversations open and unassigned, messages kept, the desk usable', () => {
    const dir = tempDir('desk-v5-');
    try {
      const first = new SupportStore(dir);
      first.ensureConversation('c-ana', 'demo', ana, 1000);
      first.send({ shop: 'demo', conversationId: 'c-ana', clientMsgId: 'm1', kind: 'text', body: 'hello', from: ana }, 1000);
      // Back to version 5: no desk tables, indexes or columns.
      first.database.exec(`
        DROP INDEX conversations_by_assignee; DROP INDEX conversations_snoozed; DROP INDEX conversations_load; DROP INDEX conversations_by_customer;
        DROP TABLE desk_agents; DROP TABLE customer_helpers; DROP TABLE canned_replies;
        ALTER TABLE conversations DROP COLUMN status; ALTER TABLE conversations DROP COLUMN snoozed_until;
        ALTER TABLE conversations DROP COLUMN assignee_id; ALTER TABLE conversations DROP COLUMN assignee_name;
        ALTER TABLE conversations DROP COLUMN labels;`);
      first.database.pragma('user_version = 5');
      first.close();

      const store = new SupportStore(dir);
      try {
        assert.equal(store.database.pragma('user_version', { simple: true }), SCHEMA_VERSION);
        const conversation = store.getConversation('demo', 'c-ana');
        assert.deepEqual(conversation, { id: 'c-ana', shop: 'demo', customer: { id: 'ana', name: 'Ana' }, lastSeq: 1, updatedAt: 1000 }, 'open, unassigned, no labels');
        assert.equal(store.messagesAfter('demo', 'c-ana', 0, 10)[0]?.body, 'hello');
        const taken = new DeskStore(store).assign('demo', 'c-ana', alex, { by: alex, expect: null }, 2000);
        assert.ok(taken.ok);
        assert.deepEqual(store.summary(store.getConversation('demo', 'c-ana')!).assignee, { id: 'alex', name: 'Alex' });
        assert.deepEqual(store.summary(store.getConversation('demo', 'c-ana')!).lastMessage?.body, 'hello', 'the preview skips the event');
      } finally {
        store.close();
      }
      // Opening again is a no-op.
      new SupportStore(dir).close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
