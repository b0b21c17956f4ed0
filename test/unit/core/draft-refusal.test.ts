import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryStorage } from '../../../src/base/storage.js';
import { SupportError } from '../../../src/protocol/errors.js';
import { LIMITS } from '../../../src/protocol/model.js';
import { customerToken, relayHarness, until } from './relay-harness.js';

describe('SupportClient refuses what the relay would refuse, before queueing it', () => {
  it('throws a coded, final SupportError and neither shows nor stores the message; a valid one then goes', { timeout: 20_000 }, async (t) => {
    const h = await relayHarness(t);
    const storage = new MemoryStorage();
    const customer = h.client(customerToken('ann'), { storage });
    await customer.connect();
    const cid = customer.primaryConversationId;
    assert.ok(cid);
    const refused: Array<[string, string]> = [
      ['bell\u0007 and NUL\u0000', 'bad-frame'],
      ['x'.repeat(LIMITS.maxBodyChars + 1), 'message-too-large'],
      [' \n ', 'bad-frame'],
    ];
    for (const [body, code] of refused) {
      assert.throws(
        () => customer.send(cid, { body }),
        (error: unknown) => error instanceof SupportError && error.code === code && !error.retryable,
        `${code} for ${JSON.stringify(body.slice(0, 20))}`,
      );
    }
    assert.deepEqual(customer.conversation(cid)?.messages ?? [], [], 'nothing shown');
    const sent = customer.send(cid, { body: 'Two lines\r\n\tindented' });
    await until(() => customer.conversation(cid)?.messages.find((m) => m.clientMsgId === sent.clientMsgId && m.status !== 'sending'), 'the ack');
    assert.equal(customer.conversation(cid)?.messages.length, 1);
    assert.equal(customer.conversation(cid)?.messages[0]?.status === 'failed', false);
  });
});
