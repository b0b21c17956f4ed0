/** Selector of the list's entries (one per message, `data-entry` holding its id). */
export const ENTRY_SELECTOR = '.entry';

/**
 * The reader's place in a scrolling list: the first entry in view and how far below the list's top
 * edge it is. Restoring it after the list changed above that entry (older messages inserted, a
 * photo loaded, the rendered window moved) puts the same entry back at the same height, so the
 * text under the reader's eyes does not move. The browser's own anchoring is off (`overflow-anchor:
 * none`): one mechanism, the same in every browser.
 */
export class ScrollAnchor {
  private id: string | undefined;
  private offset = 0;

  /**
   * Notes which entry is at the top of the view now (after the reader scrolled): the first one
   * that starts in view (a photo above it that grows then grows out of view), else the one
   * that fills the view.
   */
  capture(scroller: HTMLElement): void {
    const { top, bottom } = scroller.getBoundingClientRect();
    this.id = undefined;
    for (const entry of scroller.querySelectorAll<HTMLElement>(ENTRY_SELECTOR)) {
      const rect = entry.getBoundingClientRect();
      if (rect.bottom <= top + 1) continue;
      const startsInView = rect.top >= top - 1 && rect.top < bottom;
      if (this.id === undefined || startsInView) {
        this.id = entry.dataset['entry'];
        this.offset = rect.top - top;
      }
      if (startsInView || rect.top >= bottom) return;
    }
  }

  /** Scrolls so the noted entry is where it was; false when it is no longer rendered. */
  restore(scroller: HTMLElement): boolean {
    if (this.id === undefined) return false;
    const entry = scroller.querySelector<HTMLElement>(`${ENTRY_SELECTOR}[data-entry="${CSS.escape(this.id)}"]`);
    if (!entry) return false;
    const delta = entry.getBoundingClientRect().top - scroller.getBoundingClientRect().top - this.offset;
    if (Math.abs(delta) >= 1) scroller.scrollTop += delta;
    return true;
  }

  /** Forgets the place (a switch of conversation, a jump to the newest message). */
  clear(): void {
    this.id = undefined;
  }
}
