/**
 * Seeds one customer's conversation straight into the relay's SQLite store (the server's own
 * `SupportStore`, so rows are exactly what the relay writes), spread over the last 30 days.
 */
import { SupportStore } from '../../server/store.js';
import type { UserRef } from '../../src/protocol/model.js';
import { seedTexts, type SeedText } from './texts.js';

const DAYS_MS = 30 * 24 * 3600 * 1000;

export function seedConversation(dataDir: string, customerId: string, count: number): SeedText[] {
  const texts = seedTexts(count);
  const store = new SupportStore(dataDir);
  try {
    const now = Date.now();
    const start = now - DAYS_MS;
    const conversationId = `c-${customerId}`;
    const customer: UserRef = { id: customerId, name: 'Customer BNCH', role: 'customer' };
    const agent: UserRef = { id: 'agent-ann', name: 'Ann (support)', role: 'agent' };
    store.ensureConversation(conversationId, 'demo', { id: customer.id, name: customer.name }, start);
    texts.forEach((text, i) => {
      store.send(
        { shop: 'demo', conversationId, clientMsgId: `seed-${i}`, from: text.fromAgent ? agent : customer, kind: 'text', body: text.body },
        start + Math.floor((i * DAYS_MS) / count),
      );
    });
  } finally {
    store.close();
  }
  return texts;
}
