/**
 * Freeze-and-draw and the pointer, headless: what a received `annotate` payload may be (anything
 * else is dropped with a coded error, never thrown), how both sides' boards stay equal, how the
 * sender paces the wire, and that two real CallSessions carry the operations of an accepted call.
 */
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ANNOTATION_LIMITS, parseAnnotationOp, type AnnotationOp } from '../../../src/core/call/call-annotation-ops.js';
import { AnnotationBoard } from '../../../src/core/call/call-annotation-board.js';
import { AnnotationSender } from '../../../src/core/call/call-annotation-sender.js';
import type { CallAnnotationEvent } from '../../../src/core/call/call-annotation-ops.js';
import { AGENT, CONVERSATION, CUSTOMER, SignalWire, signalFrom } from './signal-wire.js';
import { FakeClock } from './fake-clock.js';

function refused(payload: unknown): string {
  const parsed = parseAnnotationOp(payload);
  assert.equal(parsed.ok, false, `accepted ${JSON.stringify(payload)}`);
  return parsed.ok ? '' : parsed.error.code;
}

describe('annotation operations on receipt', () => {
  it('reads every operation a peer may send', () => {
    const ops: AnnotationOp[] = [
      { op: 'freeze', id: 'f1' },
      { op: 'still', id: 'f1', still: { url: '/uploads/abc_1', width: 1280, height: 720 } },
      { op: 'unfreeze', id: 'f1' },
      { op: 'stroke', id: 's1', tool: 'arrow', color: '#ff2d20', at: 0, points: [[0.1, 0.2], [0.5, 0.5]] },
      { op: 'stroke', id: 's2', tool: 'text', color: '#FF2D20', at: 0, points: [[1, 0]], text: 'USB-C port' },
      { op: 'remove', id: 's1' },
      { op: 'clear' },
      { op: 'pointing', on: true },
      { op: 'point', at: [0, 1] },
      { op: 'point' },
    ];
    for (const op of ops) assert.deepEqual(parseAnnotationOp(JSON.parse(JSON.stringify(op))), { ok: true, op });
  });

  it('drops coordinates outside 0..1, NaN, odd shapes and oversized batches as bad-frame', () => {
    const stroke = { op: 'stroke', id: 's1', tool: 'pen', color: '#ff2d20', at: 0 };
    assert.equal(refused({ ...stroke, points: [[1.01, 0.5]] }), 'bad-frame');
    assert.equal(refused({ ...stroke, points: [[-0.001, 0.5]] }), 'bad-frame');
    assert.equal(refused({ ...stroke, points: [['0.5', 0.5]] }), 'bad-frame');
    assert.equal(refused({ ...stroke, points: [[0.5]] }), 'bad-frame');
    assert.equal(refused({ ...stroke, points: [] }), 'bad-frame');
    assert.equal(refused({ op: 'point', at: [Number.NaN, 0.5] }), 'bad-frame');
    const many = Array.from({ length: ANNOTATION_LIMITS.maxPointsPerOp + 1 }, () => [0.5, 0.5]);
    assert.equal(refused({ ...stroke, points: many }), 'bad-frame');
    assert.equal(refused({ ...stroke, points: [[0.5, 0.5]], at: ANNOTATION_LIMITS.maxPointsPerStroke }), 'bad-frame');
    assert.equal(refused({ ...stroke, points: [[0.5, 0.5]], at: 1.5 }), 'bad-frame');
  });

  it('drops unknown tools and operations, foreign colours, bad ids, long or multi-line labels and script addresses', () => {
    const stroke = { op: 'stroke', id: 's1', tool: 'pen', color: '#ff2d20', at: 0, points: [[0.5, 0.5]] };
    assert.equal(refused({ ...stroke, tool: 'laser' }), 'bad-frame');
    assert.equal(refused({ ...stroke, color: 'red;background:url(x)' }), 'bad-frame');
    assert.equal(refused({ ...stroke, id: '../x' }), 'bad-frame');
    assert.equal(refused({ ...stroke, id: 'x'.repeat(ANNOTATION_LIMITS.maxIdChars + 1) }), 'bad-frame');
    assert.equal(refused({ ...stroke, text: 'x'.repeat(ANNOTATION_LIMITS.maxTextChars + 1) }), 'bad-frame');
    assert.equal(refused({ ...stroke, text: 'two\nlines' }), 'bad-frame');
    assert.equal(refused({ op: 'explode' }), 'bad-frame');
    assert.equal(refused(null), 'bad-frame');
    assert.equal(refused([]), 'bad-frame');
    assert.equal(refused({ op: 'pointing' }), 'bad-frame');
    assert.equal(refused({ op: 'still', id: 'f1', still: { url: 'javascript:alert(1)', width: 10, height: 10 } }), 'bad-frame');
    assert.equal(refused({ op: 'still', id: 'f1', still: { url: '/uploads/../secret', width: 10, height: 10 } }), 'bad-frame');
    assert.equal(refused({ op: 'still', id: 'f1', still: { url: '/uploads/a', width: 0, height: 10 } }), 'bad-frame');
    assert.equal(refused({ op: 'still', id: 'f1', still: { url: '/uploads/a', width: 10, height: ANNOTATION_LIMITS.maxStillSide + 1 } }), 'bad-frame');
  });
});

