/**
 * The self-view's place on the call's stage: one of its four corners. The user drags it (pointer
 * events: mouse, pen or finger) and it lands in the corner nearest to where it was let go, or moves
 * it with the arrow keys once focused (the keyboard alternative to dragging).
 */

/** A corner of the stage, in the writing direction (`start` is the left in a left-to-right page). */
export type SelfViewCorner = 'top-start' | 'top-end' | 'bottom-start' | 'bottom-end';

const KEY_SIDES: Record<string, 'top' | 'bottom' | 'left' | 'right'> = {
  ArrowUp: 'top',
  ArrowDown: 'bottom',
  ArrowLeft: 'left',
  ArrowRight: 'right',
};

/** The corner nearest to a point of the stage (`x`, `y` from its top-left), in `dir`. */
export function nearestCorner(x: number, y: number, width: number, height: number, dir: 'ltr' | 'rtl'): SelfViewCorner {
  const left = x < width / 2;
  const block = y < height / 2 ? 'top' : 'bottom';
  return `${block}-${left === (dir === 'ltr') ? 'start' : 'end'}`;
}

/** Holds the corner and handles the self-view's pointer and key events; `changed` re-renders. */
export class SelfViewPlacement {
  /** Where the self-view is; bottom-end until moved. */
  corner: SelfViewCorner = 'bottom-end';
  private drag: { pointerId: number; x: number; y: number } | undefined;

  constructor(private readonly changed: () => void) {}

  /** Starts a drag (the stage's swipe does not see it). */
  readonly pointerdown = (event: PointerEvent): void => {
    const video = event.currentTarget as HTMLElement;
    event.stopPropagation();
    this.drag = { pointerId: event.pointerId, x: event.clientX, y: event.clientY };
    try {
      video.setPointerCapture(event.pointerId);
    } catch {
      // A pointer the browser no longer tracks: the drag goes on without capture.
    }
  };

  /** Follows the pointer. */
  readonly pointermove = (event: PointerEvent): void => {
    const drag = this.drag;
    if (!drag || drag.pointerId !== event.pointerId) return;
    (event.currentTarget as HTMLElement).style.translate = `${event.clientX - drag.x}px ${event.clientY - drag.y}px`;
  };

  /** Lets go: the self-view lands in the nearest corner. */
  readonly pointerup = (event: PointerEvent): void => {
    const drag = this.drag;
    if (!drag || drag.pointerId !== event.pointerId) return;
    this.drag = undefined;
    event.stopPropagation();
    const video = event.currentTarget as HTMLElement;
    const stage = video.parentElement;
    const box = video.getBoundingClientRect();
    video.style.translate = '';
    if (!stage) return;
    const area = stage.getBoundingClientRect();
    const dir = getComputedStyle(stage).direction === 'rtl' ? 'rtl' : 'ltr';
    this.move(nearestCorner(box.left + box.width / 2 - area.left, box.top + box.height / 2 - area.top, area.width, area.height, dir));
  };

  /** Arrow keys move the focused self-view to the corner on that side. */
  readonly keydown = (event: KeyboardEvent): void => {
    const side = KEY_SIDES[event.key];
    if (!side) return;
    event.preventDefault();
    const [block, inline] = this.corner.split('-') as ['top' | 'bottom', 'start' | 'end'];
    const rtl = getComputedStyle(event.currentTarget as HTMLElement).direction === 'rtl';
    if (side === 'top' || side === 'bottom') this.move(`${side}-${inline}`);
    else this.move(`${block}-${(side === 'left') !== rtl ? 'start' : 'end'}`);
  };

  private move(corner: SelfViewCorner): void {
    if (corner === this.corner) return;
    this.corner = corner;
    this.changed();
  }
}
