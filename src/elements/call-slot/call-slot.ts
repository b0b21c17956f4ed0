import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import type { SupportClient } from '../../core/support-client.js';
import type { TokenProvider } from '../../tokens/types.js';
import type { UploadProvider } from '../../uploads/types.js';
import type { SupportElement } from '../base.js';

/** What `<support-call>` takes from its host: where snapshots go, language and theme. */
export interface CallHost extends SupportElement {
  uploadProvider: UploadProvider | undefined;
  theme: 'dark' | 'light' | undefined;
}

/** Words of the call entry points (button, ringing), kept here so the launcher needs no call chunk. */
const CALL_TERMS = {
  en: { start: 'Start video call', incoming: 'Incoming video call' },
  zh: { start: '发起视频通话', incoming: '视频来电' },
} as const;

/** A call entry point's words in `lang` (en, or zh-CN for any `zh`). */
export function callTerm(lang: string, key: keyof (typeof CALL_TERMS)['en']): string {
  return CALL_TERMS[lang.toLowerCase().startsWith('zh') ? 'zh' : 'en'][key];
}

/**
 * The video call of a chat or inbox: follows `client.calls` with two listeners, knows which
 * conversation is ringing, and loads `<support-call>` (its own chunk) only when a call starts or
 * rings, then renders it bound to the client.
 */
export class CallSlot implements ReactiveController {
  /** The conversation whose incoming call is ringing, if one is. */
  ringing: string | undefined;
  private loaded: Promise<unknown> | undefined;
  private ready = false;
  private client: SupportClient | undefined;
  private off: (() => void)[] = [];

  constructor(
    private readonly host: CallHost,
    private readonly clientOf: () => SupportClient | undefined,
    private readonly tokens: () => TokenProvider | undefined,
    private readonly report: (error: unknown) => void,
  ) {
    host.addController(this);
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
      this.ringing = client.calls.incoming?.conversationId;
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

  /** Starts a video call in `conversationId` (the UI loads meanwhile); `askRearCamera` when an agent wants to see the device. */
  start(conversationId: string, askRearCamera = false): void {
    const calls = this.client?.calls;
    if (!calls) return;
    this.load();
    calls.start(conversationId, { video: true, askRearCamera }).catch(this.report);
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
          class="call"
          .client=${client}
          .server=${host.server}
          .backend=${host.backend}
          .lang=${host.lang}
          .theme=${host.theme}
          .tokenProvider=${this.tokens()}
          .uploadProvider=${host.uploadProvider}
        ></support-call>`
      : nothing;
  }

  private load(): void {
    this.loaded ??= import('../support-call/support-call.js').then(
      ({ SupportCall }) => {
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
