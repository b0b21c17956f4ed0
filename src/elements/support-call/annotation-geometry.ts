/**
 * Where a picture really is inside its element: a video or canvas with `object-fit: contain` is
 * letterboxed, one with `cover` is cropped, so a point of the element box is not the same point of
 * the picture. Every annotation coordinate goes through the content rectangle, both ways, so a
 * point at 0.5, 0.5 is the picture's centre on a phone in portrait and on a wide desk alike.
 */
import type { NormalPoint } from '../../core/call/call-annotation-ops.js';

/** A rectangle in px, relative to the element box's top-left corner. */
export interface ContentRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** A width and a height in px. */
export interface Size {
  width: number;
  height: number;
}

/**
 * The rectangle the picture (`intrinsic` px) fills inside a `box` with CSS `object-fit: fit`
 * (centred, the default `object-position`). Parts outside the box (`cover`) lie at negative offsets.
 *
 * @example
 * contentRect({ width: 400, height: 400 }, { width: 640, height: 480 }, 'contain'); // { left: 0, top: 50, width: 400, height: 300 }
 */
export function contentRect(box: Size, intrinsic: Size, fit: string): ContentRect {
  if (!(intrinsic.width > 0 && intrinsic.height > 0) || fit === 'fill') return { left: 0, top: 0, width: box.width, height: box.height };
  const contain = Math.min(box.width / intrinsic.width, box.height / intrinsic.height);
  const cover = Math.max(box.width / intrinsic.width, box.height / intrinsic.height);
  const scale = fit === 'cover' ? cover : fit === 'none' ? 1 : fit === 'scale-down' ? Math.min(1, contain) : contain;
  const width = intrinsic.width * scale;
  const height = intrinsic.height * scale;
  return { left: (box.width - width) / 2, top: (box.height - height) / 2, width, height };
}

/** Rounds to 4 decimals: a tenth of a pixel on a 1000 px still, and short on the wire. */
function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/**
 * The normalised point (0..1 of the picture) of a point `x`, `y` px of the element box, or
 * `undefined` when it falls outside the picture (on a letterbox bar, or beyond).
 */
export function toNormal(rect: ContentRect, x: number, y: number): NormalPoint | undefined {
  if (!(rect.width > 0 && rect.height > 0)) return undefined;
  const nx = (x - rect.left) / rect.width;
  const ny = (y - rect.top) / rect.height;
  if (nx < 0 || nx > 1 || ny < 0 || ny > 1) return undefined;
  return [round(nx), round(ny)];
}

/** The px position in the element box of a normalised point of the picture. */
export function fromNormal(rect: ContentRect, point: NormalPoint): { x: number; y: number } {
  return { x: rect.left + point[0] * rect.width, y: rect.top + point[1] * rect.height };
}

/** The content rectangle of a rendered `<video>`, `<img>` or `<canvas>`, from its computed `object-fit`. */
export function elementContentRect(element: HTMLVideoElement | HTMLImageElement | HTMLCanvasElement): ContentRect {
  const box = element.getBoundingClientRect();
  const intrinsic =
    element instanceof HTMLVideoElement
      ? { width: element.videoWidth, height: element.videoHeight }
      : element instanceof HTMLImageElement
        ? { width: element.naturalWidth, height: element.naturalHeight }
        : { width: element.width, height: element.height };
  return contentRect(box, intrinsic, getComputedStyle(element).objectFit || 'fill');
}
