import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { SupportClient } from '../../core/support-client.js';
import type { CannedReply } from '../../protocol/desk.js';
import type { DeskToolsTermKey } from '../../i18n/en/desk-tools.js';
import type { Terms } from '../../i18n/localize-controller.js';
import { matchCannedReplies, slashQuery } from './canned-filter.js';
import { deskOf, type DeskApi } from './desk-port.js';
import { fillPlaceholders, firstPlaceholder, type PlaceholderValues } from './placeholders.js';

type Host = ReactiveControllerHost & { readonly renderRoot: ParentNode };

/** What the `/` popup needs from the inbox. */
export interface CannedRepliesOptions {
  client(): SupportClient | undefined;
  terms: Terms<DeskToolsTermKey>;
  /** The placeholders' values for the open conversation. */
  values(): PlaceholderValues;
  report(error: unknown): void;
}

const LIST_ID = 'canned-replies';
const INPUT = 'textarea[part~="input"]';

/**
 * Canned replies in the reply box: a `/` at its start opens a listbox of the shop's replies,
 * filtered by what follows (shortcut and title). ArrowUp/ArrowDown choose, Enter or Tab insert
 * (placeholders filled from the conversation, the first one left selected for the agent), Escape
 * closes. The textarea keeps its textbox role (ARIA's combobox is one line) and gets
 * `aria-autocomplete="list"`, `aria-controls` and `aria-activedescendant` while the list is open;
 * a polite status says how many match. It listens on the inbox's shadow root (keys in the capture
 * phase, before the composer's Enter), so the composer shared with the customer's chat carries
 * none of it.
 */
export class CannedReplies implements ReactiveController {
  /** The shop's replies, once loaded. */
  replies: CannedReply[] | undefined;
  private query: string | undefined;
  private matches: CannedReply[] = [];
  private active = 0;
  /** Escape closed the list: it stays closed until the `/` is gone. */
  private dismissed = false;
  private loading: Promise<void> | undefined;
  /** Distance from the thread's bottom to the reply box's top, measured when the list opens. */
  private bottom = 0;
  private lifecycle: AbortController | undefined;

  constructor(
    private readonly host: Host,
    private readonly options: CannedRepliesOptions,
  ) {
    host.addController(this);
  }

  /** Whether the list is open. */
  get open(): boolean {
    return this.query !== undefined;
  }

  hostConnected(): void {
    this.lifecycle = new AbortController();
    const { signal } = this.lifecycle;
    const root = this.host.renderRoot;
    root.addEventListener('keydown', this.onKeydown as EventListener, { capture: true, signal });
    root.addEventListener('input', this.onInput, { signal });
    root.addEventListener('focusout', this.onFocusOut as EventListener, { signal });
  }

  hostDisconnected(): void {
    this.lifecycle?.abort();
    this.query = undefined;
  }

  /** ARIA on the reply box follows the list. */
  hostUpdated(): void {
    const input = this.input();
    if (!input) return;
    const option = this.open && this.matches.length > 0 ? `canned-option-${this.active}` : undefined;
    input.setAttribute('aria-autocomplete', 'list');
    toggleAttribute(input, 'aria-controls', this.open ? LIST_ID : undefined);
    toggleAttribute(input, 'aria-activedescendant', option);
    if (option) this.host.renderRoot.querySelector(`#${option}`)?.scrollIntoView({ block: 'nearest' });
  }

  /** The client's desk API (undefined on a backend without one). */
  desk(): DeskApi | undefined {
    return deskOf(this.options.client());
  }

  /** The shop's replies as a change answered them. */
  use(replies: CannedReply[]): void {
    this.replies = replies;
    if (this.query !== undefined) this.filter(this.query);
    this.host.requestUpdate();
  }

  /** Fetches the shop's replies again (after a change made elsewhere). */
  reload(): Promise<void> {
    const desk = this.desk();
    if (!desk) return Promise.resolve();
    this.loading ??= desk
      .cannedReplies()
      .then((replies) => this.use(replies))
      .catch((error: unknown) => this.options.report(error))
      .finally(() => {
        this.loading = undefined;
        this.host.requestUpdate();
      });
    return this.loading;
  }