describe('AnnotationBoard', () => {
  it('ends equal on both sides when each applies its own operations and the peer’s in wire order', () => {
    const agent = new AnnotationBoard();
    const customer = new AnnotationBoard();
    const wire: AnnotationOp[] = [
      { op: 'freeze', id: 'f1' },
      { op: 'stroke', id: 's1', tool: 'pen', color: '#ff2d20', at: 0, points: [[0.1, 0.1]] },
      { op: 'stroke', id: 's1', tool: 'pen', color: '#ff2d20', at: 1, points: [[0.2, 0.2], [0.3, 0.3]] },
      { op: 'stroke', id: 's2', tool: 'arrow', color: '#ff2d20', at: 0, points: [[0.4, 0.4], [0.4, 0.4]] },
      { op: 'stroke', id: 's2', tool: 'arrow', color: '#ff2d20', at: 1, points: [[0.8, 0.6]] },
      { op: 'remove', id: 's1' },
    ];
    for (const op of wire) {
      assert.ok(agent.apply(op, true), `agent applies ${op.op}`);
      assert.ok(customer.apply(op, false), `customer applies ${op.op}`);
    }
    assert.deepEqual(agent.freeze, { id: 'f1', ownCamera: false });
    assert.deepEqual(customer.freeze, { id: 'f1', ownCamera: true }, 'the customer’s camera was frozen: it shares the still');
    const shapes = (board: AnnotationBoard): unknown => board.strokes.map(({ mine: _mine, ...stroke }) => stroke);
    assert.deepEqual(shapes(customer), shapes(agent));
    assert.deepEqual(agent.strokes[0]?.points, [[0.4, 0.4], [0.8, 0.6]]);
    assert.equal(agent.lastOwnStroke?.id, 's2');
    assert.equal(customer.lastOwnStroke, undefined, 'the customer drew nothing to undo');
  });

  it('takes the still only from the camera’s side, strokes only on a still, and no gaps', () => {
    const board = new AnnotationBoard();
    const still = { url: '/uploads/a', width: 640, height: 480 };
    assert.equal(board.apply({ op: 'stroke', id: 's1', tool: 'pen', color: '#ff2d20', at: 0, points: [[0.5, 0.5]] }, false), false, 'nothing frozen');
    board.apply({ op: 'freeze', id: 'f1' }, true); // this side froze the peer's camera
    assert.equal(board.apply({ op: 'still', id: 'f1', still }, true), false, 'this side has no camera still to share');
    assert.equal(board.apply({ op: 'still', id: 'f0', still }, false), false, 'an old freeze');
    assert.ok(board.apply({ op: 'still', id: 'f1', still }, false));
    assert.deepEqual(board.freeze?.still, still);
    board.apply({ op: 'stroke', id: 's1', tool: 'pen', color: '#ff2d20', at: 0, points: [[0.5, 0.5]] }, true);
    assert.equal(board.apply({ op: 'stroke', id: 's1', tool: 'pen', color: '#ff2d20', at: 3, points: [[0.6, 0.6]] }, true), false, 'a lost batch leaves a gap');
    assert.equal(board.apply({ op: 'stroke', id: 's1', tool: 'pen', color: '#ff2d20', at: 1, points: [[0.6, 0.6]] }, false), false, 'the peer cannot extend this side’s stroke');
    assert.equal(board.apply({ op: 'unfreeze', id: 'f0' }, false), false);
    assert.ok(board.apply({ op: 'unfreeze', id: 'f1' }, false));
    assert.equal(board.freeze, undefined);
    assert.deepEqual(board.strokes, []);
  });

  it('bounds strokes per still and points per stroke', () => {
    const board = new AnnotationBoard();
    board.apply({ op: 'freeze', id: 'f1' }, false);
    for (let i = 0; i < ANNOTATION_LIMITS.maxStrokes + 5; i++) board.apply({ op: 'stroke', id: `s${i}`, tool: 'pen', color: '#ff2d20', at: 0, points: [[0.5, 0.5]] }, false);
    assert.equal(board.strokes.length, ANNOTATION_LIMITS.maxStrokes);
    const points = Array.from({ length: 64 }, (): [number, number] => [0.5, 0.5]);
    for (let at = 1; at < ANNOTATION_LIMITS.maxPointsPerStroke + 200; at += 64) board.apply({ op: 'stroke', id: 's0', tool: 'pen', color: '#ff2d20', at, points }, false);
    assert.equal(board.strokes[0]?.points.length, ANNOTATION_LIMITS.maxPointsPerStroke);
  });

  it('shows the pointer to the side whose camera it points at, and lifts it', () => {
    const agent = new AnnotationBoard();
    const customer = new AnnotationBoard();
    const both = (op: AnnotationOp): void => {
      agent.apply(op, true);
      customer.apply(op, false);
    };
    both({ op: 'pointing', on: true });
    both({ op: 'point', at: [0.25, 0.75] });
    assert.deepEqual(customer.pointer, { ownCamera: true, at: [0.25, 0.75] });
    assert.deepEqual(agent.pointer, { ownCamera: false, at: [0.25, 0.75] });
    assert.equal(customer.apply({ op: 'point', at: [0.1, 0.1] }, true), false, 'the customer does not point at its own camera');
    both({ op: 'point' });
    assert.deepEqual(customer.pointer, { ownCamera: true });
    both({ op: 'pointing', on: false });
    assert.equal(customer.pointer, undefined);
    assert.equal(customer.active, false);
  });
});

