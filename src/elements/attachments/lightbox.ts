/**
 * The photo lightbox: a modal `<dialog>` (top layer, so it covers the page whatever the panel's
 * stacking) with zoom, loaded on the first click on a thumbnail.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import type { Attachment } from '../../protocol/model.js';
import type { AttachmentTermKey } from '../../i18n/en/attachments.js';
import type { Terms } from '../../i18n/localize-controller.js';
import { smallCloseIcon, zoomInIcon, zoomOutIcon } from './attachment-icons.js';

/** Zoom steps; 1 fits the photo in the window. */
const ZOOMS = [0.5, 0.75, 1, 1.5, 2, 3, 4] as const;
const FIT = ZOOMS.indexOf(1);

interface Shown {
  attachment: Attachment;
  src: string;
  opener: HTMLElement;
}

type Host = ReactiveControllerHost & { readonly renderRoot: ParentNode };

/**
 * A keyboard-accessible lightbox (`part="lightbox"`, a modal dialog named after the photo):
 * focus moves in and stays in (Tab cycles its buttons), Escape closes and gives focus back to
 * the thumbnail, `+`/`-` (and the buttons) zoom, `0` fits again. Keys it handles never reach the
 * panel (whose Escape would close the chat).
 */
export class Lightbox implements ReactiveController {
  private shown: Shown | undefined;
  private zoomIndex = FIT;
  /** Size of the photo fitted in the stage, measured once it has loaded. */
  private fitted: { width: number; height: number } | undefined;

  constructor(
    private readonly host: Host,
    private readonly strings: Terms<AttachmentTermKey>,
  ) {
    host.addController(this);
  }

  /** The zoom factor shown (1 = fitted). */
  get zoom(): number {
    return ZOOMS[this.zoomIndex] ?? 1;
  }

  open(attachment: Attachment, src: string, opener: HTMLElement): void {
    this.shown = { attachment, src, opener };
    this.zoomIndex = FIT;
    this.fitted = undefined;
    this.host.requestUpdate();
  }

  /** Closes and gives focus back to the thumbnail that opened it. */
  close(): void {
    const shown = this.shown;
    if (!shown) return;
    this.dialog()?.close();
    this.shown = undefined;
    this.host.requestUpdate();
    if (shown.opener.isConnected) shown.opener.focus();
  }

  hostUpdated(): void {
    const dialog = this.dialog();
    if (!dialog || dialog.open) return;
    dialog.showModal();
    dialog.querySelector<HTMLElement>('.lightbox-close')?.focus();
  }

  hostDisconnected(): void {
    this.shown = undefined;
  }

  render(): TemplateResult | typeof nothing {
    const shown = this.shown;
    if (!shown) return nothing;
    const { strings } = this;
    const name = shown.attachment.name;
    const zoom = this.zoom;
    const size = this.fitted && zoom !== 1 ? { width: `${this.fitted.width * zoom}px`, height: `${this.fitted.height * zoom}px`, maxInlineSize: 'none', maxBlockSize: 'none' } : {};
    return html`<dialog part="lightbox" class="lightbox" aria-label=${name} @keydown=${this.onKeydown} @cancel=${this.onCancel}>
      <div class="lightbox-bar">
        <span class="lightbox-title">${name}</span>
        <span class="lightbox-zoom" role="status">${strings.term('lightbox.zoom', { percent: Math.round(zoom * 100) })}</span>
        <button
          part="lightbox-zoom-out-button"
          class="icon-button"
          type="button"
          aria-label=${strings.term('lightbox.zoomOut')}
          title=${strings.term('lightbox.zoomOut')}
          ?disabled=${this.zoomIndex === 0}
          @click=${() => this.step(-1)}
        >
          ${zoomOutIcon}
        </button>
        <button
          part="lightbox-zoom-in-button"
          class="icon-button"
          type="button"
          aria-label=${strings.term('lightbox.zoomIn')}
          title=${strings.term('lightbox.zoomIn')}
          ?disabled=${this.zoomIndex === ZOOMS.length - 1}
          @click=${() => this.step(1)}
        >
          ${zoomInIcon}
        </button>
        <button
          part="lightbox-close-button"
          class="icon-button lightbox-close"
          type="button"
          aria-label=${strings.term('lightbox.close')}
          title=${strings.term('lightbox.close')}
          @click=${() => this.close()}
        >
          ${smallCloseIcon}
        </button>
      </div>
      <div class="lightbox-stage" @click=${this.onStageClick}>
        <img part="lightbox-image" class="lightbox-image" src=${shown.src} alt=${name} data-zoom=${zoom} style=${styleMap(size)} @load=${this.onLoad} />
      </div>
    </dialog>`;
  }

  private dialog(): HTMLDialogElement | null {
    return this.host.renderRoot.querySelector<HTMLDialogElement>('dialog.lightbox');
  }

  private step(by: number): void {
    const next = Math.max(0, Math.min(ZOOMS.length - 1, this.zoomIndex + by));
    if (next === this.zoomIndex) return;
    this.zoomIndex = next;
    this.host.requestUpdate();
  }

  private readonly onLoad = (event: Event): void => {
    const image = event.target as HTMLImageElement;
    // Fitted size at zoom 1 (CSS max sizes): the base the other zoom steps scale.
    if (this.zoom === 1) this.fitted = { width: image.clientWidth, height: image.clientHeight };
    else {
      const stage = image.parentElement;
      const scale = Math.min(1, (stage?.clientWidth ?? 0) / image.naturalWidth, (stage?.clientHeight ?? 0) / image.naturalHeight);
      this.fitted = { width: image.naturalWidth * scale, height: image.naturalHeight * scale };
    }
    this.host.requestUpdate();
  };

  private readonly onCancel = (event: Event): void => {
    event.preventDefault(); // closed here, so focus goes back to the thumbnail
    this.close();
  };

  private readonly onStageClick = (event: Event): void => {
    if (event.target === event.currentTarget) this.close(); // a click beside the photo
  };

  private readonly onKeydown = (event: KeyboardEvent): void => {
    const key = event.key;
    if (key === 'Escape') this.close();
    else if (key === '+' || key === '=') this.step(1);
    else if (key === '-' || key === '_') this.step(-1);
    else if (key === '0') this.step(FIT - this.zoomIndex);
    else if (key === 'Tab') this.cycleFocus(event.shiftKey);
    else return;
    event.preventDefault();
    event.stopPropagation();
  };

  /** Tab and Shift+Tab wrap among the lightbox's buttons. */
  private cycleFocus(backwards: boolean): void {
    const dialog = this.dialog();
    const buttons = [...(dialog?.querySelectorAll<HTMLButtonElement>('button:not([disabled])') ?? [])];
    if (buttons.length === 0) return;
    const active = (this.host.renderRoot as ShadowRoot | Document).activeElement;
    const index = buttons.findIndex((button) => button === active);
    const next = backwards ? (index <= 0 ? buttons.length - 1 : index - 1) : (index + 1) % buttons.length;
    buttons[next]?.focus();
  }
}
