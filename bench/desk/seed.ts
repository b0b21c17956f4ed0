/**
 * Seeds a relay store for the desk benchmark: the schema comes from the server's own
 * `SupportStore`, then conversations and messages go in with one prepared INSERT each inside one
 * transaction (the relay's triggers queue every message for the search index, as a send does),
 * and the server's `SearchIndexer` indexes the queue. English and Chinese support texts alternate;
 * with `otherShop`, a second shop holds a twentieth of the messages (searches must never see them).
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SearchIndexer } from '../../server/search-indexer.js';
import { SupportStore } from '../../server/store.js';

export const SHOP = 'demo';
export const OTHER_SHOP = 'rival';

const EN = [
  'The screen flickers when the charger is plugged in.',
  'How do I pair the earbuds with my laptop?',
  'Where is my repair? The order number is on the receipt.',
  'The battery drops from 80% to 20% in an hour.',
  'Please hold the power button for 10 seconds and tell me what you see.',
  'I have booked a repair for you; the courier comes tomorrow between 9 and 12.',
  'The fridge makes a loud humming noise at night.',
  'Is the device still under warranty? It was bought last spring.',
];
const ZH = [
  '插上充电器后屏幕一直闪烁。',
  '耳机怎么和笔记本电脑配对？',
  '我的维修订单到哪里了？订单号在收据上。',
  '电池一个小时就从百分之八十掉到二十。',
  '请按住电源键十秒钟，然后告诉我看到了什么。',
  '已经为您预约了维修，快递员明天九点到十二点上门。',
  '冰箱晚上发出很大的嗡嗡声。',
  '设备还在保修期内吗？是去年春天买的。',
];

/** The text of message `i`: the phrases above in turn, with a number so no two are the same. */
export function seedBody(i: number): string {
  const texts = i % 2 === 0 ? EN : ZH;
  return `${texts[Math.floor(i / 2) % texts.length] ?? ''} #${i}`;
}

export interface SeedResult {
  seedMs: number;
  indexMs: number;
}

/**
 * `conversations` conversations of `SHOP` (the newest last), and `messages` messages spread over
 * them, then the search index built. `progress` hears about long steps.
 */
export function seedDesk(dataDir: string, conversations: number, messages: number, options: { otherShop: boolean; progress: (line: string) => void }): SeedResult {
  const { progress } = options;
  new SupportStore(dataDir).close();
  const started = performance.now();
  const db = new Database(join(dataDir, 'support.sqlite'));
  try {
    // Setup only (not what is measured): no fsync per page, a cache that holds the index being built.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -262144');
    const now = Date.now();
    const conversation = db.prepare('INSERT INTO conversations (shop, id, customer_id, customer_name, last_seq, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
    const message = db.prepare(
      `INSERT INTO messages (shop, conversation_id, seq, sender, client_msg_id, from_user, kind, body, attachments, context, at)
       VALUES (?, ?, ?, 'customer', ?, ?, 'text', ?, NULL, NULL, ?)`,
    );
    db.transaction(() => {
      const perConversation = Math.max(1, Math.ceil(messages / conversations));
      for (let c = 0; c < conversations; c += 1) {
        const shop = options.otherShop && c % 20 === 19 ? OTHER_SHOP : SHOP;
        const id = `c-cu${c}`;
        const count = Math.min(perConversation, Math.max(0, messages - c * perConversation));
        const from = JSON.stringify({ id: `cu${c}`, name: `Customer ${c}`, role: 'customer' });
        // Messages are spread in time the way they were sent: conversation by conversation, older first.
        const at0 = now - (conversations - c) * perConversation * 1000;
        conversation.run(shop, id, `cu${c}`, c % 7 === 0 ? `王芳 ${c}` : `Customer ${c}`, count, at0 + count * 1000);
        for (let k = 0; k < count; k += 1) message.run(shop, id, k + 1, `m${k}`, from, seedBody(c * perConversation + k), at0 + k * 1000);
      }
    })();
  } finally {
    db.close();
  }
  const seedMs = performance.now() - started;
  progress(`desk: seeded ${conversations} conversations, ${messages} messages in ${(seedMs / 1000).toFixed(1)} s`);
  const indexStarted = performance.now();
  const index = new Database(join(dataDir, 'support.sqlite'));
  try {
    index.pragma('synchronous = OFF');
    index.pragma('cache_size = -262144');
    new SearchIndexer(index).drain();
  } finally {
    index.close();
  }
  const indexMs = performance.now() - indexStarted;
  progress(`desk: indexed them in ${(indexMs / 1000).toFixed(1)} s`);
  return { seedMs, indexMs };
}
