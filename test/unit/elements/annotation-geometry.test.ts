/**
 * Annotation coordinates go through the picture's content rectangle: a letterboxed (`contain`)
 * or cropped (`cover`) video maps a pointer to the same point of the camera frame on any screen.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { contentRect, fromNormal, toNormal, type ContentRect } from '../../../src/elements/support-call/annotation-geometry.js';

/** Equal within a millionth of a pixel (float division). */
function near(actual: ContentRect, expected: ContentRect): void {
  for (const key of ['left', 'top', 'width', 'height'] as const) assert.ok(Math.abs(actual[key] - expected[key]) < 1e-6, `${key}: ${JSON.stringify(actual)} vs ${JSON.stringify(expected)}`);
}

describe('annotation geometry', () => {
  const frame = { width: 640, height: 480 };

  it('letterboxes a 4:3 frame in a portrait phone box (contain): bars above and below', () => {
    const rect = contentRect({ width: 390, height: 844 }, frame, 'contain');
    near(rect, { left: 0, top: (844 - 292.5) / 2, width: 390, height: 292.5 });
    assert.equal(toNormal(rect, 195, 100), undefined, 'a tap on the bar is outside the picture');
    assert.deepEqual(toNormal(rect, 195, 422), [0.5, 0.5]);
  });

  it('pillarboxes in a wide desk box (contain): bars left and right', () => {
    const rect = contentRect({ width: 1000, height: 500 }, frame, 'contain');
    near(rect, { left: (1000 - 2000 / 3) / 2, top: 0, width: 2000 / 3, height: 500 });
    assert.equal(toNormal(rect, 100, 250), undefined);
    assert.deepEqual(toNormal(rect, rect.left + rect.width * 0.25, 125), [0.25, 0.25]);
  });

  it('crops with cover: the box shows the middle of the frame, edges lie outside the box', () => {
    const rect = contentRect({ width: 400, height: 400 }, frame, 'cover');
    near(rect, { left: (400 - 1600 / 3) / 2, top: 0, width: 1600 / 3, height: 400 });
    assert.deepEqual(toNormal(rect, 200, 200), [0.5, 0.5]);
    assert.deepEqual(toNormal(rect, 0, 0), [0.125, 0], 'the box edge is an eighth into the frame');
  });

  it('maps there and back to the same pixel on two different screens', () => {
    const desk = contentRect({ width: 960, height: 420 }, frame, 'cover');
    const phone = contentRect({ width: 390, height: 700 }, frame, 'contain');
    const at = toNormal(desk, 700, 300);
    assert.ok(at);
    const back = fromNormal(desk, at);
    assert.ok(Math.abs(back.x - 700) < 0.1 && Math.abs(back.y - 300) < 0.1, JSON.stringify(back));
    const onPhone = fromNormal(phone, at);
    assert.ok(Math.abs(onPhone.x - (phone.left + at[0] * phone.width)) < 1e-9);
    assert.ok(onPhone.y > phone.top && onPhone.y < phone.top + phone.height);
  });

  it('rounds to 4 decimals and treats fill, none and scale-down as CSS does', () => {
    assert.deepEqual(toNormal({ left: 0, top: 0, width: 3, height: 3 }, 1, 2), [0.3333, 0.6667]);
    assert.deepEqual(contentRect({ width: 200, height: 100 }, frame, 'fill'), { left: 0, top: 0, width: 200, height: 100 });
    assert.deepEqual(contentRect({ width: 1000, height: 1000 }, frame, 'none'), { left: 180, top: 260, width: 640, height: 480 });
    assert.deepEqual(contentRect({ width: 1000, height: 1000 }, frame, 'scale-down'), { left: 180, top: 260, width: 640, height: 480 });
    assert.deepEqual(contentRect({ width: 320, height: 240 }, frame, 'scale-down'), { left: 0, top: 0, width: 320, height: 240 });
    assert.deepEqual(contentRect({ width: 320, height: 240 }, { width: 0, height: 0 }, 'contain'), { left: 0, top: 0, width: 320, height: 240 }, 'no frame yet: the box');
  });
});
