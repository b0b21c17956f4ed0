/**
 * Guided steps' shapes (issue 20): a checklist being sent is strict (bounded counts and lengths,
 * safe picture addresses, none done, rebuilt from known fields); one read back for display is
 * lenient but never unsafe; ticks and the canned lists' desk actions are validated like every
 * frame; the pure helpers pick a product's lists and apply a tick without changing their input.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyTick, STEPS_LIMITS, stepListsFor, stepsProgress, type StepList } from '../../../src/protocol/guided-steps.js';
import { parseClientFrame } from '../../../src/protocol/validate.js';
import { parseStepsBody, readGuidedSteps } from '../../../src/protocol/validate-steps.js';
import { InvalidFrame } from '../../../src/protocol/validate-fields.js';

function refusal(body: unknown): string {
  try {
    parseStepsBody(typeof body === 'string' ? body : JSON.stringify(body));
  } catch (error) {
    assert.ok(error instanceof InvalidFrame);
    return error.code;
  }
  return 'accepted';
}

const step = (text: string) => ({ text });

describe('a checklist being sent', () => {
  it('accepts a title and 1 to maxSteps steps of text with optional safe pictures', () => {
    const checklist = parseStepsBody(JSON.stringify({ v: 1, title: ' Pair ', steps: [step(' Open the case '), { text: 'Look', image: '/uploads/abc' }], done: [false, false] }));
    assert.deepEqual(checklist, { v: 1, title: 'Pair', steps: [step('Open the case'), { text: 'Look', image: '/uploads/abc' }] });
    assert.equal(refusal({ v: 1, title: 'T', steps: Array.from({ length: STEPS_LIMITS.maxSteps }, (_, i) => step(`s${i}`)) }), 'accepted');
  });

  it('refuses what is not one, too many or too long, blank, control characters, unsafe pictures, or steps already done', () => {
    assert.equal(refusal('not json'), 'bad-frame');
    assert.equal(refusal({ v: 2, title: 'T', steps: [step('a')] }), 'bad-frame');
    assert.equal(refusal({ v: 1, title: '', steps: [step('a')] }), 'bad-frame');
    assert.equal(refusal({ v: 1, title: 'a\nb', steps: [step('a')] }), 'bad-frame');
    assert.equal(refusal({ v: 1, title: 'x'.repeat(STEPS_LIMITS.maxTitleChars + 1), steps: [step('a')] }), 'bad-frame');
    assert.equal(refusal({ v: 1, title: 'T', steps: [] }), 'bad-frame');
    assert.equal(refusal({ v: 1, title: 'T', steps: Array.from({ length: STEPS_LIMITS.maxSteps + 1 }, () => step('a')) }), 'bad-frame');
    assert.equal(refusal({ v: 1, title: 'T', steps: [step('x'.repeat(STEPS_LIMITS.maxStepChars + 1))] }), 'bad-frame');
    assert.equal(refusal({ v: 1, title: 'T', steps: [step('   ')] }), 'bad-frame');
    assert.equal(refusal({ v: 1, title: 'T', steps: [step('bell\u0007')] }), 'bad-frame');
    assert.equal(refusal({ v: 1, title: 'T', steps: [{ text: 'a', image: 'javascript:alert(1)' }] }), 'bad-frame');
    assert.equal(refusal({ v: 1, title: 'T', steps: [{ text: 'a', image: '/uploads/../secret' }] }), 'bad-frame');
    assert.equal(refusal({ v: 1, title: 'T', steps: [step('a')], done: [true] }), 'bad-frame');
  });

  it('is checked and rebuilt by the send frame’s validator, which only staff kinds reach', () => {
    const body = JSON.stringify({ v: 1, title: 'T', steps: [{ text: 'a', extra: 1 }], extra: 'x' });
    const parsed = parseClientFrame(JSON.stringify({ type: 'send', clientMsgId: 'm1', conversationId: 'c1', kind: 'steps', body }));
    assert.ok(parsed.ok && parsed.frame.type === 'send');
    assert.equal(parsed.frame.body, JSON.stringify({ v: 1, title: 'T', steps: [{ text: 'a' }] }));
    const bad = parseClientFrame(JSON.stringify({ type: 'send', clientMsgId: 'm2', conversationId: 'c1', kind: 'steps', body: 'hello' }));
    assert.deepEqual(bad.ok ? undefined : [bad.code, bad.ref], ['bad-frame', 'm2']);
  });
});

describe('a checklist read back', () => {
  it('keeps HTML as text, drops unsafe pictures and blank steps, and gives every step a state', () => {
    const read = readGuidedSteps(JSON.stringify({ v: 1, title: '<i>T</i>', steps: [{ text: '<img src=x onerror=alert(1)>', image: 'javascript:alert(1)' }, { text: ' ' }, { text: 'b', image: 'https://cdn.example/b.png' }], done: [true, true, 'yes'] }));
    assert.deepEqual(read, { v: 1, title: '<i>T</i>', steps: [{ text: '<img src=x onerror=alert(1)>' }, { text: 'b', image: 'https://cdn.example/b.png' }], done: [true, false] });
    assert.equal(readGuidedSteps('{"v":1,"title":"T","steps":[]}'), undefined);
    assert.equal(readGuidedSteps('plain text'), undefined);
  });
});

describe('ticks and canned lists as frames', () => {
  it('validates a customer’s tick and the staff’s desk actions', () => {
    const tick = parseClientFrame(JSON.stringify({ type: 'customer', requestId: 'r1', action: { kind: 'step', conversationId: 'c1', seq: 4, step: 2, done: true, extra: 1 } }));
    assert.ok(tick.ok && tick.frame.type === 'customer');
    assert.deepEqual(tick.frame.action, { kind: 'step', conversationId: 'c1', seq: 4, step: 2, done: true });
    for (const action of [
      { kind: 'step', conversationId: 'c1', seq: 0, step: 0, done: true },
      { kind: 'step', conversationId: 'c1', seq: 1, step: STEPS_LIMITS.maxSteps, done: true },
      { kind: 'step', conversationId: 'c1', seq: 1, step: 0 },
    ]) {
      const parsed = parseClientFrame(JSON.stringify({ type: 'customer', requestId: 'r2', action }));
      assert.deepEqual(parsed.ok ? undefined : [parsed.code, parsed.ref], ['bad-frame', 'r2'], JSON.stringify(action));
    }
    const put = parseClientFrame(JSON.stringify({ type: 'desk', requestId: 'd1', action: { kind: 'steps-put', list: { id: 'l1', title: ' Pair ', sku: ' EB-200 ', steps: [step('a')] } } }));
    assert.ok(put.ok && put.frame.type === 'desk');
    assert.deepEqual(put.frame.action, { kind: 'steps-put', list: { id: 'l1', title: 'Pair', sku: 'EB-200', steps: [step('a')] } });
    const noSteps = parseClientFrame(JSON.stringify({ type: 'desk', requestId: 'd2', action: { kind: 'steps-put', list: { id: 'l1', title: 'T', steps: [] } } }));
    assert.equal(noSteps.ok, false);
  });
});

describe('the pure helpers', () => {
  const lists: StepList[] = [
    { id: 'g', title: 'Restart', steps: [step('a')] },
    { id: 'n', title: 'Buds care', productName: 'buds', steps: [step('a')] },
    { id: 's', title: 'Pair EB-200', sku: 'EB-200', steps: [step('a')] },
    { id: 'o', title: 'Laptop battery', sku: 'LT-9', steps: [step('a')] },
  ];

  it('offers a product’s lists by SKU, then by name, then the general ones, and none of other products', () => {
    assert.deepEqual(stepListsFor(lists, { sku: 'eb-200', name: 'Acme Buds Pro' }).map((l) => l.id), ['s', 'n', 'g']);
    assert.deepEqual(stepListsFor(lists, { name: 'Phone X' }).map((l) => l.id), ['g']);
    assert.deepEqual(stepListsFor(lists, undefined).map((l) => l.id), ['g']);
  });

  it('applies a tick to a copy and counts the steps done', () => {
    const checklist = { v: 1 as const, title: 'T', steps: [step('a'), step('b'), step('c')] };
    const ticked = applyTick(checklist, 1, true);
    assert.deepEqual(ticked.done, [false, true, false]);
    assert.equal('done' in checklist, false, 'the input is unchanged');
    assert.deepEqual(stepsProgress(applyTick(ticked, 2, true)), { done: 2, total: 3 });
    assert.deepEqual(applyTick(ticked, 7, true).done, [false, true, false], 'a step past the end changes nothing');
  });
});
