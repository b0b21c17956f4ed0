/**
 * Messages with files in the client's outbox, against the real relay: queued before their files
 * are stored, kept (bytes and all) across a reload, failed visibly with their text when an upload
 * fails, and shared by two "tabs" (two clients on one storage) without loss or duplicates.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SupportError } from '../../../src/protocol/errors.js';
import { MemoryStorage } from '../../../src/base/storage.js';
import { fileKey, MemoryFileStore } from '../../../src/core/outbox-file-store.js';
import type { ChatMessage } from '../../../src/core/types.js';
import { staticToken } from '../../../src/tokens/static-token.js';
import { relayUploadProvider } from '../../../src/uploads/relay-upload-provider.js';
import type { UploadProvider } from '../../../src/uploads/types.js';
import { png } from '../uploads/sample-files.js';
import { agentToken, customerToken, relayHarness, until, type Harness } from './relay-harness.js';

const TIMEOUT = { timeout: 20_000 };

function photo(name = 'hinge.png'): { blob: Blob; name: string } {
  return { blob: new Blob([new Uint8Array(png())], { type: 'image/png' }), name };
}

function uploadsFor(h: Harness, token: string): UploadProvider {
  return relayUploadProvider({ server: h.url, tokenProvider: staticToken(token) });
}

/** Polls an async probe until it is truthy; fails with `what` after `timeoutMs`. */
async function eventually(probe: () => Promise<unknown>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function sentMessage(messages: readonly ChatMessage[] | undefined, clientMsgId: string): ChatMessage | undefined {
  return messages?.find((m) => m.clientMsgId === clientMsgId && m.seq !== undefined);
}

describe('SupportClient outbox with files', () => {
  it('shows a message at once with its upload, then sends text and photo as one message', TIMEOUT, async (t) => {
    const h = await relayHarness(t);
    const token = customerToken('fay');
    const customer = h.client(token, { uploadProvider: uploadsFor(h, token) });
    await customer.connect();
    const queued = customer.send('c-fay', { body: 'the hinge', files: [photo()] });
    assert.equal(queued.status, 'sending');
    assert.deepEqual(queued.uploads?.map((u) => `${u.name}:${u.kind}`), ['hinge.png:image']);
    const sent = await until(() => sentMessage(customer.conversation('c-fay')?.messages, queued.clientMsgId), 'the message sent');
    assert.equal(sent.uploads, undefined);
    assert.equal(sent.attachments?.[0]?.kind, 'image');
    const agent = h.client(agentToken('al'));
    await agent.connect();
    await agent.openConversation('c-fay');
    const seen = agent.conversation('c-fay')?.messages ?? [];
    assert.deepEqual(
      seen.map((m) => `${m.body}:${m.attachments?.map((a) => a.name).join()}`),
      ['the hinge:hinge.png'],
    );
  });

  it('keeps a photo queued offline across a reload, uploads it on reconnect and forgets its bytes', TIMEOUT, async (t) => {
    const h = await relayHarness(t);
    const token = customerToken('gil');
    const storage = new MemoryStorage();
    const fileStore = new MemoryFileStore();
    const first = h.client(token, { storage, fileStore, uploadProvider: uploadsFor(h, token) });
    await first.connect();
    first.disconnect();
    const queued = first.send('c-gil', { body: 'sent offline', files: [photo('offline.png')] });
    await eventually(() => fileStore.get(fileKey(queued.clientMsgId, 0)), 'the photo saved in the file store');
    first.dispose(); // the page goes away

    const second = h.client(token, { storage, fileStore, uploadProvider: uploadsFor(h, token) });
    await second.connect();
    const sent = await until(() => sentMessage(second.conversation('c-gil')?.messages, queued.clientMsgId), 'sent after the reload');
    assert.equal(sent.body, 'sent offline');
    assert.equal(sent.attachments?.[0]?.name, 'offline.png');
    await eventually(async () => !(await fileStore.get(fileKey(queued.clientMsgId, 0))), 'the bytes forgotten');
  });

  it('forgets the bytes of a message acked before their save finished (no orphan left in the file store)', TIMEOUT, async (t) => {
    const h = await relayHarness(t);
    const token = customerToken('ida');
    // A slow store: the save of the bytes ends only after the message is acknowledged.
    const fileStore = new MemoryFileStore();
    let finishSave: () => void = () => undefined;
    const saveHeld = new Promise<void>((resolve) => (finishSave = resolve));
    const slow = {
      put: async (key: string, file: Parameters<MemoryFileStore['put']>[1]) => {
        await saveHeld;
        await fileStore.put(key, file);
      },
      get: (key: string) => fileStore.get(key),
      deleteMessage: (id: string) => fileStore.deleteMessage(id),
    };
    const customer = h.client(token, { fileStore: slow, uploadProvider: uploadsFor(h, token) });
    await customer.connect();
    const queued = customer.send('c-ida', { body: 'fast ack', files: [photo()] });
    await until(() => sentMessage(customer.conversation('c-ida')?.messages, queued.clientMsgId), 'the message sent');
    finishSave();
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(await fileStore.get(fileKey(queued.clientMsgId, 0)), undefined, 'the late save is forgotten too');
  });

  it('marks the message failed (text kept) when its upload fails, and retry uploads and sends it', TIMEOUT, async (t) => {
    const h = await relayHarness(t);
    const token = customerToken('hal');
    const real = uploadsFor(h, token);
    let calls = 0;
    const flaky: UploadProvider = {
      upload: (file, options) => (++calls === 1 ? Promise.reject(new SupportError('network', 'upload cut')) : real.upload(file, options)),
    };
    const customer = h.client(token, { uploadProvider: flaky });
    const errors: string[] = [];
    customer.on('error', (error) => errors.push(error.code));
    await customer.connect();
    const queued = customer.send('c-hal', { body: 'keep my words', files: [photo()] });
    const failed = await until(
      () => customer.conversation('c-hal')?.messages.find((m) => m.clientMsgId === queued.clientMsgId && m.status === 'failed'),
      'the message failed',
    );
    assert.equal(failed.body, 'keep my words');
    assert.deepEqual(failed.uploads?.map((u) => u.state), ['failed']);
    assert.deepEqual(errors, ['network']);
    customer.retry('c-hal', queued.clientMsgId);
    const sent = await until(() => sentMessage(customer.conversation('c-hal')?.messages, queued.clientMsgId), 'sent after retry');
    assert.equal(sent.attachments?.length, 1);
    assert.equal(calls, 2);
  });

  it('two tabs on one storage each queue while the relay is down: every message arrives once', TIMEOUT, async (t) => {
    const h = await relayHarness(t);
    const token = customerToken('ivy');
    const storage = new MemoryStorage();
    const fileStore = new MemoryFileStore();
    const tabA = h.client(token, { storage, fileStore, uploadProvider: uploadsFor(h, token) });
    const tabB = h.client(token, { storage, fileStore, uploadProvider: uploadsFor(h, token) });
    await Promise.all([tabA.connect(), tabB.connect()]);
    await h.stop();
    await until(() => tabA.state !== 'connected' && tabB.state !== 'connected', 'both tabs see the relay gone');
    tabA.send('c-ivy', { body: 'A1' });
    tabB.send('c-ivy', { body: 'B1', files: [photo('b1.png')] });
    tabA.send('c-ivy', { body: 'A2', files: [photo('a2.png')] });
    tabB.send('c-ivy', { body: 'B2' });
    await h.restart();
    await until(() => tabA.state === 'connected' && tabB.state === 'connected', 'both tabs back', 10_000);
    const label = (m: ChatMessage): string => `${m.body}${m.attachments?.length ? `+${m.attachments[0]?.name}` : ''}`;
    await eventually(async () => {
      const peek = h.client(agentToken(`al-${Date.now()}`));
      await peek.connect();
      await peek.openConversation('c-ivy');
      const count = peek.conversation('c-ivy')?.messages.length ?? 0;
      peek.dispose();
      return count >= 4;
    }, 'four messages stored', 10_000);
    await until(() => (tabA.conversation('c-ivy')?.messages ?? []).every((m) => m.seq !== undefined), 'tab A settled', 10_000);
    await until(() => (tabB.conversation('c-ivy')?.messages ?? []).every((m) => m.seq !== undefined), 'tab B settled', 10_000);
    // Any duplicate would be stored by now: the history of a fresh agent client shows each message once.
    const agent = h.client(agentToken('al'));
    await agent.connect();
    await agent.openConversation('c-ivy');
    const seen = (agent.conversation('c-ivy')?.messages ?? []).map(label);
    assert.deepEqual([...seen].sort(), ['A1', 'A2+a2.png', 'B1+b1.png', 'B2']);
    const left = JSON.parse(storage.getItem('support-widget:outbox:ivy') ?? '{}') as { entries?: unknown[] };
    assert.deepEqual(left.entries ?? [], []);
  });
});
