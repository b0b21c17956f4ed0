/**
 * The small part of freeze-and-draw and the pointer that ships with `<support-call>`: the two
 * entry buttons over the video and the wiring to the client's `annotation` events. Everything
 * else (the board, the still, the canvas, the toolbar, their strings and styles) is imported the
 * first time someone freezes or points, on either side, so a call that never uses it never loads it.
 */
import { html, nothing, svg, type ReactiveController, type TemplateResult } from 'lit';
import type { CallLine } from '../../core/call/call-line.js';
import type { CallMedia } from '../../core/call/call-media.js';
import type { CallAnnotationEvent } from '../../core/call/call-annotation-ops.js';
import type { CallState } from '../../core/call/call-states.js';
import type { SupportClient } from '../../core/support-client.js';
import { isStaff } from '../../protocol/desk.js';
import { toSupportError, type SupportError } from '../../protocol/errors.js';
import { annotateCatalog, type AnnotateTermKey } from '../../i18n/en/annotate.js';
import { LocalizeController, type Terms } from '../../i18n/localize-controller.js';
import type { UploadProvider } from '../../uploads/types.js';
import type { SupportElement } from '../base.js';
import { icon } from '../icons.js';
import type * as LayerModule from './annotation-layer.js';
import type { AnnotationSession } from './annotation-session.js';
import type { StillSource } from './annotation-still.js';
import { defaultUploadProvider, tokensOf } from './snapshot-upload.js';

/** What the lazily loaded annotation code needs from `<support-call>`. */
export interface AnnotationHost {
  client(): SupportClient | undefined;
  uploads(): UploadProvider | undefined;
  stillSource(): StillSource;
  /** The call's rendered video: the peer's (`remote`) or this side's camera (`local`). */
  video(which: 'remote' | 'local'): HTMLVideoElement | null;
  changed(): void;
  report(error: SupportError): void;
}

/** `<support-call>` as the entry sees it. */
export type CallElement = SupportElement & { uploadProvider: UploadProvider | undefined };

const freezeIcon = icon(svg`<rect x="3" y="5" width="18" height="14" rx="2" /><path d="M10 9v6M14 9v6" />`, 22);
const pointerIcon = icon(svg`<path d="M5 3l6 16 2.5-6.5L20 10Z" />`, 22);

/**
 * Feeds the peer's annotation operations to the lazily loaded `AnnotationSession` and renders the
 * entry buttons, or `<support-call-annotation>` while a still or a pointer is shown.
 */
export class AnnotationEntry implements ReactiveController {
  private readonly terms: Terms<AnnotateTermKey>;
  private line: CallLine | undefined;
  private off: (() => void)[] = [];
  private module: typeof LayerModule | undefined;
  private loading: Promise<typeof LayerModule> | undefined;
  private queued: CallAnnotationEvent[] = [];
  private session: AnnotationSession | undefined;
  private readonly host: AnnotationHost;
  /** Counts the session's changes, so the layer renders again. */
  private version = 0;

  constructor(
    private readonly element: CallElement,
    report: (error: SupportError) => void,
  ) {
    element.addController(this);
    this.terms = new LocalizeController(element).use(annotateCatalog);
    const client = (): SupportClient | undefined => element.client;
    this.host = {
      client,
      uploads: () => element.uploadProvider ?? (client() ? defaultUploadProvider(element, client() as SupportClient) : undefined),
      stillSource: () => ({ server: element.server || globalThis.location?.origin || '', tokens: client() ? tokensOf(element, client() as SupportClient) : undefined }),
      video: (which) => element.renderRoot.querySelector<HTMLVideoElement>(`video[part~="${which}-video"]`),
      changed: () => {
        this.version++;
        element.requestUpdate();
      },
      report,
    };
  }

  hostUpdate(): void {
    const line = this.element.isConnected ? this.element.client?.calls : undefined;
    if (line === this.line) return;
    this.hostDisconnected();
    this.line = line;
    if (!line) return;
    this.off = [
      line.on('annotation', (event) => this.receive(event)),
      line.on('call-state', ({ state }) => state === 'ended' && this.drop()),
    ];
  }

  hostDisconnected(): void {
    for (const off of this.off) off();
    this.off = [];
    this.line = undefined;
    this.drop();
  }

  /** The peer points at this side's camera: the call shows its self-view large, under the dot. */
  get pointedAtSelf(): boolean {
    return this.session?.board.pointer?.ownCamera === true;
  }

  /** The entry buttons, or the annotation layer while it shows something. */
  render(view: CallState, media: CallMedia | undefined): TemplateResult | typeof nothing {
    if (!media || (view !== 'connected' && view !== 'reconnecting')) return nothing;
    const session = this.sessionFor();
    if (session?.board.active && this.module) {
      return html`<support-call-annotation
        .session=${session}
        .version=${this.version}
        .strings=${this.element.strings}
      ></support-call-annotation>`;
    }
    if (!media.remoteStream || !media.remote.video) return nothing;
    const t = this.terms;
    return html`<div part="annotation-toolbar" class="annotation-entry" role="toolbar" aria-label=${t.term('annotate.tools')}>
      <button type="button" part="freeze-button" class="control" aria-label=${t.term('annotate.freeze')} title=${t.term('annotate.freeze')} @click=${() => void this.use((s) => s.freeze())}>
        ${freezeIcon}
      </button>
      ${isStaff(this.element.client?.user?.role ?? 'customer')
        ? html`<button type="button" part="pointer-button" class="control" aria-label=${t.term('annotate.pointer')} title=${t.term('annotate.pointer')} @click=${() => void this.use((s) => s.togglePointer())}>
            ${pointerIcon}
          </button>`
        : nothing}
    </div>`;
  }

  /** The session of the current call, made once the module is in. */
  private sessionFor(): AnnotationSession | undefined {
    const call = this.line?.session;
    if (!this.module || !call?.callId) return undefined;
    if (this.session?.callId !== call.callId) {
      this.session?.dispose();
      this.session = new this.module.AnnotationSession(this.host, call);
    }
    return this.session;
  }

  private receive(event: CallAnnotationEvent): void {
    const session = this.sessionFor();
    if (session) return session.receive(event);
    this.queued.push(event);
    void this.use(() => undefined);
  }

  /** Loads the annotation code (once), replays what came meanwhile, then runs `action`. */
  private async use(action: (session: AnnotationSession) => unknown): Promise<void> {
    try {
      this.module ??= await (this.loading ??= import('./annotation-layer.js'));
      const session = this.sessionFor();
      const queued = this.queued.splice(0);
      if (!session) return;
      for (const event of queued) session.receive(event);
      await action(session);
    } catch (error) {
      this.loading = undefined;
      this.host.report(toSupportError(error));
    } finally {
      this.element.requestUpdate();
    }
  }

  private drop(): void {
    this.session?.dispose();
    this.session = undefined;
    this.queued = [];
  }
}
