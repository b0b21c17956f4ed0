import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { UploadJob } from '../../uploads/upload-job.js';
import type { ComposerAttachments } from '../composer/composer.js';
import { AttachmentDraft } from './attachment-draft.js';
import { paperclipIcon, micIcon, stopIcon, videoIcon } from './attachment-icons.js';
import type { AttachmentTermKey } from '../../i18n/en/attachments.js';
import type { Terms } from '../../i18n/localize-controller.js';
import { renderDraftItems, renderDraftNotices } from './draft-view.js';
import type { IncomingFile } from './draft-attachment.js';
import { RecorderControl } from './recorder-control.js';
import type { UploadSource } from './upload-source.js';

/** What the file picker offers: photos, clips, voice notes, PDFs, and anything else as a file. */
const ACCEPT = 'image/*,video/*,audio/*,application/pdf,*/*';

type Host = ReactiveControllerHost & { readonly renderRoot: ParentNode };

export interface AttachmentComposerOptions {
  strings: Terms<AttachmentTermKey>;
  uploads: UploadSource;
  /** The conversation files go to now. */
  conversationId(): string | undefined;
  /** A failure the user met (the element's `support-error`). */
  report(error: unknown): void;
}

/** True when a drag carries files (not text or a link being dragged around the page). */
function carriesFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false;
}

/** A name for a pasted picture, which often has none: `pasted-20260118-140503.png`. */
function pastedName(type: string, at = new Date()): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  const extension = type.split('/')[1]?.replace('jpeg', 'jpg') ?? 'png';
  return `pasted-${at.getFullYear()}${two(at.getMonth() + 1)}${two(at.getDate())}-${two(at.getHours())}${two(at.getMinutes())}${two(at.getSeconds())}.${extension}`;
}

/**
 * The attachments side of the composer: the attach button with its hidden file picker, the voice
 * and clip record buttons, drag and drop onto the panel (a visible drop zone), pasted pictures,
 * and the draft's chips with progress, cancel and retry. Plugs into `ComposerController` as its
 * `attachments`; the host adds `dropHandlers` and `renderDropZone()` to the area that takes drops.
 */
export class AttachmentComposer implements ComposerAttachments {
  readonly draft: AttachmentDraft;
  readonly recorder: RecorderControl;
  private dragDepth = 0;

  constructor(
    private readonly host: Host,
    private readonly options: AttachmentComposerOptions,
  ) {
    this.draft = new AttachmentDraft(host, options);
    this.recorder = new RecorderControl(host, {
      strings: options.strings,
      add: (file) => this.draft.add([file]),
      notify: (term) => this.draft.notify({ term }),
      report: options.report,
      restoreFocus: () => host.renderRoot.querySelector<HTMLElement>('textarea[part~="input"]')?.focus(),
    });
  }

  files(): UploadJob[] {
    return this.draft.files();
  }

  clearSent(): void {
    this.draft.clearSent();
  }

  /** Adds files as if picked (e.g. from the page's own UI). */
  add(files: Iterable<File>): void {
    this.draft.add([...files].map((file): IncomingFile => ({ blob: file, name: file.name || pastedName(file.type) })));
  }

  renderDraft(): TemplateResult {
    const { strings } = this.options;
    return html`${renderDraftNotices(this.draft.notices, strings, () => this.draft.dismissNotices())} ${this.recorder.render()}
    ${renderDraftItems(this.draft.items, {
      strings,
      remove: (key) => this.draft.remove(key),
      retry: (key) => this.draft.retry(key),
    })}`;
  }

  renderButtons(disabled: boolean): TemplateResult | typeof nothing {
    if (!this.draft.available) return nothing;
    const { strings } = this.options;
    const recording = this.recorder.active;
    const recordButton = (kind: 'audio' | 'video'): TemplateResult => {
      const active = recording === kind;
      const label = active ? strings.term('record.stop') : strings.term(kind === 'audio' ? 'record.voice' : 'record.video');
      return html`<button
        part=${kind === 'audio' ? 'record-voice-button' : 'record-video-button'}
        class="icon-button composer-button"
        type="button"
        aria-label=${label}
        title=${label}
        aria-pressed=${active ? 'true' : 'false'}
        ?data-recording=${active}
        ?disabled=${disabled || (recording !== undefined && !active)}
        @click=${() => this.recorder.toggle(kind)}
      >
        ${active ? stopIcon : kind === 'audio' ? micIcon : videoIcon}
      </button>`;
    };
    return html`<input class="file-input" type="file" multiple accept=${ACCEPT} hidden tabindex="-1" @change=${this.onPicked} />
      <button
        part="attach-button"
        class="icon-button composer-button"
        type="button"
        aria-label=${strings.term('attach.button')}
        title=${strings.term('attach.button')}
        ?disabled=${disabled}
        @click=${this.pick}
      >
        ${paperclipIcon}
      </button>
      ${this.recorder.supported ? html`${recordButton('audio')}${recordButton('video')}` : nothing}`;
  }

  paste(event: ClipboardEvent): void {
    const data = event.clipboardData;
    const files = [...(data?.files ?? [])];
    // Text wins: a spreadsheet's cells come with a picture of them too.
    if (!data || files.length === 0 || data.types.includes('text/plain')) return;
    event.preventDefault();
    this.add(files);
  }

  keydown(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || this.recorder.active === undefined) return;
    event.preventDefault();
    event.stopPropagation(); // the panel's Escape would close the chat
    this.recorder.cancel();
  }

  /** Listeners for the area that takes dropped files (the panel, the thread). */
  readonly dropHandlers = {
    dragenter: (event: DragEvent): void => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      this.dragDepth++;
      if (this.dragDepth === 1) this.host.requestUpdate();
    },
    dragover: (event: DragEvent): void => {
      if (!carriesFiles(event)) return;
      event.preventDefault(); // also keeps the browser from opening the file in the tab
      if (event.dataTransfer) event.dataTransfer.dropEffect = this.draft.available ? 'copy' : 'none';
    },
    dragleave: (event: DragEvent): void => {
      if (!carriesFiles(event) || this.dragDepth === 0) return;
      this.dragDepth--;
      if (this.dragDepth === 0) this.host.requestUpdate();
    },
    drop: (event: DragEvent): void => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      this.dragDepth = 0;
      this.host.requestUpdate();
      this.addDropped(event.dataTransfer);
    },
  };

  /** The drop zone shown over the area while files are dragged over it (`part="drop-zone"`). */
  renderDropZone(): TemplateResult | typeof nothing {
    if (this.dragDepth === 0 || !this.draft.available) return nothing;
    return html`<div part="drop-zone" class="drop-zone" aria-hidden="true">
      <p>${paperclipIcon}<span>${this.options.strings.term('attach.dropHere')}</span></p>
    </div>`;
  }

  private readonly pick = (): void => {
    this.host.renderRoot.querySelector<HTMLInputElement>('input.file-input')?.click();
  };

  private readonly onPicked = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = ''; // picking the same file again is a new change
    if (files.length > 0) this.add(files);
  };

  /** Dropped files; a folder cannot be read as one file, so it goes in empty and is refused as unsupported. */
  private addDropped(data: DataTransfer | null): void {
    if (!data) return;
    const files: IncomingFile[] = [];
    for (const item of [...data.items]) {
      if (item.kind !== 'file') continue;
      const file = item.getAsFile();
      if (!file) continue;
      const folder = item.webkitGetAsEntry?.()?.isDirectory === true;
      files.push({ blob: folder ? new Blob([]) : file, name: file.name || pastedName(file.type) });
    }
    if (files.length > 0) this.draft.add(files);
  }
}
