/**
 * The chat over a call on a phone. There the call covers the whole screen, and the conversation
 * (the same thread and composer, `ThreadController`'s) slides up over it as a drawer when the
 * call's chat button is pressed or the video is swiped up: text, a photo or a snapshot go back and
 * forth without leaving the call. While the drawer is closed the thread is under the call, out of
 * reach (inert, not marked read), and the call's chat button counts what came meanwhile.
 */
import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import { callDrawerCatalog, type CallDrawerTermKey } from '../../i18n/en/call-drawer.js';
import type { LocalizeController, Terms } from '../../i18n/localize-controller.js';
import type { SupportElement } from '../base.js';
import type { CallSlot, CallSlotLayout } from '../call-slot/call-slot.js';
import { stageSwipe } from '../support-call/stage-swipe.js';

/** Screens where the panel is a full-screen sheet and a call owns it: phones, portrait or landscape. */
export const PHONE_QUERY = '(max-width: 480px), (max-height: 480px)';

export interface CallDrawerOptions {
  i18n: LocalizeController;
  call: CallSlot;
  /** Messages of the shown conversation not read yet. */
  unread(): number;
}

export class CallDrawer implements ReactiveController {
  readonly terms: Terms<CallDrawerTermKey>;
  private open = false;
  private phone = false;
  private lifecycle: AbortController | undefined;
  /** A swipe down on the drawer's bar closes it (the gesture that opened it, reversed). */
  private readonly swipe = stageSwipe(() => this.toggle(false), 'down');

  constructor(
    private readonly host: SupportElement,
    private readonly options: CallDrawerOptions,
  ) {
    host.addController(this);
    this.terms = options.i18n.use(callDrawerCatalog);
  }

  hostConnected(): void {
    const query = globalThis.matchMedia?.(PHONE_QUERY);
    if (!query) return;
    this.lifecycle = new AbortController();
    this.phone = query.matches;
    query.addEventListener(
      'change',
      (event) => {
        this.phone = event.matches;
        this.host.requestUpdate();
      },
      { signal: this.lifecycle.signal },
    );
  }

  hostDisconnected(): void {
    this.lifecycle?.abort();
  }

  /** A call that closes takes its drawer with it: the next one starts with the drawer shut. */
  hostUpdate(): void {
    if (!this.fullscreen) this.open = false;
  }

  /** The call covers the screen (a phone, while the call shows). */
  get fullscreen(): boolean {
    return this.phone && this.options.call.showing;
  }

  /** The drawer is open over the call. */
  get drawerOpen(): boolean {
    return this.fullscreen && this.open;
  }

  /** The thread is under the call: out of sight, out of the keyboard's reach, not read. */
  get covered(): boolean {
    return this.fullscreen && !this.open;
  }

  /** How the call is laid out (for `CallSlot.render`). */
  get layout(): CallSlotLayout {
    return { fullscreen: this.fullscreen, chatOpen: this.open, chatUnread: this.options.unread(), toggleChat: (open) => this.toggle(open) };
  }

  /** Opens or closes the drawer; focus goes to its back button, or back to the call's chat button. */
  toggle(open: boolean): void {
    if (open === this.open || !this.fullscreen) return;
    this.open = open;
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => {
      const root = this.host.renderRoot;
      const call = root.querySelector('support-call')?.shadowRoot;
      (open ? root.querySelector<HTMLElement>('.drawer-back') : call?.querySelector<HTMLElement>('[part~="chat-button"]'))?.focus();
    });
  }

  /** Escape in the drawer closes it (not the panel). */
  readonly keydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || !this.drawerOpen) return;
    event.stopPropagation();
    this.toggle(false);
  };

  /** The drawer's top: a grab handle, its title and the way back to the call. */
  renderBar(): TemplateResult | typeof nothing {
    if (!this.drawerOpen) return nothing;
    const t = this.terms;
    return html`<div
      part="drawer-bar"
      class="drawer-bar"
      @pointerdown=${this.swipe.pointerdown}
      @pointerup=${this.swipe.pointerup}
    >
      <span class="drawer-handle" aria-hidden="true"></span>
      <h3 class="drawer-title" id="drawer-title">${t.term('drawer.title')}</h3>
      <button type="button" part="drawer-back-button" class="drawer-back" @click=${() => this.toggle(false)}>${t.term('drawer.back')}</button>
    </div>`;
  }
}
