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
import type { SupportClient } from '../../core/support-client.js';
import type { SupportCall } from '../support-call/support-call.js';
import { stageSwipe } from '../support-call/stage-swipe.js';

/** Screens where the panel is a full-screen sheet and a call owns it: phones, portrait or landscape. */
export const PHONE_QUERY = '(max-width: 480px), (max-height: 480px)';

export interface CallDrawerOptions {
  i18n: LocalizeController;
  /** The client whose calls the panel's `<support-call>` shows. */
  client(): SupportClient | undefined;
  /** Messages of the shown conversation not read yet. */
  unread(): number;
}

export class CallDrawer implements ReactiveController {
  readonly terms: Terms<CallDrawerTermKey>;
  private open = false;
  private phone = false;
  private lifecycle: AbortController | undefined;
  /** The call whose end notice closed (the call stays `ended` in the client until the next one). */
  private closedCallId: string | undefined;
  /** `fullscreen` as the last render saw it. */
  private rendered = false;
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
    this.lifecycle = new AbortController();
    const signal = this.lifecycle.signal;
    // The panel's call (rendered by the chat's CallSlot) asks for the drawer, and says when its end notice closed.
    const root = this.host.renderRoot;
    root.addEventListener('support-call-chat', (event) => this.toggle((event as CustomEvent<{ open: boolean }>).detail.open), { signal });
    root.addEventListener(
      'support-call-close',
      () => {
        this.closedCallId = this.options.client()?.calls.session?.callId;
        this.host.requestUpdate();
      },
      { signal },
    );
    const query = globalThis.matchMedia?.(PHONE_QUERY);
    if (!query) return;
    this.phone = query.matches;
    query.addEventListener(
      'change',
      (event) => {
        this.phone = event.matches;
        this.host.requestUpdate();
      },
      { signal },
    );
  }

  hostDisconnected(): void {
    this.lifecycle?.abort();
  }

  /** A call that closes takes its drawer with it: the next one starts with the drawer shut. */
  hostUpdate(): void {
    this.rendered = this.fullscreen;
    if (!this.rendered) this.open = false;
  }

  /** The panel's `<support-call>` is laid out for the phone, with the drawer's button and badge. */
  hostUpdated(): void {
    const call = this.call;
    if (!call) return;
    const fullscreen = this.fullscreen;
    // The call's module arrived during this update: the panel renders again, with the thread under it.
    if (fullscreen !== this.rendered) queueMicrotask(() => this.host.requestUpdate());
    call.layout = fullscreen ? 'fullscreen' : 'inline';
    call.chat = fullscreen;
    call.chatOpen = this.drawerOpen;
    call.chatUnread = fullscreen ? this.options.unread() : 0;
    // Under the open drawer the call is out of the keyboard's way.
    call.inert = this.drawerOpen;
  }

  /** The call covers the screen (a phone, while a call rings or runs, or its end notice shows). */
  get fullscreen(): boolean {
    const calls = this.options.client()?.calls;
    return this.phone && !!this.call && !!calls && calls.state !== 'idle' && calls.session?.callId !== this.closedCallId;
  }

  /** The drawer is open over the call. */
  get drawerOpen(): boolean {
    return this.fullscreen && this.open;
  }

  /** The thread is under the call: out of sight, out of the keyboard's reach, not read. */
  get covered(): boolean {
    return this.fullscreen && !this.open;
  }

  /** The `<support-call>` the chat's CallSlot renders in the panel, once its module is in. */
  private get call(): SupportCall | null {
    return this.host.renderRoot.querySelector<SupportCall>('support-call');
  }

  /** Opens or closes the drawer; focus goes to its back button, or back to the call's chat button. */
  toggle(open: boolean): void {
    if (open === this.open || !this.fullscreen) return;
    this.open = open;
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => {
      const root = this.host.renderRoot;
      (open ? root.querySelector<HTMLElement>('.drawer-back') : this.call?.shadowRoot?.querySelector<HTMLElement>('[part~="chat-button"]'))?.focus();
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