  /** The list (above the reply box) and its status line; place it inside the thread. */
  render(): TemplateResult {
    const terms = this.options.terms;
    const status = !this.open ? '' : this.replies === undefined ? terms.term('canned.loading') : this.matches.length === 0 ? terms.term('canned.none') : terms.term('canned.count', { count: this.matches.length });
    return html`<div class="visually-hidden" role="status">${status}</div>
      ${this.open
        ? html`<div class="canned-popup" style="inset-block-end: ${this.bottom}px">
            <ul part="canned-replies" id=${LIST_ID} class="canned-replies" role="listbox" aria-label=${terms.term('canned.list')}>
              ${this.matches.map(
                (reply, index) => html`<li
                  part="canned-reply"
                  id="canned-option-${index}"
                  class="canned-reply"
                  role="option"
                  aria-selected=${index === this.active ? 'true' : 'false'}
                  @mousedown=${(event: Event) => event.preventDefault()}
                  @click=${() => this.insert(reply)}
                >
                  <span class="canned-shortcut">/${reply.shortcut}</span> <span class="canned-title">${reply.title}</span>
                  <span class="canned-body">${reply.body}</span>
                </li>`,
              )}
            </ul>
            ${this.matches.length === 0 ? html`<p class="canned-empty">${status}</p>` : nothing}
          </div>`
        : nothing}`;
  }

  private input(): HTMLTextAreaElement | null {
    return this.host.renderRoot.querySelector<HTMLTextAreaElement>(INPUT);
  }

  private readonly onInput = (event: Event): void => {
    const input = event.target;
    if (!(input instanceof HTMLTextAreaElement) || !input.matches(INPUT)) return;
    const query = slashQuery(input.value, input.selectionStart);
    if (query === undefined) this.dismissed = false;
    if (query === undefined || this.dismissed) return this.close();
    if (this.query === undefined) {
      this.bottom = input.closest('form')?.offsetHeight ?? 0;
      void this.reload(); // fresh each time it opens: another admin may have changed them
    }
    this.filter(query);
  };

  private filter(query: string): void {
    if (query !== this.query) this.active = 0;
    this.query = query;
    this.matches = matchCannedReplies(this.replies ?? [], query);
    this.active = Math.min(this.active, Math.max(0, this.matches.length - 1));
    this.host.requestUpdate();
  }

  private readonly onKeydown = (event: KeyboardEvent): void => {
    if (!this.open || !(event.target instanceof HTMLTextAreaElement) || event.isComposing) return;
    const count = this.matches.length;
    const chosen = this.matches[this.active];
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (count === 0) return;
      this.active = (this.active + (event.key === 'ArrowDown' ? 1 : count - 1)) % count;
      this.host.requestUpdate();
    } else if ((event.key === 'Enter' || event.key === 'Tab') && !event.shiftKey && chosen) this.insert(chosen);
    else if (event.key === 'Escape') {
      this.dismissed = true;
      this.close();
    } else return;
    event.preventDefault();
    event.stopPropagation(); // the composer's Enter must not send the `/` text
  };

  private readonly onFocusOut = (event: FocusEvent): void => {
    if (this.open && event.target instanceof HTMLTextAreaElement) this.close();
  };

  private insert(reply: CannedReply): void {
    const input = this.input();
    if (!input) return;
    const text = fillPlaceholders(reply.body, this.options.values());
    input.value = text;
    this.close();
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true })); // the composer takes the new text
    input.focus();
    const blank = firstPlaceholder(text);
    if (blank) input.setSelectionRange(blank.start, blank.end);
    else input.setSelectionRange(text.length, text.length);
  }

  private close(): void {
    if (this.query === undefined) return;
    this.query = undefined;
    this.matches = [];
    this.host.requestUpdate();
  }
}

function toggleAttribute(element: Element, name: string, value: string | undefined): void {
  if (value === undefined) element.removeAttribute(name);
  else element.setAttribute(name, value);
}
