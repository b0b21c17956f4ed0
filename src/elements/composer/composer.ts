import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { LIMITS } from '../../protocol/model.js';
import type { ThreadTermKey } from '../../i18n/en/thread.js';
import type { Terms } from '../../i18n/localize-controller.js';
import type { UploadJob } from '../../uploads/upload-job.js';
import { sendIcon } from '../panel-icons.js';

/** Re-announce "typing" at most this often while the user keeps typing. */
const TYPING_REPEAT_MS = 3000;
/** Stop "typing" after this long without input. */
const TYPING_IDLE_MS = 4000;

/** The attachments side of a composer (`AttachmentComposer`): files, recordings, their uploads. */
export interface ComposerAttachments {
  /** The files to send with the text, in order: stored, or still on their way (the message waits for them, not the user). */
  files(): UploadJob[];
  /** The message was sent: its attachments leave the draft (their uploads go on, for the message). */
  clearSent(): void;
  /** Notices, attachment chips and the recorder, above the input row. */
  renderDraft(): TemplateResult | typeof nothing;
  /** Buttons at the start of the input row (attach, record). */
  renderButtons(disabled: boolean): TemplateResult | typeof nothing;
  /** Something was pasted into the input (files among it join the draft). */
  paste(event: ClipboardEvent): void;
  /** A key pressed in the composer (Escape cancels a recording). */
  keydown(event: KeyboardEvent): void;
}

export interface ComposerOptions {
  terms: Terms<ThreadTermKey>;
  /** Sends the text and files; returns true when they were accepted (the draft is then cleared). */
  send(body: string, files: UploadJob[]): boolean;
  /** The user started or stopped typing. */
  typing?(typing: boolean): void;
  /** True when nothing can be sent now (e.g. no conversation yet). */
  disabled?(): boolean;
  /** Files and recordings; without it the composer sends text only. */
  attachments?: ComposerAttachments;
  /** More buttons after the attachments' (the chat's serial scan). */
  tools?(disabled: boolean): TemplateResult | typeof nothing;
}

/**
 * The message composer shared by the chat and the inbox: a textarea where Enter sends and
 * Shift+Enter adds a line (never while an IME composition is open), a send button, typing
 * notifications and, when given, attachments. Sending never waits for an upload: a message sent
 * while its files upload is queued by the client and goes once they are stored.
 */
export class ComposerController implements ReactiveController {
  private value = '';
  private composing = false;
  private typingSince = 0;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  /** Enter (or send) was pressed before the conversation was known: the text waits in the input and goes then. */
  private submitWhenReady = false;

  constructor(
    private readonly host: ReactiveControllerHost & { readonly renderRoot: ParentNode },
    private readonly options: ComposerOptions,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.stopTyping();
  }

  hostUpdated(): void {
    if (!this.submitWhenReady || this.options.disabled?.()) return;
    this.submitWhenReady = false;
    queueMicrotask(() => this.submit()); // after this update, not inside it
  }

  /** Moves focus to the text input. */
  focus(): void {
    this.input()?.focus();
  }

  private input(): HTMLTextAreaElement | null {
    return this.host.renderRoot.querySelector<HTMLTextAreaElement>('textarea[part~="input"]');
  }

  render(): TemplateResult {
    const terms = this.options.terms;
    const attachments = this.options.attachments;
    const disabled = this.options.disabled?.() ?? false;
    const empty = this.value.trim() === '' && (attachments?.files().length ?? 0) === 0;
    return html`<form part="composer" class="composer" @submit=${this.onSubmit} @keydown=${this.onFormKeydown}>
      ${attachments?.renderDraft() ?? nothing}
      <div class="composer-row">
        ${attachments?.renderButtons(disabled) ?? nothing}${this.options.tools?.(disabled) ?? nothing}
        <textarea
          part="input"
          class="input"
          rows="1"
          maxlength=${LIMITS.maxBodyChars}
          aria-label=${terms.term('composer.label')}
          placeholder=${terms.term('composer.placeholder')}
          @input=${this.onInput}
          @keydown=${this.onKeydown}
          @paste=${this.onPaste}
          @compositionstart=${this.onCompositionStart}
          @compositionend=${this.onCompositionEnd}
          @blur=${this.stopTyping}
        ></textarea>
        <button
          part="send-button"
          class="send"
          type="submit"
          aria-label=${terms.term('composer.send')}
          title=${terms.term('composer.send')}
          ?disabled=${disabled || empty}
        >
          ${sendIcon}
        </button>
      </div>
    </form>`;
  }

  private readonly onPaste = (event: ClipboardEvent): void => {
    this.options.attachments?.paste(event);
  };

  private readonly onFormKeydown = (event: KeyboardEvent): void => {
    this.options.attachments?.keydown(event);
  };

  private readonly onInput = (event: Event): void => {
    const wasEmpty = this.value.trim() === '';
    this.value = (event.target as HTMLTextAreaElement).value;
    if (wasEmpty !== (this.value.trim() === '')) this.host.requestUpdate();
    if (this.value.trim() === '') this.stopTyping();
    else this.noteTyping();
  };

  private readonly onKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Enter' || event.shiftKey || event.altKey || event.ctrlKey || event.metaKey) return;
    // Enter that confirms an IME candidate must not send (keyCode 229: Safari's late compositionend).
    if (event.isComposing || this.composing || event.keyCode === 229) return;
    event.preventDefault();
    this.submit();
  };

  private readonly onCompositionStart = (): void => {
    this.composing = true;
  };

  private readonly onCompositionEnd = (): void => {
    this.composing = false;
  };

  private readonly onSubmit = (event: Event): void => {
    event.preventDefault();
    this.submit();
  };

  private submit(): void {
    const body = this.value.trim();
    const attachments = this.options.attachments;
    const files = attachments?.files() ?? [];
    if (!body && files.length === 0) return;
    if (this.options.disabled?.()) {
      this.submitWhenReady = true; // still connecting: sent as soon as the conversation is known
      return;
    }
    if (!this.options.send(body, files)) return;
    attachments?.clearSent();
    this.value = '';
    const input = this.input();
    if (input) input.value = '';
    this.stopTyping();
    this.host.requestUpdate();
    this.focus();
  }

  private noteTyping(): void {
    const now = Date.now();
    if (now - this.typingSince >= TYPING_REPEAT_MS) {
      this.typingSince = now;
      this.options.typing?.(true);
    }
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(this.stopTyping, TYPING_IDLE_MS);
  }

  private readonly stopTyping = (): void => {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    if (this.typingSince === 0) return;
    this.typingSince = 0;
    this.options.typing?.(false);
  };
}
