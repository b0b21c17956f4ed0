/**
 * Issue 12, known gap closed: a customer's `context.image` is shown on the agent's product card,
 * so from a stranger's server it is a tracking pixel on the agent, as a foreign attachment was.
 * The relay keeps it only when it is on an origin the operator trusts
 * (`SUPPORT_ATTACHMENT_ORIGINS`, the shop's pages in `SUPPORT_ALLOWED_ORIGINS`), else drops the
 * image and keeps the rest of the context (and the message).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProductContext } from '../../../src/protocol/model.js';
import { agentToken, customerToken, relayPerTest } from './relay-harness.js';

const product: ProductContext = { sku: 'VX12P', name: 'Volta X12 Pro', serial: 'SN-1', url: 'https://shop.example/p/x12' };

describe('context images', { timeout: 20_000 }, () => {
  const world = relayPerTest({ attachmentOrigins: ['https://cdn.shop.example'], allowedOrigins: ['https://shop.example'] });
  const { connect } = world;

  it('drops a context image from a foreign origin and keeps the rest of the context, in a context frame and in a send', async () => {
    const customer = (await connect(customerToken('ana'))).client;
    const desk = (await connect(agentToken('alex'))).client;
    customer.send({ type: 'context', conversationId: 'c-ana', context: { ...product, image: 'https://evil.example/track.png' } });
    const summary = await desk.next('conversation', (f) => f.conversation.context !== undefined);
    assert.deepEqual(summary.conversation.context, product, 'no image, every other field kept');

    customer.send({ type: 'send', clientMsgId: 'm-1', conversationId: 'c-ana', kind: 'text', body: 'it flickers', context: { ...product, image: 'http://cdn.shop.example/x.png' } });
    await customer.next('ack', (f) => f.clientMsgId === 'm-1');
    const message = await desk.next('message');
    assert.equal(message.body, 'it flickers', 'the message still goes');
    assert.deepEqual(message.context, product, 'http: is another origin than https:');

    const again = (await connect(agentToken('alex'))).welcome;
    assert.deepEqual(again.conversations.find((c) => c.id === 'c-ana')?.context, product, 'nothing foreign was stored');
  });

  it('keeps an image on an attachment origin or on a shop page origin', async () => {
    const customer = (await connect(customerToken('ana'))).client;
    const desk = (await connect(agentToken('alex'))).client;
    for (const image of ['https://cdn.shop.example/x12.png', 'https://shop.example/img/x12.png']) {
      customer.send({ type: 'context', conversationId: 'c-ana', context: { ...product, image } });
      const summary = await desk.next('conversation', (f) => f.conversation.context?.image === image);
      assert.deepEqual(summary.conversation.context, { ...product, image });
    }
  });
});
