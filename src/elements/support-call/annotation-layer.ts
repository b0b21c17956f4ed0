/**
 * `<support-call-annotation>`: what `<support-call>` shows over its stage while a still is frozen
 * or a pointer is live. Loaded by `AnnotationEntry` on first use (this module is the lazy chunk's
 * entry: it also brings `AnnotationSession`). Renders the session's state and turns pointer
 * events into normalised points through the picture's content rectangle.
 */
import { html, LitElement, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import type { AnnotationTool, NormalPoint } from '../../core/call/call-annotation-ops.js';
import { annotateToolsCatalog, type AnnotateToolsTermKey } from '../../i18n/en/annotate-tools.js';
import { LocalizeController, type Terms } from '../../i18n/localize-controller.js';
import { clearIcon, liveIcon, sendIcon, stopIcon, toolIcons, undoIcon } from './annotation-icons.js';
import { elementContentRect, fromNormal, toNormal, type ContentRect } from './annotation-geometry.js';
import { annotationLayerStyles } from './annotation-layer.styles.js';
import { paintStrokes } from './annotation-paint.js';
import type { AnnotationSession } from './annotation-session.js';

export { AnnotationSession } from './annotation-session.js';

/** The layer's parts, exported as `<support-call>`'s own (docs/freeze-and-draw.md lists them). */
const LAYER_PARTS = [
  'annotation-toolbar',
  'annotation-still',
  'annotation-canvas',
  'annotation-pointer',
  'annotation-notice',
  'tool-arrow',
  'tool-circle',
  'tool-pen',
  'tool-text',
  'undo-button',
  'clear-button',
  'send-button',
  'unfreeze-button',
  'stop-pointer-button',
].join(', ');

const TOOLS: readonly AnnotationTool[] = ['arrow', 'circle', 'pen', 'text'];
const TOOL_TERMS: Record<AnnotationTool, AnnotateToolsTermKey> = {
  arrow: 'annotateTools.arrow',
  circle: 'annotateTools.circle',
  pen: 'annotateTools.pen',
  text: 'annotateTools.text',
};

/** The point of `event` in the picture `element` shows, through its content rectangle. */
function pointIn(element: HTMLVideoElement | HTMLCanvasElement, event: PointerEvent): NormalPoint | undefined {
  const box = element.getBoundingClientRect();
  return toNormal(elementContentRect(element), event.clientX - box.left, event.clientY - box.top);
}

/**
 * The annotation layer of a call (internal to `<support-call>`, whose `::part()`s it exports).
 *
 * @csspart annotation-toolbar - The drawing tools, undo, clear, "Send to chat" and "Back to live video".
 * @csspart annotation-still - The frozen still (full resolution, letterboxed).
 * @csspart annotation-canvas - The drawing over the still.
 * @csspart annotation-pointer - The pointer's dot.
 * @csspart annotation-notice - What is happening ("Drawing added to the conversation.").
 * @csspart tool-arrow - Draws arrows (`aria-pressed` while chosen; so do the other tools).
 * @csspart tool-circle - Draws circles and ellipses.
 * @csspart tool-pen - Draws freehand.
 * @csspart tool-text - Places a text label.
 * @csspart undo-button - Removes this side's newest stroke.
 * @csspart clear-button - Removes every stroke.
 * @csspart send-button - "Send to chat": the still with its drawing, as an image message.
 * @csspart unfreeze-button - Back to live video on both screens.
 * @csspart stop-pointer-button - Stops pointing.
 */
export class SupportCallAnnotation extends LitElement {
  static override styles = [annotationLayerStyles];
  static override properties: PropertyDeclarations = {
    session: { attribute: false },
    version: { attribute: false },
    strings: { attribute: false },
  };

  /** The call's annotations (set by `<support-call>`). */
  declare session: AnnotationSession | undefined;
  /** Changes whenever the session does, so the layer renders again. */
  declare version: number;
  /** The call's string overrides, by key. */
  declare strings: Readonly<Record<string, string | undefined>> | undefined;

  private readonly i18n = new LocalizeController(this);
  private readonly t: Terms<AnnotateToolsTermKey> = this.i18n.use(annotateToolsCatalog);
  private tool: AnnotationTool = 'arrow';
  /** Where the text label being typed goes. */
  private labelAt: NormalPoint | undefined;
  private drawing = false;
  /** The pointed video whose first frame is awaited to place the dot. */
  private awaited: HTMLVideoElement | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    // Its parts are `<support-call>`'s: set here, so the call's own chunk does not carry the list.
    this.setAttribute('exportparts', LAYER_PARTS);
  }

  protected override render(): TemplateResult | typeof nothing {
    const session = this.session;
    if (session?.board.freeze) return this.renderFrozen(session);
    if (session?.board.pointer) return this.renderPointer(session);
    return nothing;
  }

  protected override updated(): void {
    this.paint();
    this.placePointer();
    this.placeLabel();
  }

  private renderFrozen(session: AnnotationSession): TemplateResult {
    const image = session.image;
    const draw = session.canDraw;
    const s = this.t;
    return html`<div class="surface frozen">
        ${image
          ? html`<img part="annotation-still" class="fit" src=${image.src} alt=${s.term('annotateTools.still')} data-final=${String(image.final)} />`
          : nothing}
        <canvas
          part="annotation-canvas"
          class="fit ${draw ? 'draw' : ''}"
          width=${image?.width ?? 1}
          height=${image?.height ?? 1}
          aria-label=${s.term(draw ? 'annotateTools.canvas' : 'annotateTools.still')}
          role="img"
          @pointerdown=${draw ? this.down : nothing}
          @pointermove=${draw ? this.move : nothing}
          @pointerup=${draw ? this.up : nothing}
          @pointercancel=${draw ? this.up : nothing}
        ></canvas>
        ${this.labelAt ? this.renderLabel() : nothing}
      </div>
      ${this.renderToolbar(session)} ${this.renderStatus(session)}`;
  }

  private renderPointer(session: AnnotationSession): TemplateResult {
    const s = this.t;
    // Pointed at: `<support-call>` shows this side's camera large under the dot (`selfPointed`).
    return html`${session.board.pointer?.ownCamera === true
        ? nothing
        : html`<div
            class="surface pointing"
            role="application"
            tabindex="0"
            aria-label=${s.term('annotateTools.pointerSurface')}
            @keydown=${this.pointKey}
            @pointerdown=${this.pointAt}
            @pointermove=${this.pointAt}
            @pointerup=${this.lift}
            @pointerleave=${this.lift}
            @pointercancel=${this.lift}
          ></div>`}
      <div part="annotation-pointer" class="dot" hidden></div>
      ${this.renderToolbar(session)} ${this.renderStatus(session)}`;
  }

  private renderToolbar(session: AnnotationSession): TemplateResult | typeof nothing {
    const s = this.t;
    const button = (label: AnnotateToolsTermKey, icon: TemplateResult, click: () => void, options: { pressed?: boolean; disabled?: boolean; part?: string } = {}): TemplateResult =>
      html`<button
        type="button"
        part=${options.part ?? nothing}
        aria-label=${s.term(label)}
        title=${s.term(label)}
        aria-pressed=${options.pressed === undefined ? nothing : String(options.pressed)}
        ?disabled=${options.disabled ?? false}
        @click=${click}
      >
        ${icon}
      </button>`;
    const frozen = session.board.freeze;
    const items: TemplateResult[] = [];
    if (frozen && session.canDraw) {
      for (const tool of TOOLS) items.push(button(TOOL_TERMS[tool], toolIcons[tool], () => this.choose(tool), { pressed: this.tool === tool, part: `tool-${tool}` }));
      items.push(button('annotateTools.undo', undoIcon, () => session.undo(), { disabled: !session.board.lastOwnStroke, part: 'undo-button' }));
      items.push(button('annotateTools.clear', clearIcon, () => session.clear(), { disabled: session.board.strokes.length === 0, part: 'clear-button' }));
      const img = (): HTMLImageElement | null => this.renderRoot.querySelector('img');
      items.push(button('annotateTools.send', sendIcon, () => void this.sendToChat(img()), { disabled: !session.image || session.posting, part: 'send-button' }));
    }
    if (frozen) items.push(button('annotateTools.unfreeze', liveIcon, () => session.unfreeze(), { part: 'unfreeze-button' }));
    else if (session.pointing) items.push(button('annotateTools.stopPointer', stopIcon, () => session.togglePointer(), { part: 'stop-pointer-button' }));
    if (!items.length) return nothing;
    return html`<div part="annotation-toolbar" class="toolbar" role="toolbar" aria-label=${s.term('annotateTools.toolbar')}>${items}</div>`;
  }

  private renderStatus(session: AnnotationSession): TemplateResult | typeof nothing {
    const frozen = session.board.freeze;
    const key: AnnotateToolsTermKey | undefined = session.posting
      ? 'annotateTools.sending'
      : session.notice === 'sent'
        ? 'annotateTools.sent'
        : frozen && !session.image
          ? 'annotateTools.stillLoading'
          : frozen?.ownCamera && !session.canDraw
            ? 'annotateTools.frozenByPeer'
            : session.board.pointer?.ownCamera
              ? 'annotateTools.pointedByPeer'
              : undefined;
    return key ? html`<p part="annotation-notice" class="status" role="status">${this.t.term(key)}</p>` : nothing;
  }

  private renderLabel(): TemplateResult {
    const s = this.t;
    return html`<form class="label" @submit=${this.commitLabel}>
      <input aria-label=${s.term('annotateTools.label')} placeholder=${s.term('annotateTools.label')} maxlength="80" enterkeyhint="done" @keydown=${this.labelKey} />
    </form>`;
  }

  private choose(tool: AnnotationTool): void {
    this.tool = tool;
    this.labelAt = undefined;
    this.requestUpdate();
  }

  private async sendToChat(image: HTMLImageElement | null): Promise<void> {
    if (!image) return;
    await image.decode().catch(() => undefined);
    await this.session?.sendToChat(image);
  }

  private readonly down = (event: PointerEvent): void => {
    const canvas = event.currentTarget as HTMLCanvasElement;
    const at = pointIn(canvas, event);
    // No still yet: the canvas has no geometry to draw in.
    if (!at || !this.session?.image) return;
    if (this.tool === 'text') {
      this.labelAt = at;
      this.requestUpdate();
      return;
    }
    canvas.setPointerCapture?.(event.pointerId);
    this.drawing = true;
    this.session.beginStroke(this.tool, at);
  };

  private readonly move = (event: PointerEvent): void => {
    if (!this.drawing) return;
    const at = pointIn(event.currentTarget as HTMLCanvasElement, event);
    if (at) this.session?.extendStroke(at);
  };

  private readonly up = (): void => {
    if (!this.drawing) return;
    this.drawing = false;
    this.session?.endStroke();
  };

  private readonly commitLabel = (event: Event): void => {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).querySelector('input');
    const text = input?.value.trim() ?? '';
    if (text && this.labelAt) {
      this.session?.beginStroke('text', this.labelAt, text.slice(0, 80));
      this.session?.endStroke();
    }
    this.labelAt = undefined;
    this.requestUpdate();
  };

  private readonly labelKey = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    this.labelAt = undefined;
    this.requestUpdate();
  };

  private readonly pointAt = (event: PointerEvent): void => {
    // A mouse points by hovering; a finger or pen while it touches.
    if (event.pointerType !== 'mouse' && event.buttons === 0 && event.type !== 'pointerdown') return;
    const video = this.session?.video('remote');
    // A picture with no frame yet has no geometry: its box is not the picture.
    this.session?.point(video?.videoWidth ? pointIn(video, event) : undefined);
  };

  private readonly lift = (): void => this.session?.point(undefined);

  /** The arrow keys move the pointer (Shift: in bigger steps), from the middle of the picture. */
  private readonly pointKey = (event: KeyboardEvent): void => {
    const step = event.shiftKey ? 0.1 : 0.02;
    const move: Partial<Record<string, [number, number]>> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    const delta = move[event.key];
    if (!delta) return;
    event.preventDefault();
    const [x, y] = this.session?.board.pointer?.at ?? [0.5, 0.5];
    const clamp = (value: number): number => Math.round(Math.min(1, Math.max(0, value)) * 10_000) / 10_000;
    this.session?.point([clamp(x + delta[0]), clamp(y + delta[1])]);
  };

  /** Redraws the strokes at the still's resolution. */
  private paint(): void {
    const canvas = this.renderRoot.querySelector<HTMLCanvasElement>('canvas[part~="annotation-canvas"]');
    const context = canvas?.getContext('2d');
    if (!canvas || !context || !this.session) return;
    context.clearRect(0, 0, canvas.width, canvas.height);
    paintStrokes(context, this.session.board.strokes, canvas.width, canvas.height);
  }

  /** Puts the dot over the pointed picture: the peer's video here, or this side's camera (the call's self-view). */
  private placePointer(): void {
    const dot = this.renderRoot.querySelector<HTMLElement>('[part~="annotation-pointer"]');
    const pointer = this.session?.board.pointer;
    if (!dot || !pointer) return;
    const video = this.session?.video(pointer.ownCamera ? 'local' : 'remote');
    const at = pointer.at;
    const ready = !!video?.videoWidth;
    dot.hidden = !at || !ready;
    if (video && !ready) this.awaitFrame(video);
    if (!at || !video || !ready) return;
    const place = this.place(video, elementContentRect(video), at);
    dot.style.transform = `translate(${place.x}px, ${place.y}px)`;
  }

  /** Places the dot again once `video` knows its picture's size. */
  private awaitFrame(video: HTMLVideoElement): void {
    if (this.awaited === video) return;
    this.awaited = video;
    video.addEventListener(
      'loadedmetadata',
      () => {
        this.awaited = undefined;
        this.requestUpdate();
      },
      { once: true },
    );
  }

  private placeLabel(): void {
    const form = this.renderRoot.querySelector<HTMLElement>('.label');
    const canvas = this.renderRoot.querySelector<HTMLCanvasElement>('canvas');
    if (!form || !canvas || !this.labelAt) return;
    const place = this.place(canvas, elementContentRect(canvas), this.labelAt);
    form.style.transform = `translate(${place.x}px, ${place.y}px) translateY(-50%)`;
    const input = form.querySelector('input');
    if (input && this.renderRoot instanceof ShadowRoot && this.renderRoot.activeElement !== input) input.focus();
  }

  /** The px position in this layer of a normalised point of the picture `element` shows. */
  private place(element: Element, rect: ContentRect, at: NormalPoint): { x: number; y: number } {
    const box = element.getBoundingClientRect();
    const own = this.getBoundingClientRect();
    const point = fromNormal(rect, at);
    return { x: point.x + box.left - own.left, y: point.y + box.top - own.top };
  }
}

if (globalThis.customElements && !customElements.get('support-call-annotation')) customElements.define('support-call-annotation', SupportCallAnnotation);
