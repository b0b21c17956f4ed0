import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { SupportClient } from '../../core/support-client.js';
import type { DeskToolsTermKey } from '../../i18n/en/desk-tools.js';
import type { Terms } from '../../i18n/localize-controller.js';
import { beep } from './desk-beep.js';

/** Where the agent's sound choice is kept (per browser). */
const SOUND_KEY = 'support-widget:desk-sound';

/** What the notifications need from the inbox. */
export interface DeskNotificationsOptions {
  client(): SupportClient | undefined;
  terms: Terms<DeskToolsTermKey>;
  /** Opens a conversation (a notification was clicked). */
  open(conversationId: string): void;
  /** The conversation whose customer is calling now, if any. */
  ringing(): string | undefined;
}

/**
 * Tells the agent about customers while they look elsewhere: the unread count in the tab's title
 * ("(3) Desk", put back when all is read; a title with nothing unread is never touched), an
 * optional beep (off until the agent turns it on; remembered in this browser), and, while the
 * desk's tab is hidden, a browser notification per new customer message or ringing call, once the
 * agent allowed them from `renderControls()`'s button (never asked on load). Clicking one focuses
 * the window and opens the conversation. The ringing call's assertive announcement stays the call
 * slot's.
 */
export class DeskNotifications implements ReactiveController {
  private client: SupportClient | undefined;
  private unsubscribe: (() => void) | undefined;
  /** The page's own title while the count is shown. */
  private pageTitle: string | undefined;
  /** The title last written, to notice when the page changes its own. */
  private written: string | undefined;
  private lastRinging: string | undefined;
  private soundOn = readSound();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: DeskNotificationsOptions,
  ) {
    host.addController(this);
  }

  /** Whether new messages beep. */
  get sound(): boolean {
    return this.soundOn;
  }

  hostUpdated(): void {
    const client = this.options.client();
    if (client !== this.client) this.subscribe(client);
    this.showCount(client?.conversations().reduce((sum, conversation) => sum + conversation.unread, 0) ?? 0);
    const ringing = this.options.ringing();
    if (ringing !== undefined && ringing !== this.lastRinging) {
      const name = client?.conversation(ringing)?.customer.name ?? '';
      const voice = client?.calls.incoming?.invite.video === false;
      this.notify(ringing, this.options.terms.term(voice ? 'notify.voiceCall' : 'notify.call', { name }), '', `${ringing}:call`);
      if (this.soundOn) beep();
    }
    this.lastRinging = ringing;
  }

  hostDisconnected(): void {
    this.subscribe(undefined);
    this.showCount(0);
  }

  /** The sound toggle and the button that asks for notification permission. */
  renderControls(): TemplateResult {
    const terms = this.options.terms;
    const permission = typeof Notification === 'undefined' ? undefined : Notification.permission;
    return html`<button part="sound-button" class="text-button desk-tool" type="button" aria-pressed=${this.soundOn ? 'true' : 'false'} @click=${this.toggleSound}>
        ${terms.term('notify.sound')}
      </button>
      ${permission === 'default'
        ? html`<button part="notifications-button" class="text-button desk-tool" type="button" @click=${this.askPermission}>${terms.term('notify.enable')}</button>`
        : permission === undefined
          ? nothing
          : html`<span part="notifications-state" class="desk-muted desk-tool">${terms.term(permission === 'granted' ? 'notify.enabled' : 'notify.blocked')}</span>`}`;
  }

  private subscribe(client: SupportClient | undefined): void {
    this.unsubscribe?.();
    this.client = client;
    this.unsubscribe = client?.on('message', ({ conversationId, message, isNew }) => {
      if (!isNew || message.mine || message.from.role !== 'customer') return;
      if (this.soundOn) beep();
      this.notify(conversationId, this.options.terms.term('notify.newMessage', { name: message.from.name }), message.body, conversationId);
    });
  }

  /** Puts the unread count before the page's title, or the page's title back. */
  private showCount(count: number): void {
    if (typeof document === 'undefined') return;
    if (this.written !== undefined && document.title !== this.written) this.pageTitle = document.title; // the page renamed itself
    if (count === 0) {
      if (this.pageTitle !== undefined && document.title === this.written) document.title = this.pageTitle;
      this.pageTitle = this.written = undefined;
      return;
    }
    this.pageTitle ??= document.title;
    const title = this.options.terms.term('notify.title', { count, title: this.pageTitle });
    if (document.title !== title) document.title = title;
    this.written = title;
  }

  /** A browser notification, only while the desk is hidden and the agent allowed them. */
  private notify(conversationId: string, title: string, body: string, tag: string): void {
    if (typeof Notification === 'undefined' || Notification.permission !== 'granted' || document.visibilityState !== 'hidden') return;
    const notification = new Notification(title, { body: body.slice(0, 200), tag });
    notification.onclick = (): void => {
      window.focus();
      this.options.open(conversationId);
      notification.close();
    };
  }

  private readonly toggleSound = (): void => {
    this.soundOn = !this.soundOn;
    try {
      localStorage.setItem(SOUND_KEY, this.soundOn ? 'on' : 'off');
    } catch {
      // storage refused (private mode): the choice lasts for this page
    }
    if (this.soundOn) beep(); // from the click: the browser allows sound from now on
    this.host.requestUpdate();
  };

  private readonly askPermission = (): void => {
    void Notification.requestPermission().finally(() => this.host.requestUpdate());
  };
}

function readSound(): boolean {
  try {
    return globalThis.localStorage?.getItem(SOUND_KEY) === 'on';
  } catch {
    return false;
  }
}
