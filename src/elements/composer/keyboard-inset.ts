/**
 * Keeps a composer above a phone's on-screen keyboard. The keyboard shrinks the visual viewport,
 * not the layout viewport a full-screen sheet is laid out in, so what it hides at the bottom is
 * measured (`visualViewport`) and given to CSS as `--support-keyboard-inset` on the sheet, which
 * pads its bottom by that much. A reader at the newest message stays there as the sheet shrinks.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The height (px) the keyboard hides at the bottom of the layout viewport: 0 without one. */
export function keyboardInset(layoutHeight: number, visual: { height: number; offsetTop: number }): number {
  return Math.max(0, Math.round(layoutHeight - visual.height - visual.offsetTop));
}

export interface KeyboardInsetOptions {
  /** The element whose `--support-keyboard-inset` is set (the sheet). */
  target(): HTMLElement | null | undefined;
  /** Whether the reader is at the newest message, before the sheet changes. */
  atBottom(): boolean;
  /** Brings the newest message back into view, after it changed. */
  scrollToBottom(): void;
}

export class KeyboardInset implements ReactiveController {
  private lifecycle: AbortController | undefined;
  private inset = 0;

  constructor(
    host: ReactiveControllerHost,
    private readonly options: KeyboardInsetOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    const viewport = globalThis.visualViewport;
    if (!viewport) return;
    this.lifecycle = new AbortController();
    const signal = this.lifecycle.signal;
    viewport.addEventListener('resize', this.measure, { signal });
    viewport.addEventListener('scroll', this.measure, { signal });
  }

  hostDisconnected(): void {
    this.lifecycle?.abort();
  }

  /** Measures the keyboard now (the viewport's events call it). */
  readonly measure = (): void => {
    const viewport = globalThis.visualViewport;
    const target = this.options.target();
    if (!viewport || !target) return;
    const inset = keyboardInset(window.innerHeight, viewport);
    if (inset === this.inset) return;
    const atBottom = this.options.atBottom();
    this.inset = inset;
    target.style.setProperty('--support-keyboard-inset', `${inset}px`);
    if (atBottom) requestAnimationFrame(() => this.options.scrollToBottom());
  };
}
