import type { ChatMessage } from '../../core/types.js';

/** Messages kept in the DOM beyond the visible ones, on each side. */
const OVERSCAN = 16;
/** The window moves when the visible messages come this close to one of its edges (and more are beyond it). */
const MARGIN = 6;
/** A conversation this short is rendered whole. */
const WHOLE = 2 * OVERSCAN + 40;
/** Height of a message never measured, until a first one is (px). */
const DEFAULT_HEIGHT = 64;

/** A range of message indices, `end` excluded. */
export interface IndexRange {
  start: number;
  end: number;
}

/** Where each message starts, for one messages array and one set of heights. */
interface Layout {
  messages: readonly ChatMessage[];
  version: number;
  /** `tops[i]`: the height of the messages before message `i`; `tops[n]`: all of them. */
  tops: Float64Array;
}

/**
 * Which messages of a long conversation are in the DOM: the visible ones and `OVERSCAN` on each
 * side, between two spacers as tall as the messages left out (their measured heights, or the
 * average measured height until they have been shown once). The range is kept by message id, so
 * it stays on the same messages when older pages arrive above them. Positions are summed once per
 * messages array and set of heights (a scroll reads them, it does not walk 10,000 messages).
 */
export class MessageWindow {
  private readonly heights = new Map<string, number>();
  private measuredSum = 0;
  private version = 0;
  private layout: Layout | undefined;
  private index: { messages: readonly ChatMessage[]; ids: Map<string, number> } | undefined;
  private firstId: string | undefined;
  private lastId: string | undefined;

  /** Notes a rendered message's height; true when it changed. */
  measure(id: string, height: number): boolean {
    const old = this.heights.get(id);
    if (height <= 0 || old === height) return false;
    this.measuredSum += height - (old ?? 0);
    this.heights.set(id, height);
    this.version++;
    return true;
  }

  /** Index of a message by id (-1 when it is not in `messages`). */
  indexOf(messages: readonly ChatMessage[], id: string): number {
    if (this.index?.messages !== messages) this.index = { messages, ids: new Map(messages.map((m, i) => [m.clientMsgId, i])) };
    return this.index.ids.get(id) ?? -1;
  }

  /** The range rendered now (the whole list when it is short or no range was chosen). */
  range(messages: readonly ChatMessage[]): IndexRange {
    const n = messages.length;
    if (n <= WHOLE) return { start: 0, end: n };
    const start = this.firstId === undefined ? -1 : this.indexOf(messages, this.firstId);
    const end = this.lastId === undefined ? 0 : this.indexOf(messages, this.lastId) + 1;
    return start < 0 || end <= start ? { start: n - WHOLE, end: n } : { start, end };
  }

  /** Heights of the spacers before and after the range. */
  spacers(messages: readonly ChatMessage[], range: IndexRange): { before: number; after: number } {
    const tops = this.tops(messages);
    return { before: tops[range.start] ?? 0, after: (tops[messages.length] ?? 0) - (tops[range.end] ?? 0) };
  }

  /** The messages that cover `top..bottom` px from the first message's top. */
  visible(messages: readonly ChatMessage[], top: number, bottom: number): IndexRange {
    const tops = this.tops(messages);
    const n = messages.length;
    // The last message starting above `top`, then the first one starting at or below `bottom`.
    const start = Math.min(Math.max(0, search(tops, top, n) - 1), Math.max(0, n - 1));
    return { start, end: Math.max(start + 1, Math.min(n, search(tops, bottom, n))) };
  }

  /** Keeps `visible` inside the range, with room on each side; true when the range moved. */
  follow(messages: readonly ChatMessage[], visible: IndexRange): boolean {
    const n = messages.length;
    const { start, end } = this.range(messages);
    if (n <= WHOLE) return this.set(messages, 0, n);
    const nearStart = start > 0 && visible.start - MARGIN < start;
    const nearEnd = end < n && visible.end + MARGIN > end;
    if (!nearStart && !nearEnd && this.firstId !== undefined) return false;
    return this.set(messages, visible.start - OVERSCAN, visible.end + OVERSCAN);
  }

  /** Centres the range on one message. */
  centre(messages: readonly ChatMessage[], index: number): boolean {
    return this.set(messages, index - OVERSCAN - MARGIN, index + OVERSCAN + MARGIN);
  }

  /** The newest messages, enough to fill `viewport` px and `OVERSCAN` more. */
  showNewest(messages: readonly ChatMessage[], viewport: number): boolean {
    const tops = this.tops(messages);
    const n = messages.length;
    const start = search(tops, (tops[n] ?? 0) - viewport, n) - 1;
    return this.set(messages, start - OVERSCAN, n);
  }

  private get estimate(): number {
    return this.heights.size > 0 ? this.measuredSum / this.heights.size : DEFAULT_HEIGHT;
  }

  private tops(messages: readonly ChatMessage[]): Float64Array {
    const layout = this.layout;
    if (layout?.messages === messages && layout.version === this.version) return layout.tops;
    const tops = new Float64Array(messages.length + 1);
    const estimate = this.estimate;
    for (let i = 0; i < messages.length; i++) tops[i + 1] = (tops[i] ?? 0) + (this.heights.get((messages[i] as ChatMessage).clientMsgId) ?? estimate);
    this.layout = { messages, version: this.version, tops };
    return tops;
  }

  private set(messages: readonly ChatMessage[], start: number, end: number): boolean {
    const from = Math.max(0, Math.min(start, messages.length - 1));
    const to = Math.max(from + 1, Math.min(end, messages.length));
    const firstId = messages[from]?.clientMsgId;
    const lastId = messages[to - 1]?.clientMsgId;
    if (firstId === this.firstId && lastId === this.lastId) return false;
    this.firstId = firstId;
    this.lastId = lastId;
    return true;
  }
}

/** The first index `i` in 0..n with `tops[i] > y` (n + 1 when none). */
function search(tops: Float64Array, y: number, n: number): number {
  let low = 0;
  let high = n + 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((tops[mid] ?? 0) > y) high = mid;
    else low = mid + 1;
  }
  return low;
}