describe('AnnotationSender', () => {
  let clock: FakeClock;
  let sent: AnnotationOp[];
  let sender: AnnotationSender;
  beforeEach(() => {
    clock = new FakeClock();
    sent = [];
    sender = new AnnotationSender({ send: (op) => sent.push(op), clock });
  });
  afterEach(() => sender.dispose());

  it('sends the pointer at most every 50 ms, the newest position winning, and a lift at once', () => {
    sender.point([0.1, 0.1]);
    for (let i = 2; i <= 9; i++) sender.point([i / 10, i / 10]);
    assert.deepEqual(sent, [{ op: 'point', at: [0.1, 0.1] }]);
    clock.advance(50);
    assert.deepEqual(sent.at(-1), { op: 'point', at: [0.9, 0.9] });
    assert.equal(sent.length, 2);
    clock.advance(500);
    assert.equal(sent.length, 2, 'nothing new, nothing sent');
    sender.point(undefined);
    assert.deepEqual(sent.at(-1), { op: 'point' });
  });

  it('batches a pen’s points and resends only a shape’s moving end', () => {
    const pen = { id: 's1', tool: 'pen' as const, color: '#ff2d20', points: [[0, 0]] as [number, number][] };
    sender.stroke({ ...pen, points: [...pen.points] }, 0);
    for (let i = 1; i < 100; i++) {
      pen.points.push([i / 100, i / 100]);
      sender.stroke({ ...pen, points: [...pen.points] }, i);
    }
    assert.equal(sent.length, 0, 'nothing before the batch interval');
    clock.advance(80);
    assert.deepEqual(sent.map((op) => op.op === 'stroke' && [op.at, op.points.length]), [[0, 64], [64, 36]]);
    const arrow = { id: 's2', tool: 'arrow' as const, color: '#ff2d20', points: [[0.1, 0.1], [0.1, 0.1]] as [number, number][] };
    sender.stroke(arrow, 0);
    sender.stroke({ ...arrow, points: [[0.1, 0.1], [0.5, 0.5]] }, 1);
    clock.advance(80);
    assert.deepEqual(sent.at(-1), { op: 'stroke', id: 's2', tool: 'arrow', color: '#ff2d20', at: 0, points: [[0.1, 0.1], [0.5, 0.5]] });
    sender.stroke({ ...arrow, points: [[0.1, 0.1], [0.7, 0.2]] }, 1);
    sender.now({ op: 'clear' });
    assert.deepEqual(sent.slice(-2), [{ op: 'stroke', id: 's2', tool: 'arrow', color: '#ff2d20', at: 1, points: [[0.7, 0.2]] }, { op: 'clear' }], 'waiting points go before the next operation');
  });
});

describe('annotate signals between two CallSessions', () => {
  let wire: SignalWire;
  beforeEach(() => {
    wire = new SignalWire();
  });
  afterEach(() => wire.dispose());

  it('carries an accepted call’s operations to the peer and drops malformed ones with a logged bad-frame', async () => {
    const customer = wire.join(CUSTOMER, { callIds: ['call-1'] });
    const agent = wire.join(AGENT);
    const got: CallAnnotationEvent[] = [];
    customer.session.on('annotation', (event) => got.push(event));
    await customer.session.start(CONVERSATION, { video: true });
    await wire.flush();
    assert.throws(() => agent.session.sendAnnotation({ op: 'clear' }), { code: 'config' }, 'only once accepted');
    await agent.session.accept();
    await wire.flush();
    await agent.session.sendAnnotation({ op: 'freeze', id: 'f1' });
    await wire.flush();
    assert.deepEqual(got, [{ callId: 'call-1', conversationId: CONVERSATION, fromId: AGENT.id, op: { op: 'freeze', id: 'f1' } }]);

    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (message: string) => warnings.push(message);
    try {
      assert.equal(customer.session.handleSignal(signalFrom(AGENT, 'call-1', 'annotate', { op: 'point', at: [2, 0] })), false);
      assert.equal(customer.session.handleSignal(signalFrom(AGENT, 'call-9', 'annotate', { op: 'clear' })), false, 'another call');
    } finally {
      console.warn = warn;
    }
    assert.equal(got.length, 1);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? '', /bad-frame: annotation dropped: coordinate outside 0\.\.1/);
  });
});
