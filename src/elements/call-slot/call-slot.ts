import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import type { SupportClient } from '../../core/support-client.js';
import { loadStrings } from '../../i18n/catalog.js';
import { callSlotCatalog, type CallSlotTermKey } from '../../i18n/en/call-slot.js';
import type { LocalizeController, Terms } from '../../i18n/localize-controller.js';
import type { TokenProvider } from '../../tokens/types.js';
import type { UploadProvider } from '../../uploads/types.js';
import type { SupportElement } from '../base.js';
import { CALL_EXPORT_PARTS } from './call-parts.js';

/** What `<support-call>` takes from its host: where snapshots go, language and theme. */
export interface CallHost extends SupportElement {
  uploadProvider: UploadProvider | undefined;
  theme: 'dark' | 'light' | undefined;
}

/**
 * The video call of a chat or inbox: follows `client.calls` with two listeners, knows which
 * conversation is ringing, and loads `<support-call>` (its own chunk) only when a call starts or
 * rings, then renders it bound to the client (with the host's language, theme and string overrides).
 */
export class CallSlot implements ReactiveController {
  /** The conversation whose incoming call is ringing, if one is. */
  ringing: string | undefined;
  /** The ringing call asks for no video (a voice call). */
  ringingVoice = false;
  /** The words of the call entry points ("Start video call", "Incoming video call"). */
  readonly terms: Terms<CallSlotTermKey>;
  private loaded: Promise<unknown> | undefined;
  private ready = false;
  private client: SupportClient | undefined;
  private off: (() => void)[] = [];

  constructor(
    private readonly host: CallHost,
    private readonly clientOf: () => SupportClient | undefined,
    private readonly tokens: () => TokenProvider | undefined,
    private readonly report: (error: unknown) => void,
    i18n: LocalizeController,
  ) {
    host.addController(this);
    this.terms = i18n.use(callSlotCatalog);
  }

  /** There is a client to call with. */
  get available(): boolean {
    return !!this.clientOf();
  }

  /** "Incoming video call" or "Incoming voice call" while one rings. */
  get ringingLabel(): string | undefined {
    return this.ringing === undefined ? undefined : this.terms.term(this.ringingVoice ? 'call.incomingVoice' : 'call.incoming');
  }

  /** A call is under way (ringing either way, connecting, connected...). */
  get active(): boolean {
    return !!this.client?.calls.active;
  }

  hostUpdate(): void {
    const client = this.clientOf();
    if (client === this.client) return;
    this.hostDisconnected();
    this.client = client;
    if (!client) return;
    const changed = (): void => {
      const incoming = client.calls.incoming;
      this.ringing = incoming?.conversationId;
      this.ringingVoice = incoming?.invite.video === false;
      if (client.calls.state !== 'idle') this.load();
      this.host.requestUpdate();
    };
    this.off = [client.calls.on('incoming', changed), client.calls.on('call-state', changed)];
    if (client.calls.state !== 'idle') changed();
  }

  hostDisconnected(): void {
    for (const off of this.off) off();
    this.off = [];
    this.client = undefined;
  }

  /**
   * Starts a call in `conversationId` (the UI loads meanwhile): video, or voice only (`video` false:
   * no camera opens); `askRearCamera` when an agent wants to see the device.
   */
  start(conversationId: string, askRearCamera = false, video = true): void {
    const calls = this.client?.calls;
    if (!calls) return;
    this.load();
    calls.start(conversationId, { video, askRearCamera: video && askRearCamera }).catch(this.report);
  }

  /**
   * `<support-call>` bound to the client (snapshots stored like the host's uploads), once its
   * module is in; nothing when the page placed its own `<support-call>` for this client.
   */
  render(): TemplateResult | typeof nothing {
    const host = this.host;
    const client = this.client;
    const placed = client && [...document.querySelectorAll('support-call')].some((call) => call.client === client);
    return this.ready && client && !placed
      ? html`<support-call
          part="call"
          exportparts=${CALL_EXPORT_PARTS}
          class="call"
          .client=${client}
          .server=${host.server}
          .backend=${host.backend}
          .lang=${host.lang}
          .theme=${host.theme}
          .strings=${host.strings}
          .tokenProvider=${this.tokens()}
          .uploadProvider=${host.uploadProvider}
        ></support-call>`
      : nothing;
  }

  private load(): void {
    this.loaded ??= Promise.all([
      import('../support-call/support-call.js'),
      // The call's strings in the page's language come with it: a ringing call shows no English first.
      import('../../i18n/en/call.js').then(({ callCatalog }) => loadStrings(callCatalog, this.terms.lang)),
    ]).then(
      ([{ SupportCall }]) => {
        SupportCall.define('support-call');
        this.ready = true;
        this.host.requestUpdate();
      },
      (error: unknown) => {
        this.loaded = undefined; // the next call tries again
        this.report(error);
      },
    );
  }
}
