/**
 * The desk's keyboard shortcuts: which key does what, and when a key is typing rather than a
 * shortcut. Pure (duck-typed events and targets), so it is tested in Node.
 */

/** What a desk shortcut does. */
export type DeskShortcut = 'next' | 'previous' | 'open' | 'reply' | 'resolve' | 'help';

/** The keys of each shortcut (`KeyboardEvent.key` values), in the order the help dialog lists them. */
export const DESK_SHORTCUTS: ReadonlyArray<{ action: DeskShortcut; keys: readonly string[] }> = [
  { action: 'next', keys: ['j', 'ArrowDown'] },
  { action: 'previous', keys: ['k', 'ArrowUp'] },
  { action: 'open', keys: ['Enter'] },
  { action: 'reply', keys: ['r'] },
  { action: 'resolve', keys: ['e'] },
  { action: 'help', keys: ['?'] },
];

/** The parts of a key event a shortcut depends on. */
export interface ShortcutKey {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  isComposing?: boolean;
}

/** The shortcut a key press means, if any. Keys with Ctrl, Cmd or Alt belong to the browser and the page. */
export function shortcutOf(event: ShortcutKey): DeskShortcut | undefined {
  if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return undefined;
  return DESK_SHORTCUTS.find((shortcut) => shortcut.keys.includes(event.key))?.action;
}

/** The parts of an event target that say whether it takes typed text. */
export interface KeyTarget {
  tagName?: string;
  isContentEditable?: boolean;
  type?: string;
}

/** Inputs that do not take text (a key there is free for shortcuts). */
const NON_TEXT_INPUTS = new Set(['button', 'checkbox', 'radio', 'range', 'color', 'file', 'submit', 'reset', 'image']);

/** True when a key pressed in `target` is typing (an input, textarea, select or contenteditable): shortcuts never fire there. */
export function isTypingTarget(target: KeyTarget | null | undefined): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName?.toLowerCase();
  if (tag === 'textarea' || tag === 'select') return true;
  return tag === 'input' && !NON_TEXT_INPUTS.has((target.type ?? 'text').toLowerCase());
}
