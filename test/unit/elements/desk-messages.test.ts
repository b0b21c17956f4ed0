/**
 * The desk's words for staff-only lines: the customer's satisfaction question reads as a sentence
 * in the agent's language (in the thread and the queue's preview), never as its JSON body.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deskMessages } from '../../../src/elements/thread/desk-messages.js';
import { loadStrings, termsFor } from '../../../src/i18n/catalog.js';
import { deskCatalog } from '../../../src/i18n/en/desk.js';
import type { ChatMessage } from '../../../src/core/types.js';

const csat = {
  clientMsgId: 'csat:1',
  conversationId: 'c-ada',
  kind: 'csat',
  body: '{"v":1,"type":"csat"}',
  seq: 7,
  at: Date.UTC(2026, 11, 3, 12),
  from: { id: 'relay', name: 'Relay', role: 'agent' },
  mine: false,
  status: 'sent',
} as unknown as ChatMessage;

describe('desk messages', () => {
  it('says the satisfaction question in words, in English and Chinese', async () => {
    assert.equal(deskMessages(termsFor(deskCatalog, 'en'), () => 'al').words(csat), 'The customer was asked how we did (1–5)');
    await loadStrings(deskCatalog, 'zh-CN');
    assert.equal(deskMessages(termsFor(deskCatalog, 'zh-CN'), () => 'al').words(csat), '已请客户评价本次服务（1–5 分）');
  });
});
