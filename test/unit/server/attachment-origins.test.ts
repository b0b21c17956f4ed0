/**
 * Issue 12: attachments come only from the relay's own upload store or an origin the operator
 * allows (`attachmentOrigins` / `SUPPORT_ATTACHMENT_ORIGINS`). An `https://evil.example/track.png`
 * attachment was accepted and rendered on the agent's desk: a tracking pixel on the agent.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ConfigError, serveConfig } from '../../../server/cli-config.js';
import { isAllowedAttachmentUrl } from '../../../src/protocol/attachment-url.js';
import { SECRET, agentToken, customerToken, relayPerTest, tempDir } from './relay-harness.js';

const pixel = { id: 'p1', kind: 'image', mime: 'image/png', size: 68, name: 'track.png', url: 'https://evil.example/track.png' };

describe('attachment origins', { timeout: 20_000 }, () => {
  const world = relayPerTest({ attachmentOrigins: ['https://cdn.shop.example'] });
  const { connect } = world;

  it('refuses a foreign attachment URL (or poster) with attachment-not-allowed, storing and relaying nothing', async () => {
    const customer = (await connect(customerToken('ana'))).client;
    const desk = (await connect(agentToken('alex'))).client;
    const attempts: Array<[string, object]> = [
      ['m-pixel', pixel],
      ['m-poster', { ...pixel, kind: 'video', mime: 'video/mp4', url: 'https://cdn.shop.example/clip.mp4', posterUrl: 'https://evil.example/poster.png' }],
      ['m-port', { ...pixel, url: 'https://cdn.shop.example:444/a.png' }],
    ];
    for (const [clientMsgId, attachment] of attempts) {
      customer.send({ type: 'send', clientMsgId, conversationId: 'c-ana', kind: 'text', body: 'look', attachments: [attachment] });
      const error = await customer.next('error', (f) => f.ref === clientMsgId);
      assert.equal(error.code, 'attachment-not-allowed', clientMsgId);
    }
    desk.send({ type: 'send', clientMsgId: 'a-pixel', conversationId: 'c-ana', kind: 'text', body: 'see', attachments: [pixel] });
    assert.equal((await desk.next('error', (f) => f.ref === 'a-pixel')).code, 'attachment-not-allowed', 'agents too');
    await desk.sync();
    await customer.sync();
    assert.deepEqual(desk.pending('message'), []);
    assert.deepEqual(customer.pending('ack'), []);
    assert.equal(world.relay.countMessages(), 0);
  });

  it('accepts an attachment on an allowed origin, unchanged', async () => {
    const customer = (await connect(customerToken('ana'))).client;
    const desk = (await connect(agentToken('alex'))).client;
    const manual = { ...pixel, kind: 'file', mime: 'application/pdf', name: 'manual.pdf', url: 'https://cdn.shop.example/manuals/x1.pdf' };
    customer.send({ type: 'send', clientMsgId: 'm-ok', conversationId: 'c-ana', kind: 'text', body: 'manual', attachments: [manual] });
    await customer.next('ack');
    assert.deepEqual((await desk.next('message')).attachments, [manual]);
  });

  it('isAllowedAttachmentUrl: relay uploads, or an exact allowed origin', () => {
    const origins = ['https://cdn.shop.example'];
    assert.equal(isAllowedAttachmentUrl('/uploads/abc', []), true);
    assert.equal(isAllowedAttachmentUrl('/uploads/../secret', []), false);
    assert.equal(isAllowedAttachmentUrl('https://cdn.shop.example/a.png', origins), true);
    for (const url of ['https://evil.example/a.png', 'http://cdn.shop.example/a.png', 'https://cdn.shop.example.evil.example/a.png', 'https://user@evil.example/a.png', 'javascript:alert(1)']) {
      assert.equal(isAllowedAttachmentUrl(url, origins), false, url);
    }
  });

  it('SUPPORT_ATTACHMENT_ORIGINS sets the list; a malformed entry stops the relay', () => {
    const dir = tempDir();
    try {
      const env = { DATA_DIR: dir, SUPPORT_SECRET: SECRET };
      assert.equal(serveConfig([], env).attachmentOrigins, undefined);
      assert.deepEqual(serveConfig([], { ...env, SUPPORT_ATTACHMENT_ORIGINS: 'https://CDN.shop.example/, https://files.shop.example' }).attachmentOrigins, [
        'https://cdn.shop.example',
        'https://files.shop.example',
      ]);
      assert.throws(() => serveConfig([], { ...env, SUPPORT_ATTACHMENT_ORIGINS: 'https://cdn.shop.example/path' }), (error: unknown) => error instanceof ConfigError && /^SUPPORT_ATTACHMENT_ORIGINS: /.test(error.message));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
