/** The outgoing messages' code arrives after the client is made: what was asked meanwhile is not lost. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConversationStore } from '../../../src/core/conversation-store.js';
import { Emitter } from '../../../src/base/emitter.js';
import { MemoryStorage } from '../../../src/base/storage.js';
import { OutgoingLoader } from '../../../src/core/outgoing-loader.js';
import * as outgoing from '../../../src/core/outgoing-messages.js';
import type { SupportClientEvents } from '../../../src/core/types.js';

describe('OutgoingLoader', () => {
  it('shows a message sent before the code arrives, then queues and persists it once, in order', async () => {
    let arrive: (module: typeof outgoing) => void = () => undefined;
    const loaded = new Promise<typeof outgoing>((resolve) => (arrive = resolve));
    const store = new ConversationStore();
    const events = new Emitter<SupportClientEvents>();
    const storage = new MemoryStorage();
    const seen: string[] = [];
    events.on('message', ({ message, isNew }) => seen.push(`${message.body}:${message.status}:${isNew ? 'new' : 'changed'}`));
    const loader = new OutgoingLoader(
      {
        store,
        events,
        storage,
        memoryFiles: true,
        send: () => Promise.reject(new Error('offline')),
        isConnected: () => false,
        uploadProvider: () => undefined,
        lock: (_name, task) => task(),
      },
      () => loaded,
    );
    const first = loader.queue('c1', { body: 'first' });
    const second = loader.queue('c1', { body: 'second', files: [{ blob: new Blob(['%PDF-1.4']), name: 'receipt.pdf' }] });
    assert.deepEqual(
      store.view('c1')?.messages.map((m) => `${m.body}:${m.status}:${m.uploads?.map((u) => `${u.name}/${u.state}`).join() ?? ''}`),
      ['first:sending:', 'second:sending:receipt.pdf/waiting'],
    );
    loader.bind({ id: 'u1', name: 'Ann', role: 'customer' });
    arrive(outgoing);
    await loaded;
    await new Promise((resolve) => setTimeout(resolve, 10));
    const stored = JSON.parse(storage.getItem('support-widget:outbox:u1') ?? '{}') as { entries?: { clientMsgId: string; files?: unknown[] }[] };
    assert.deepEqual(
      stored.entries?.map((e) => e.clientMsgId),
      [first.clientMsgId, second.clientMsgId],
    );
    assert.equal(stored.entries?.[1]?.files?.length, 1);
    assert.equal(store.view('c1')?.messages.length, 2, 'shown once each');
    assert.deepEqual(seen.slice(0, 2), ['first:sending:new', 'second:sending:new']);
    loader.stop();
  });
});
