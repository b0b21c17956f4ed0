/**
 * The call-summary message: built side-neutral from either party's `CallSummary`, read back
 * leniently, and put into words in English and Chinese.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CallSummary } from '../../../src/core/call/call-events.js';
import {
  callSummaryMessageId,
  callSummaryRecord,
  encodeCallSummary,
  parseCallSummary,
} from '../../../src/core/call/call-summary-message.js';
import { isId } from '../../../src/protocol/validate.js';
import { callSummaryText } from '../../../src/elements/support-call/call-summary-text.js';
import { loadStrings, termsFor } from '../../../src/i18n/catalog.js';
import { callSummaryCatalog } from '../../../src/i18n/en/call-summary.js';
import type { UserRef } from '../../../src/protocol/model.js';
import { Emitter } from '../../../src/base/emitter.js';
import { CallSummaryPoster } from '../../../src/core/call/call-summary-poster.js';
import type { CallLineEvents } from '../../../src/core/call/call-line-types.js';

const ADA: UserRef = { id: 'ada', name: 'Ada', role: 'customer' };
const BO: UserRef = { id: 'bo', name: 'Bo', role: 'agent' };
const T0 = Date.UTC(2026, 0, 18, 14, 5, 0);

function summary(overrides: Partial<CallSummary>): CallSummary {
  return {
    callId: '5f1c2e64-0f7a-4a55-9a3c-2d1b1d6c9e10',
    conversationId: 'c-ada',
    initiator: 'ada',
    direction: 'incoming',
    peer: ADA,
    video: true,
    startedAt: T0,
    connectedAt: T0 + 4_000,
    endedAt: T0 + 196_000,
    durationMs: 192_000,
    endReason: 'remote-hangup',
    ...overrides,
  };
}

describe('call-summary message', () => {
  it('tells an answered incoming call from the agent side without sides: caller, callee, who ended it', () => {
    const record = callSummaryRecord(summary({}), BO, true);
    assert.deepEqual(record, {
      v: 1,
      callId: '5f1c2e64-0f7a-4a55-9a3c-2d1b1d6c9e10',
      caller: ADA,
      callee: BO,
      video: true,
      startedAt: T0,
      connectedAt: T0 + 4_000,
      endedAt: T0 + 196_000,
      durationMs: 192_000,
      end: 'hangup',
      endedBy: 'ada',
    });
    assert.deepEqual(parseCallSummary(encodeCallSummary(record)), record);
  });

  it("tells the agent's own outgoing call, hung up by the agent", () => {
    const record = callSummaryRecord(summary({ direction: 'outgoing', initiator: 'bo', peer: ADA, endReason: 'hangup' }), BO);
    assert.deepEqual([record.caller, record.callee, record.end, record.endedBy], [BO, ADA, 'hangup', 'bo']);
  });

  it('leaves the callee out of a call nobody answered, and keeps the failure reason', () => {
    const missed = callSummaryRecord(summary({ connectedAt: undefined, durationMs: 0, endReason: 'timeout' }), BO, false);
    assert.equal(missed.callee, undefined);
    assert.equal(missed.connectedAt, undefined);
    assert.equal(missed.end, 'timeout');
    assert.equal(missed.endedBy, undefined);
    const accepted = callSummaryRecord(summary({ connectedAt: undefined, durationMs: 0, endReason: 'failed' }), BO, true);
    assert.deepEqual(accepted.callee, BO, 'accepted but never connected: the agent still answered');
  });

  it('derives one message id per call that the relay accepts', () => {
    const id = callSummaryMessageId('5f1c2e64-0f7a-4a55-9a3c-2d1b1d6c9e10');
    assert.equal(id, callSummaryMessageId('5f1c2e64-0f7a-4a55-9a3c-2d1b1d6c9e10'));
    assert.ok(isId(id), id);
  });

  it('refuses bodies that are not a summary it understands', () => {
    const good = JSON.parse(encodeCallSummary(callSummaryRecord(summary({}), BO, true))) as Record<string, unknown>;
    const bad = [
      'Video call, 3 minutes',
      '[]',
      'null',
      JSON.stringify({ ...good, v: 2 }),
      JSON.stringify({ ...good, caller: { id: 'ada', name: 'Ada', role: 'root' } }),
      JSON.stringify({ ...good, end: 'exploded' }),
      JSON.stringify({ ...good, durationMs: -1 }),
      JSON.stringify({ ...good, video: 'yes' }),
    ];
    for (const body of bad) assert.equal(parseCallSummary(body), undefined, body);
  });

  it('puts a summary into words in English and Chinese, with the reader as "You"', async () => {
    await loadStrings(callSummaryCatalog, 'zh-CN');
    const body = encodeCallSummary(callSummaryRecord(summary({}), BO, true));
    const en = callSummaryText(body, termsFor(callSummaryCatalog, 'en'), 'bo');
    assert.equal(en?.title, 'Video call · 3:12');
    assert.match(en?.detail ?? '', /^Started by Ada at .+ · ended by Ada$/);
    const zh = callSummaryText(body, termsFor(callSummaryCatalog, 'zh-CN'), 'ada');
    assert.equal(zh?.title, '视频通话 · 3:12');
    assert.match(zh?.detail ?? '', /^您 于 .+ 发起 · 您 挂断$/);
    const missed = encodeCallSummary(callSummaryRecord(summary({ video: false, connectedAt: undefined, durationMs: 0, endReason: 'timeout' }), BO));
    assert.equal(callSummaryText(missed, termsFor(callSummaryCatalog, 'en'))?.title, 'Voice call · missed');
    const dropped = encodeCallSummary(callSummaryRecord(summary({ endReason: 'peer-left' }), BO, true));
    assert.equal(callSummaryText(dropped, termsFor(callSummaryCatalog, 'en'))?.title, 'Video call · 3:12 · connection lost');
    assert.equal(callSummaryText('plain text', termsFor(callSummaryCatalog, 'en')), undefined);
  });

  it("an admin is staff: their client posts the summary and it reads back with the admin's name", () => {
    const admin: UserRef = { id: 'sam', name: 'Sam', role: 'admin' };
    const posted: string[] = [];
    const poster = new CallSummaryPoster({ self: () => admin, postSummary: (_conversation, body) => posted.push(body) }, new Emitter<CallLineEvents>());
    poster.onSummary(summary({ direction: 'outgoing', initiator: 'sam' }));
    assert.equal(posted.length, 1, 'one summary posted by the admin');
    assert.deepEqual(parseCallSummary(posted[0] ?? '')?.caller, admin);
  });
});
