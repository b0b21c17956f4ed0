import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Attachment } from '../../../src/protocol/model.js';
import type { TestRelay } from '../server/relay-harness.js';
import { TestClient, agentToken, customerToken, startRelay } from '../server/relay-harness.js';
import { helloOnce, postUpload } from './upload-harness.js';
import { pdf, png } from './sample-files.js';

interface Uploaded {
  id: string;
  url: string;
}

describe('relay send: attachments must be uploads of the same conversation', { timeout: 20_000 }, () => {
  let relay: TestRelay;
  const clients: TestClient[] = [];
  const ana = customerToken('ana');
  const bob = customerToken('bob');
  let anaPhoto: Uploaded;
  let bobReceipt: Uploaded;

  async function connect(token: string): Promise<TestClient> {
    const { client } = await TestClient.connect(relay.url, token);
    clients.push(client);
    return client;
  }

  async function upload(token: string, conversationId: string, body: Buffer, name: string): Promise<Uploaded> {
    const response = await postUpload(relay, { token, conversationId, name, body });
    assert.equal(response.status, 201);
    return (await response.json()) as Uploaded;
  }

  function attachment(url: string, extra: Partial<Attachment> = {}): Attachment {
    return { id: 'client-side-id', kind: 'file', mime: 'text/html', size: 1, name: 'whatever.html', url, ...extra };
  }

  function send(client: TestClient, conversationId: string, clientMsgId: string, attachments: Attachment[]): void {
    client.send({ type: 'send', clientMsgId, conversationId, kind: 'text', body: '', attachments });
  }

  before(async () => {
    // Stored messages are counted: no desk routing events in between.
    relay = await startRelay({ attachmentOrigins: ['https://files.shop.example'], autoAssign: false });
    await helloOnce(relay, ana);
    await helloOnce(relay, bob);
    anaPhoto = await upload(ana, 'c-ana', png(), 'hinge.png');
    bobReceipt = await upload(bob, 'c-bob', pdf(), 'receipt.pdf');
  });

  after(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await relay.dispose();
  });

  it('accepts an own upload and stores the server\'s facts about it, not the client\'s', async () => {
    const customer = await connect(ana);
    const desk = await connect(agentToken('alice'));
    send(customer, 'c-ana', 'm-photo', [attachment(anaPhoto.url, { width: 1, height: 1 })]);
    await customer.next('ack', (f) => f.clientMsgId === 'm-photo');
    const seen = await desk.next('message', (f) => f.clientMsgId === 'm-photo');
    assert.deepEqual(seen.attachments, [
      { id: anaPhoto.id, kind: 'image', mime: 'image/png', size: png().length, name: 'hinge.png', url: anaPhoto.url, width: 1, height: 1 },
    ]);
    assert.equal(relay.countMessages('c-ana'), 1);
  });

  it('refuses another conversation\'s upload, an unknown id and a foreign poster with forbidden, storing nothing', async () => {
    const customer = await connect(ana);
    const attempts: Array<[string, Attachment[]]> = [
      ['m-steal', [attachment(bobReceipt.url)]],
      ['m-guess', [attachment('/uploads/AAAAAAAAAAAAAAAAAAAAAAAA')]],
      ['m-nested', [attachment(`/uploads/x/${anaPhoto.id}`)]],
      ['m-poster', [attachment(anaPhoto.url, { kind: 'video', posterUrl: bobReceipt.url })]],
      ['m-mixed', [attachment(anaPhoto.url), attachment(bobReceipt.url)]],
    ];
    for (const [clientMsgId, attachments] of attempts) {
      send(customer, 'c-ana', clientMsgId, attachments);
      const error = await customer.next('error', (f) => f.ref === clientMsgId);
      assert.equal(error.code, 'forbidden', clientMsgId);
    }
    await customer.sync();
    assert.equal(customer.pending('ack').length, 0);
    assert.equal(relay.countMessages('c-ana'), 1);
  });

  it('passes attachments stored on an allowed origin (attachmentOrigins) unchanged, and refuses any other origin', async () => {
    const customer = await connect(ana);
    for (const [clientMsgId, url] of [
      ['m-pixel', 'https://evil.example/track.png'],
      ['m-lookalike', 'https://files.shop.example.evil.example/b.pdf'],
      ['m-scheme', 'http://files.shop.example/a/b.pdf'],
    ] as const) {
      send(customer, 'c-ana', clientMsgId, [attachment(url)]);
      assert.equal((await customer.next('error', (f) => f.ref === clientMsgId)).code, 'attachment-not-allowed', clientMsgId);
    }
    const external = attachment('https://files.shop.example/a/b.pdf', { kind: 'file', mime: 'application/pdf', name: 'b.pdf' });
    send(customer, 'c-ana', 'm-external', [external]);
    await customer.next('ack', (f) => f.clientMsgId === 'm-external');
    customer.send({ type: 'history', requestId: 'h1', conversationId: 'c-ana' });
    const history = await customer.next('history', (f) => f.requestId === 'h1');
    assert.deepEqual(history.messages.at(-1)?.attachments, [external]);
  });
});
