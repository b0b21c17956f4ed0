/**
 * A vertical swipe (finger or mouse): up on the call's stage opens the chat over a full-screen
 * call, down on the chat drawer's bar closes it. Taps, sideways and short moves are not swipes.
 */

/** How far (px) the pointer must travel that way, more than sideways, to count as a swipe. */
const SWIPE_PX = 60;

/** Pointer listeners for an element: `swiped()` runs once per swipe in `direction`. */
export function stageSwipe(swiped: () => void, direction: 'up' | 'down' = 'up'): { pointerdown(event: PointerEvent): void; pointerup(event: PointerEvent): void } {
  let start: { pointerId: number; x: number; y: number } | undefined;
  return {
    pointerdown(event) {
      start = { pointerId: event.pointerId, x: event.clientX, y: event.clientY };
    },
    pointerup(event) {
      const from = start;
      start = undefined;
      if (!from || from.pointerId !== event.pointerId) return;
      const travel = direction === 'up' ? from.y - event.clientY : event.clientY - from.y;
      if (travel >= SWIPE_PX && travel > Math.abs(event.clientX - from.x)) swiped();
    },
  };
}
