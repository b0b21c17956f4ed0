/**
 * Keeps keyboard users in the call: when the control they used disappears (answer, cancel, end),
 * focus moves to the next one. Focus elsewhere in the page (the chat's composer) is left alone.
 * When the call's surface closes, the focus goes back to the host's thread.
 */
import type { CallState } from '../../core/call/call-states.js';

/** The control that takes the focus when a state appears. */
const FOCUS_AFTER: Partial<Record<CallState, string>> = {
  'outgoing-ringing': 'cancel-button',
  connecting: 'mute-button',
  ended: 'close-button',
};

/** Focuses the control of `view` in the call's `root`, unless the focus is somewhere else that matters. */
export function focusForView(host: HTMLElement, root: ParentNode, view: CallState): void {
  const active = document.activeElement;
  if (active && active !== document.body && active !== host) return;
  const part = FOCUS_AFTER[view];
  if (part) root.querySelector<HTMLElement>(`[part~="${part}"]`)?.focus();
}

/**
 * A call that closes with the focus inside hands it to its host's message input (the chat's or
 * the inbox's composer, in whose shadow root the call is), so the keyboard user is back in the thread.
 */
export function returnFocusToHost(call: HTMLElement & { updateComplete: Promise<unknown> }): void {
  const root = call.getRootNode();
  if (!(root instanceof ShadowRoot) || !call.matches(':focus-within')) return;
  void call.updateComplete.then(() => root.querySelector<HTMLElement>('[part~="input"]')?.focus());
}
