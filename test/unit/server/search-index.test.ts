/**
 * The message search index in the store: a deleted message (privacy API, retention) is never
 * found again and its index row goes, and a deleted customer's email with it; a version 4 file gets every stored message indexed by the
 * upgrade; a visitor's messages merged into a customer's are found in the customer's conversation.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { ConversationMerges } from '../../../server/conversation-merge.js';
import { DeskSearch } from '../../../server/desk-search.js';
import { silentLog } from '../../../server/log.js';
import { PrivacyStore } from '../../../server/privacy-store.js';
import { RetentionSweeper } from '../../../server/retention.js';
import { SCHEMA_VERSION } from '../../../server/schema.js';
import { SearchRequests } from '../../../server/search-frame.js';
import { SearchIndexer } from '../../../server/search-indexer.js';
import { SupportStore } from '../../../server/store.js';
import { UploadFiles } from '../../../server/upload-store.js';
import { tempDir } from './relay-harness.js';

const DAY = 24 * 60 * 60 * 1000;
const dirs: string[] = [];
const stores: SupportStore[] = [];

function open(dir = tempDir('search-index-')): { store: SupportStore; search: DeskSearch; indexer: SearchIndexer; dir: string } {
  dirs.push(dir);
  const store = new SupportStore(dir);
  stores.push(store);
  const indexer = new SearchIndexer(store.database);
  return { store, search: new DeskSearch(store.database, indexer), indexer, dir };
}

function write(store: SupportStore, shop: string, customerId: string, bodies: string[], at: number): void {
  const conversationId = `c-${customerId}`;
  store.ensureConversation(conversationId, shop, { id: customerId, name: `Customer ${customerId}` }, at);
  for (const [i, body] of bodies.entries()) {
    store.send({ shop, conversationId, clientMsgId: `m${i}`, kind: 'text', body, from: { id: customerId, name: customerId, role: 'customer' } }, at);
  }
}

const found = (search: DeskSearch, shop: string, query: string): string[] =>
  search.search(shop, query, 20).hits.map((hit) => `${hit.conversation.id}#${hit.message?.seq ?? '-'}`);

const indexRows = (store: SupportStore, match: string): number =>
  store.database.prepare<[string], { n: number }>('SELECT count(*) AS n FROM message_search WHERE message_search MATCH ?').get(match)?.n ?? -1;

afterEach(() => {
  for (const store of stores.splice(0)) store.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the message search index', () => {
  it('never finds messages of a customer deleted through the privacy API, and drops their index rows', () => {
    const { store, search, indexer, dir } = open();
    write(store, 'demo', 'ana', ['the hinge of my laptop cracked'], 1000);
    write(store, 'demo', 'bob', ['my laptop hinge is fine'], 2000);
    assert.deepEqual(found(search, 'demo', 'hinge'), ['c-bob#1', 'c-ana#1']);
    new PrivacyStore(store.database, new UploadFiles(dir)).deleteCustomer('ana', 'demo', 3000);
    assert.deepEqual(found(search, 'demo', 'hinge'), ['c-bob#1']);
    assert.deepEqual(found(search, 'demo', 'cracked'), []);
    assert.ok(indexer.drain());
    assert.equal(indexRows(store, '"cracked"'), 0);
    assert.equal(indexRows(store, '"hinge"'), 1);
  });

  it("exports the customer's email with their conversation and forgets it with the deletion", () => {
    const { store, search, dir } = open();
    write(store, 'demo', 'ana', ['hello'], 1000);
    const requests = new SearchRequests(store.database);
    requests.rememberEmail('demo', 'ana', 'ana@example.com');
    requests.indexer.stop();
    assert.deepEqual(found(search, 'demo', 'ana@example'), ['c-ana#-']);
    const privacy = new PrivacyStore(store.database, new UploadFiles(dir));
    assert.deepEqual(privacy.exportCustomer('ana', 'demo', 2000).conversations[0]?.customer, { id: 'ana', name: 'Customer ana', email: 'ana@example.com' });
    privacy.deleteCustomer('ana', 'demo', 3000);
    assert.deepEqual(found(search, 'demo', 'ana@example'), []);
  });

  it('never finds messages removed by retention', () => {
    const { store, search, indexer, dir } = open();
    const now = 100 * DAY;
    write(store, 'demo', 'ana', ['old warranty question'], now - 40 * DAY);
    write(store, 'demo', 'bob', ['new warranty question'], now - DAY);
    indexer.drain();
    const sweeper = new RetentionSweeper({ db: store.database, files: new UploadFiles(dir), privacy: new PrivacyStore(store.database, new UploadFiles(dir)), days: 30, log: silentLog, now: () => now });
    assert.equal(sweeper.sweep().messages, 1);
    assert.deepEqual(found(search, 'demo', 'warranty'), ['c-bob#1']);
    assert.deepEqual(found(search, 'demo', 'old'), []);
    indexer.drain();
    assert.equal(indexRows(store, '"warranty"'), 1);
  });

  it("finds a visitor's merged messages in the customer's conversation, not the visitor's", () => {
    const { store, search } = open();
    write(store, 'demo', 'visitor:v1', ['asked as a visitor about the dishwasher'], 1000);
    write(store, 'demo', 'ana', ['signed in now'], 2000);
    assert.deepEqual(found(search, 'demo', 'dishwasher'), ['c-visitor:v1#1']);
    new ConversationMerges(store.database).merge({
      shop: 'demo', from: 'c-visitor:v1', into: 'c-ana', visitorId: 'visitor:v1', customer: { id: 'ana', name: 'Ana', role: 'customer' }, now: 3000,
    });
    assert.deepEqual(found(search, 'demo', 'dishwasher'), ['c-ana#2']);
  });

  it('indexes every message of a version 4 file when it is upgraded', () => {
    const dir = tempDir('search-v4-');
    const first = new SupportStore(dir);
    write(first, 'demo', 'ana', ['电视遥控器没有反应', 'the remote does not respond'], 1000);
    // Back to version 4: no search tables, no email column.
    first.database.exec(`
      DROP TRIGGER message_search_enqueue; DROP TRIGGER message_search_forget; DROP TRIGGER message_search_change;
      DROP TABLE message_search; DROP TABLE message_search_docs; DROP TABLE message_search_queue;
      ALTER TABLE conversations DROP COLUMN customer_email;`);
    first.database.pragma('user_version = 4');
    first.close();
    const { store, search } = open(dir);
    assert.equal(store.database.pragma('user_version', { simple: true }), SCHEMA_VERSION);
    assert.equal(store.database.prepare<[], { n: number }>('SELECT count(*) AS n FROM message_search_queue').get()?.n, 0, 'indexed by the upgrade itself');
    assert.deepEqual(found(search, 'demo', '遥控器'), ['c-ana#1']);
    assert.deepEqual(found(search, 'demo', 'remote'), ['c-ana#2']);
    const columns = new Database(join(dir, 'support.sqlite'), { readonly: true });
    try {
      assert.ok(columns.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('conversations')").all().some((c) => c.name === 'customer_email'));
    } finally {
      columns.close();
    }
  });
});
