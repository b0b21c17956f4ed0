/**
 * The recorder's strip above the input (loaded with the recorder, on the first tap of a record
 * button): what is being recorded, a live timer against the limit, the camera preview for clips,
 * stop and cancel.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { AttachmentTermKey } from '../../i18n/en/attachments.js';
import type { Terms } from '../../i18n/localize-controller.js';
import type { ClipKind, ClipRecorder } from './clip-recorder.js';
import { formatDuration } from './media-format.js';

export { ClipRecorder } from './clip-recorder.js';
export type { ClipKind } from './clip-recorder.js';

export interface RecorderViewState {
  kind: ClipKind;
  /** Undefined while the microphone or camera is being opened. */
  recorder: ClipRecorder | undefined;
  maxMs: number;
  strings: Terms<AttachmentTermKey>;
  stop(): void;
  cancel(): void;
}

/** The recorder strip (`part="recorder"`). */
export function renderRecorder(state: RecorderViewState): TemplateResult {
  const { kind, recorder, strings } = state;
  const label = strings.term(kind === 'audio' ? 'record.voiceActive' : 'record.videoActive');
  const timer = strings.term('record.timer', {
    elapsed: formatDuration(recorder?.elapsedMs ?? 0),
    limit: formatDuration(state.maxMs),
  });
  return html`<div part="recorder" class="recorder" role="group" aria-label=${label} data-kind=${kind}>
    ${kind === 'video' && recorder
      ? html`<video
          part="recorder-preview"
          class="recorder-preview"
          aria-label=${strings.term('record.preview')}
          .srcObject=${live(recorder.stream)}
          .muted=${true}
          muted
          autoplay
          playsinline
        ></video>`
      : nothing}
    <div class="recorder-row">
      <span class="recording-dot" aria-hidden="true" ?data-live=${recorder !== undefined}></span>
      <span class="recorder-label">${recorder ? label : strings.term('record.starting')}</span>
      <span part="recorder-timer" class="recorder-timer" role="timer" data-elapsed-ms=${Math.round(recorder?.elapsedMs ?? 0)}
        >${timer}</span
      >
      <button
        part="record-stop-button"
        class="text-button"
        type="button"
        aria-label=${strings.term('record.stop')}
        ?disabled=${!recorder}
        @click=${state.stop}
      >
        ${strings.term('record.stopShort')}
      </button>
      <button part="record-cancel-button" class="text-button" type="button" aria-label=${strings.term('record.cancel')} @click=${state.cancel}>
        ${strings.term('record.cancelShort')}
      </button>
    </div>
  </div>`;
}
