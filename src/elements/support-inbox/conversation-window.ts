import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Rows rendered beyond each edge of the viewport, so a fast scroll or a taller row shows no gap. */
const OVERSCAN = 8;
/** Row height until one is measured (name and time over a one-line preview). */
const ESTIMATED_ROW_PX = 64;
/** Viewport height until the list is measured. */
const ESTIMATED_VIEWPORT_PX = 640;

/** The rows of the queue in the DOM: `[start, end)`, with the space the others would take above and below. */
export interface WindowRange {
  start: number;
  end: number;
  before: number;
  after: number;
}

/**
 * Keeps only the queue's rows near the viewport in the DOM (the queue may hold thousands of
 * conversations): rows share one height, measured from a rendered row, and the rows out of the
 * window are stood in for by two spacers (not padding: a flex item's padding never shrinks, so
 * the list would grow instead of scrolling), so the scrollbar and scroll position stay true. The host
 * re-renders only when the window moves.
 */
export class ConversationWindow implements ReactiveController {
  private rowPx = ESTIMATED_ROW_PX;
  private viewportPx = ESTIMATED_VIEWPORT_PX;
  private scrollTop = 0;
  private shown: WindowRange = { start: 0, end: 0, before: 0, after: 0 };
  /** The row keyboard focus belongs on, kept through re-renders that replace rows. */
  private focusId: string | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** The scrolling list, when rendered. */
    private readonly list: () => HTMLElement | null | undefined,
  ) {
    host.addController(this);
  }

  /** The rows to render out of `total`. */
  range(total: number): WindowRange {
    const first = Math.floor(this.scrollTop / this.rowPx);
    const start = Math.max(0, Math.min(total, first - OVERSCAN));
    const end = Math.min(total, first + Math.ceil(this.viewportPx / this.rowPx) + OVERSCAN);
    this.shown = { start, end, before: start * this.rowPx, after: Math.max(0, total - end) * this.rowPx };
    return this.shown;
  }

  /** Rows one Page Up / Page Down moves. */
  get pageRows(): number {
    return Math.max(1, Math.floor(this.viewportPx / this.rowPx) - 1);
  }

  /** Measures the viewport and a row after each render (zoom, font size and narrow screens change them); keeps keyboard focus on its row. */
  hostUpdated(): void {
    const list = this.list();
    if (!list) return;
    this.keepFocus(list);
    const row = list.querySelector<HTMLElement>('[role="option"]');
    const rowPx = row?.getBoundingClientRect().height ?? 0;
    const viewportPx = list.clientHeight;
    const changed = (rowPx > 0 && Math.abs(rowPx - this.rowPx) > 0.5) || (viewportPx > 0 && viewportPx !== this.viewportPx);
    if (rowPx > 0) this.rowPx = rowPx;
    if (viewportPx > 0) this.viewportPx = viewportPx;
    // In the next frame, not during this update (Lit re-renders at once otherwise).
    if (changed) requestAnimationFrame(() => this.host.requestUpdate());
  }

  /** The list scrolled: re-render when rows outside the rendered ones came into view. */
  readonly onScroll = (event: Event): void => {
    const list = event.currentTarget as HTMLElement;
    this.scrollTop = list.scrollTop;
    this.viewportPx = list.clientHeight || this.viewportPx;
    const first = Math.floor(this.scrollTop / this.rowPx);
    const last = first + Math.ceil(this.viewportPx / this.rowPx);
    if (first < this.shown.start || last > this.shown.end) this.host.requestUpdate();
  };

  /** Moves keyboard focus to row `index` (conversation `id`), rendering it first when it is out of the window. */
  focus(id: string, index: number): void {
    this.focusId = id;
    this.reveal(index);
  }

  /** Focus stays on its row when a re-render moves the window (a removed node takes focus with it), until it leaves the list. */
  private keepFocus(list: HTMLElement): void {
    const id = this.focusId;
    if (id === undefined) return;
    const active = (list.getRootNode() as ShadowRoot).activeElement;
    if (active !== null && !list.contains(active)) {
      this.focusId = undefined;
      return;
    }
    const row = list.querySelector<HTMLElement>(`[role="option"][data-id="${CSS.escape(id)}"]`);
    if (row !== null && row !== active) row.focus();
  }

  /** Scrolls the list just enough for row `index` to be in view (keyboard moves to rows not rendered yet). */
  reveal(index: number): void {
    const list = this.list();
    if (!list) return;
    const top = index * this.rowPx;
    if (top < list.scrollTop) list.scrollTop = top;
    else if (top + this.rowPx > list.scrollTop + list.clientHeight) list.scrollTop = top + this.rowPx - list.clientHeight;
    this.scrollTop = list.scrollTop;
    this.host.requestUpdate();
  }
}

/** Where a listbox key moves the active row (arrows, Home, End, Page Up/Down), or undefined for other keys. */
export function listKeyTarget(key: string, index: number, total: number, pageRows: number): number | undefined {
  const last = total - 1;
  switch (key) {
    case 'ArrowDown':
      return Math.min(last, index + 1);
    case 'ArrowUp':
      return Math.max(0, index - 1);
    case 'PageDown':
      return Math.min(last, index + pageRows);
    case 'PageUp':
      return Math.max(0, index - pageRows);
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return undefined;
  }
}
