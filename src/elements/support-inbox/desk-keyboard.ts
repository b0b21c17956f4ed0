import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isTypingTarget, shortcutOf, type DeskShortcut, type KeyTarget } from './desk-shortcuts.js';

/** What each desk shortcut does in the inbox. */
export type DeskShortcutActions = Record<DeskShortcut, () => void>;

/** Keys that are a control's own when it has focus (Enter clicks a button; arrows move in a list or log). */
const CONTROL_KEYS = new Set(['Enter', 'ArrowDown', 'ArrowUp']);

/**
 * The desk's keyboard shortcuts (`DESK_SHORTCUTS`: j/k and the arrows move through the queue,
 * Enter opens, `r` replies, `e` resolves, `?` shows them all), heard on the document while the
 * desk or the bare page has focus. Never while typing (inputs, textareas, contenteditable), with
 * Ctrl/Cmd/Alt, inside a dialog, or for a key something else already handled; Enter and the
 * arrows only when no control has focus (a button's Enter is its click).
 */
export class DeskKeyboard implements ReactiveController {
  private lifecycle: AbortController | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly actions: DeskShortcutActions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.lifecycle = new AbortController();
    document.addEventListener('keydown', this.onKeydown, { signal: this.lifecycle.signal });
  }

  hostDisconnected(): void {
    this.lifecycle?.abort();
  }

  private readonly onKeydown = (event: KeyboardEvent): void => {
    if (event.defaultPrevented) return;
    const path = event.composedPath();
    const target = path[0] as (KeyTarget & EventTarget) | undefined;
    const page = target === document.body || target === document.documentElement;
    if (isTypingTarget(target) || (!page && !path.includes(this.host))) return;
    if (path.some((node) => node instanceof HTMLDialogElement)) return;
    const action = shortcutOf(event);
    if (!action) return;
    if (CONTROL_KEYS.has(event.key) && !page && target !== this.host && !isQueueItem(target)) return;
    event.preventDefault();
    this.actions[action]();
  };
}

/** A conversation of the queue (its listbox handles its own keys first). */
function isQueueItem(target: EventTarget | undefined): boolean {
  return target instanceof HTMLElement && target.matches('[part~="conversation"]');
}
