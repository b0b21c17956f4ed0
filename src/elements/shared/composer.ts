import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { LIMITS } from '../../protocol/model.js';
import type { LocalizeController } from '../../i18n/localize-controller.js';
import { sendIcon } from './panel-icons.js';

/** Re-announce "typing" at most this often while the user keeps typing. */
const TYPING_REPEAT_MS = 3000;
/** Stop "typing" after this long without input. */
const TYPING_IDLE_MS = 4000;

export interface ComposerOptions {
  i18n: LocalizeController;
  /** Sends the text; returns true when it was accepted (the input is then cleared). */
  send(body: string): boolean;
  /** The user started or stopped typing. */
  typing?(typing: boolean): void;
  /** True when nothing can be sent now (e.g. no conversation yet). */
  disabled?(): boolean;
}

/**
 * The message composer shared by the chat and the inbox: a textarea where Enter sends and
 * Shift+Enter adds a line (never while an IME composition is open), a send button, and
 * typing notifications.
 */
export class ComposerController implements ReactiveController {
  private value = '';
  private composing = false;
  private typingSince = 0;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & { readonly renderRoot: ParentNode },
    private readonly options: ComposerOptions,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.stopTyping();
  }

  /** Moves focus to the text input. */
  focus(): void {
    this.input()?.focus();
  }

  private input(): HTMLTextAreaElement | null {
    return this.host.renderRoot.querySelector<HTMLTextAreaElement>('textarea[part~="input"]');
  }

  render(): TemplateResult {
    const i18n = this.options.i18n;
    const disabled = this.options.disabled?.() ?? false;
    const empty = this.value.trim() === '';
    return html`<form part="composer" class="composer" @submit=${this.onSubmit}>
      <textarea
        part="input"
        class="input"
        rows="1"
        maxlength=${LIMITS.maxBodyChars}
        aria-label=${i18n.term('composer.label')}
        placeholder=${i18n.term('composer.placeholder')}
        @input=${this.onInput}
        @keydown=${this.onKeydown}
        @compositionstart=${this.onCompositionStart}
        @compositionend=${this.onCompositionEnd}
        @blur=${this.stopTyping}
      ></textarea>
      <button
        part="send-button"
        class="send"
        type="submit"
        aria-label=${i18n.term('composer.send')}
        title=${i18n.term('composer.send')}
        ?disabled=${disabled || empty}
      >
        ${sendIcon}
      </button>
    </form>`;
  }

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
    if (!body || this.options.disabled?.()) return;
    if (!this.options.send(body)) return;
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
