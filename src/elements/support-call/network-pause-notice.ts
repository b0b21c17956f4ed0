/**
 * The notice of the audio-only fallback (issue 19): while a weak network holds a video back, the
 * picture stays on its last frame and this says why; it goes by itself when the video is back.
 * The live region is always there (empty when nothing is paused) so screen readers hear each change.
 */
import { html, type TemplateResult } from 'lit';
import type { NetworkVideoPause } from '../../core/call/call-media-types.js';
import type { CallTermKey } from '../../i18n/en/call.js';
import type { Terms } from '../../i18n/localize-controller.js';

/** "Weak connection: Ada's video is paused, audio continues", and/or the same about this side's video. */
export function renderNetworkPauseNotice(s: Terms<CallTermKey>, pause: NetworkVideoPause, name: string): TemplateResult {
  const lines: string[] = [];
  if (pause.remote) lines.push(s.term('call.networkPausedRemote', { name }));
  if (pause.local) lines.push(s.term('call.networkPausedLocal'));
  return html`<p part="network-notice" class="network-notice" role="status">${lines.map((line) => html`<span>${line}</span>`)}</p>`;
}
