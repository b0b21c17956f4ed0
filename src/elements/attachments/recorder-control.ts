import { nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { toSupportError } from '../../protocol/errors.js';
import type { AttachmentTermKey } from '../../i18n/en/attachments.js';
import type { Terms } from '../../i18n/localize-controller.js';
import type { IncomingFile } from './draft-attachment.js';
import type { ClipKind, ClipRecorder, renderRecorder } from './recorder-view.js';

interface RecorderModule {
  ClipRecorder: typeof ClipRecorder;
  renderRecorder: typeof renderRecorder;
}

/** Longest voice note and clip. */
export const MAX_VOICE_MS = 120_000;
export const MAX_CLIP_MS = 60_000;
/** The live timer's refresh. */
const TICK_MS = 250;

let recorderModule: Promise<RecorderModule> | undefined;

/** The recorder's code, fetched on first use (a failed fetch is tried again next time). */
function loadRecorder(): Promise<RecorderModule> {
  recorderModule ??= import('./recorder-view.js').catch((error: unknown) => {
    recorderModule = undefined;
    throw error;
  });
  return recorderModule;
}

export interface RecorderControlOptions {
  strings: Terms<AttachmentTermKey>;
  /** A finished recording joins the draft. */
  add(file: IncomingFile): void;
  /** A failure to show above the composer. */
  notify(term: AttachmentTermKey): void;
  /** A failure the user met (the element's `support-error`). */
  report(error: unknown): void;
  /** The strip's Stop or Cancel was pressed: focus goes somewhere that stays (the input). */
  restoreFocus(): void;
}

/**
 * The voice and clip record buttons' behaviour: tap to start, tap again (or Stop) to finish,
 * Cancel or Escape to throw away, a live timer, and a stop at the limit (2 min voice, 60 s
 * clip). The recorder's code and strip are loaded on the first tap.
 */
export class RecorderControl implements ReactiveController {
  private kind: ClipKind | undefined;
  private recorder: ClipRecorder | undefined;
  private view: RecorderModule | undefined;
  private ticker: ReturnType<typeof setInterval> | undefined;
  /** Bumped by every start, stop and cancel, so a late answer to an old start is thrown away. */
  private attempt = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: RecorderControlOptions,
  ) {
    host.addController(this);
  }

  /** What is being recorded (or opening its device), if anything. */
  get active(): ClipKind | undefined {
    return this.kind;
  }

  /** Where recording can work at all (the button is shown). */
  get supported(): boolean {
    return (
      typeof MediaRecorder === 'function' && typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getUserMedia === 'function'
    );
  }

  hostDisconnected(): void {
    this.cancel(); // never leave the microphone or camera on behind a removed element
  }

  /** A record button: starts, or finishes the recording of its kind. */
  toggle(kind: ClipKind): void {
    if (this.kind === kind) void this.stop();
    else if (this.kind === undefined) void this.start(kind);
  }

  /** Throws the recording (or the device being opened) away. */
  readonly cancel = (): void => {
    if (this.kind === undefined) return;
    this.attempt++;
    this.recorder?.cancel();
    this.reset();
  };

  /** Finishes the recording; it joins the draft. */
  readonly stop = async (): Promise<void> => {
    const recorder = this.recorder;
    if (!recorder) return;
    this.attempt++;
    this.reset();
    try {
      const recording = await recorder.stop();
      const known = { durationMs: recording.durationMs, ...(recording.poster ? { poster: recording.poster } : {}) };
      const size = recording.width && recording.height ? { width: recording.width, height: recording.height } : {};
      this.options.add({ blob: recording.blob, name: recording.name, known: { ...known, ...size } });
    } catch (error) {
      this.fail(error);
    }
  };

  /** The recorder strip, while recording. */
  render(): TemplateResult | typeof nothing {
    const kind = this.kind;
    if (!kind || !this.view) return nothing;
    return this.view.renderRecorder({
      kind,
      recorder: this.recorder,
      maxMs: kind === 'audio' ? MAX_VOICE_MS : MAX_CLIP_MS,
      strings: this.options.strings,
      stop: () => {
        void this.stop();
        this.options.restoreFocus();
      },
      cancel: () => {
        this.cancel();
        this.options.restoreFocus();
      },
    });
  }

  private async start(kind: ClipKind): Promise<void> {
    const attempt = ++this.attempt;
    this.kind = kind;
    this.host.requestUpdate();
    try {
      const view = await loadRecorder();
      if (attempt !== this.attempt) return;
      this.view = view;
      this.host.requestUpdate();
      const maxMs = kind === 'audio' ? MAX_VOICE_MS : MAX_CLIP_MS;
      const recorder = await view.ClipRecorder.start(kind, { maxMs, onLimit: () => void this.stop() });
      if (attempt !== this.attempt) {
        recorder.cancel(); // cancelled while the device was opening
        return;
      }
      this.recorder = recorder;
      this.ticker = setInterval(() => this.host.requestUpdate(), TICK_MS);
      this.host.requestUpdate();
    } catch (error) {
      if (attempt !== this.attempt) return;
      this.reset();
      this.fail(error);
    }
  }

  private fail(error: unknown): void {
    const coded = toSupportError(error);
    this.options.report(coded);
    const term: AttachmentTermKey =
      coded.code === 'media-denied'
        ? 'record.error.denied'
        : coded.code === 'no-device'
          ? 'record.error.noDevice'
          : coded.code === 'config'
            ? 'record.error.unsupported'
            : 'record.error.failed';
    this.options.notify(term);
  }

  private reset(): void {
    clearInterval(this.ticker);
    this.ticker = undefined;
    this.recorder = undefined;
    this.kind = undefined;
    this.host.requestUpdate();
  }
}
