/**
 * The arithmetic behind issue 21's phone layout, apart from the browser: which corner a dropped
 * self-view lands in (in both writing directions), what a swipe is, and how much of the layout
 * viewport an on-screen keyboard hides. The browser side is test/browser/mobile-call.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keyboardInset } from '../../../src/elements/composer/keyboard-inset.js';
import { nearestCorner } from '../../../src/elements/support-call/self-view-corner.js';
import { stageSwipe } from '../../../src/elements/support-call/stage-swipe.js';

function swipe(direction: 'up' | 'down', from: [number, number], to: [number, number]): boolean {
  let swiped = false;
  const listeners = stageSwipe(() => (swiped = true), direction);
  listeners.pointerdown({ pointerId: 1, clientX: from[0], clientY: from[1] } as PointerEvent);
  listeners.pointerup({ pointerId: 1, clientX: to[0], clientY: to[1] } as PointerEvent);
  return swiped;
}

describe('phone geometry', () => {
  it('drops the self-view in the nearest corner, start and end following the writing direction', () => {
    assert.equal(nearestCorner(20, 30, 390, 844, 'ltr'), 'top-start');
    assert.equal(nearestCorner(370, 30, 390, 844, 'ltr'), 'top-end');
    assert.equal(nearestCorner(20, 800, 390, 844, 'ltr'), 'bottom-start');
    assert.equal(nearestCorner(370, 800, 390, 844, 'ltr'), 'bottom-end');
    assert.equal(nearestCorner(20, 30, 390, 844, 'rtl'), 'top-end', 'the left is the end in a right-to-left page');
    assert.equal(nearestCorner(370, 800, 390, 844, 'rtl'), 'bottom-start');
  });

  it('counts a long vertical move as a swipe, not a tap, a short or a sideways move', () => {
    assert.equal(swipe('up', [200, 600], [205, 420]), true);
    assert.equal(swipe('up', [200, 600], [200, 600]), false, 'a tap');
    assert.equal(swipe('up', [200, 600], [200, 560]), false, 'too short');
    assert.equal(swipe('up', [100, 600], [300, 500]), false, 'more sideways than up');
    assert.equal(swipe('up', [200, 400], [200, 600]), false, 'down is not up');
    assert.equal(swipe('down', [200, 400], [200, 600]), true);
  });

  it('measures what the keyboard hides at the bottom of the layout viewport', () => {
    assert.equal(keyboardInset(844, { height: 844, offsetTop: 0 }), 0, 'no keyboard');
    assert.equal(keyboardInset(844, { height: 508, offsetTop: 0 }), 336);
    assert.equal(keyboardInset(844, { height: 508, offsetTop: 120 }), 216, 'the visual viewport scrolled down');
    assert.equal(keyboardInset(600, { height: 640, offsetTop: 0 }), 0, 'never negative (pinch-zoom out, toolbars)');
  });
});
