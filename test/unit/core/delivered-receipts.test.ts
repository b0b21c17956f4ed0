import { describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import type { ConversationStore } from '../../../src/core/conversation-store.js';
import { DELIVERED_BATCH_MS, DELIVERED_PER_BATCH, DeliveredReceipts } from '../../../src/core/delivered-receipts.js';

/** The two store methods the scheduler reads: 'to report' until noted. */
function storeWith(conversations: string[]): Pick<ConversationStore, 'deliveredToReport' | 'noteDelivered'> {
  const reported = new Map<string, number>();
  return {
    deliveredToReport: (id) => (conversations.includes(id) && (reported.get(id) ?? 0) < 7 ? 7 : undefined),
    noteDelivered: (id, upTo) => void reported.set(id, upTo),
  };
}

describe('delivered receipts', () => {
  it('sends at most DELIVERED_PER_BATCH receipts per window and the rest in the next windows, each once', () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      const ids = Array.from({ length: 10 }, (_, i) => `c-${i}`);
      const sent: string[][] = [];
      let window: string[] = [];
      const receipts = new DeliveredReceipts({
        store: storeWith(ids) as ConversationStore,
        send: (id) => window.push(id),
        isConnected: () => true,
      });
      for (const id of ids) receipts.schedule(id);
      for (let i = 0; i < 4; i++) {
        mock.timers.tick(DELIVERED_BATCH_MS);
        sent.push(window);
        window = [];
      }
      assert.deepEqual(
        sent.map((w) => w.length),
        [DELIVERED_PER_BATCH, DELIVERED_PER_BATCH, ids.length - 2 * DELIVERED_PER_BATCH, 0],
      );
      assert.deepEqual(sent.flat(), ids);
    } finally {
      mock.timers.reset();
    }
  });

  it('sends nothing while offline and forgets the batch (the next welcome reschedules)', () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      const sent: string[] = [];
      const receipts = new DeliveredReceipts({
        store: storeWith(['a']) as ConversationStore,
        send: (id) => sent.push(id),
        isConnected: () => false,
      });
      receipts.schedule('a');
      mock.timers.tick(DELIVERED_BATCH_MS * 3);
      assert.deepEqual(sent, []);
    } finally {
      mock.timers.reset();
    }
  });
});
