/**
 * What the stage shows while the other side sends no video (a voice call, or their camera off):
 * their initial and name, never an empty black box. Their sound still plays from the hidden
 * remote video element; the status line below keeps the call timer.
 */
import { html, type TemplateResult } from 'lit';
import type { CallTermKey } from '../../i18n/en/call.js';
import type { Terms } from '../../i18n/localize-controller.js';

/** The first letter of a name (a whole grapheme, so "Ädå" gives "Ä" and "王芳" gives "王"). */
export function initialOf(name: string): string {
  const first = [...name.trim()][0] ?? '?';
  return first.toLocaleUpperCase();
}

/** The voice stage: the other side's initial in a circle, and their name. */
export function renderVoiceStage(s: Terms<CallTermKey>, name: string): TemplateResult {
  return html`<div part="voice-stage" class="voice-stage" role="img" aria-label=${s.term('call.voiceOnly', { name })}>
    <span class="voice-avatar" aria-hidden="true">${initialOf(name)}</span>
    <span class="voice-name" aria-hidden="true">${name}</span>
  </div>`;
}
