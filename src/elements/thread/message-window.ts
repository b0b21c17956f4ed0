import type { ChatMessage } from '../../core/types.js';

/** Messages kept in the DOM beyond the visible ones, on each side. */
const OVERSCAN = 30;
/** The window moves when the visible messages come this close to one of its edges (and more are beyond it). */
const MARGIN = 10;
/** A conversation this short is rendered whole. */
const WHOLE = 2 * OVERSCAN + 40;
/** Height of a message never measured, until a first one is (px). */
const DEFAULT_HEIGHT = 64;

/** A range of message indices, `end` excluded. */
export interface IndexRange {
  start: number;
  end: number;
}

/**
 * Which messages of a long conversation are in the DOM: the visible ones and `OVERSCAN` on each
 * side, between two spacers as tall as the messages left out (their measured heights, or the
 * average measured height until they have been shown once). The range is kept by message id, so
 * it stays on the same messages when older pages arrive above them.
 */
export class MessageWindow {
  private readonly heights = new Map<string, number>();
  private measuredSum = 0;
  private firstId: string | undefined;
  private lastId: string | undefined;

  /** Height of a message: measured, or the average measured height. */
  heightOf(message: ChatMessage): number {
    return this.heights.get(message.clientMsgId) ?? this.estimate;
  }

  /** Notes a rendered message's height; true when it changed. */
  measure(id: string, height: number): boolean {
    const old = this.heights.get(id);
    if (height <= 0 || old === height) return false;
    this.measuredSum += height - (old ?? 0);
    this.heights.set(id, height);
    return true;
  }

  /** The range rendered now (the whole list when it is short or no range was chosen). */
  range(messages: readonly ChatMessage[]): IndexRange {
    const n = messages.length;
    if (n <= WHOLE) return { start: 0, end: n };
    const start = this.firstId === undefined ? -1 : indexOf(messages, this.firstId);
    const end = this.lastId === undefined ? 0 : indexOf(messages, this.lastId) + 1;
    return start < 0 || end <= start ? { start: n - WHOLE, end: n } : { start, end };
  }

  /** Heights of the spacers before and after the range. */
  spacers(messages: readonly ChatMessage[], range: IndexRange): { before: number; after: number } {
    let before = 0;
    let after = 0;
    for (let i = 0; i < range.start; i++) before += this.heightOf(messages[i] as ChatMessage);
    for (let i = range.end; i < messages.length; i++) after += this.heightOf(messages[i] as ChatMessage);
    return { before, after };
  }

  /** The messages that cover `top..bottom` px from the first message's top. */
  visible(messages: readonly ChatMessage[], top: number, bottom: number): IndexRange {
    let y = 0;
    let start = -1;
    for (let i = 0; i < messages.length; i++) {
      const height = this.heightOf(messages[i] as ChatMessage);
      if (start < 0 && y + height > top) start = i;
      y += height;
      if (y >= bottom) return { start: Math.max(0, start), end: i + 1 };
    }
    return { start: start < 0 ? Math.max(0, messages.length - 1) : start, end: messages.length };
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
    let filled = 0;
    let start = messages.length;
    while (start > 0 && filled < viewport) filled += this.heightOf(messages[--start] as ChatMessage);
    return this.set(messages, start - OVERSCAN, messages.length);
  }

  private get estimate(): number {
    return this.heights.size > 0 ? this.measuredSum / this.heights.size : DEFAULT_HEIGHT;
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

/** Index of a message by id, searched from the end (where the window usually is). */
export function indexOf(messages: readonly ChatMessage[], id: string): number {
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i]?.clientMsgId === id) return i;
  return -1;
}
