/**
 * The composer's "Scan a serial number" button (`part="scan-button"`) and the sheet it opens. The
 * button is all that ships with the chat panel; the sheet, the camera code and the barcode reader
 * load on its first tap, so none of it weighs on the launcher or the panel.
 */
import { html, nothing, svg, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { AttachmentTermKey } from '../../i18n/en/attachments.js';
import type { LocalizeController, Terms } from '../../i18n/localize-controller.js';
import { SupportError } from '../../protocol/errors.js';
import { icon } from '../icons.js';
import type { ScanSheet, ScanSheetOptions } from './scan-sheet.js';

const scanIcon = icon(svg`<path d="M4 8V5a1 1 0 0 1 1-1h3m8 0h3a1 1 0 0 1 1 1v3m0 8v3a1 1 0 0 1-1 1h-3m-8 0H5a1 1 0 0 1-1-1v-3M8 8v8m3-8v8m3-8v8m3-8v8" />`);

interface SheetModule {
  ScanSheet: typeof ScanSheet;
}

let sheetModule: Promise<SheetModule> | undefined;

/** The sheet's code, fetched on first use (a failed fetch is tried again next time). */
function loadSheet(): Promise<SheetModule> {
  sheetModule ??= import('./scan-sheet.js').catch((error: unknown) => {
    sheetModule = undefined;
    throw error;
  });
  return sheetModule;
}

type Host = ReactiveControllerHost & { readonly renderRoot: ParentNode };

export interface SerialScanOptions extends Pick<ScanSheetOptions, 'i18n' | 'apply' | 'report' | 'reader'> {
  i18n: LocalizeController;
  /** The button's label (the composer's other buttons' strings). */
  strings: Terms<AttachmentTermKey>;
  /** Whether the thread is on screen: a hidden one turns the camera off. */
  shown(): boolean;
}

/** The scan button's behaviour: loads the sheet on the first tap, opens it, gives focus back when it closes. */
export class SerialScanControl implements ReactiveController {
  private sheet: ScanSheet | undefined;
  private loading = false;
  /** Said politely once the sheet closed with a saved serial. */
  private announcement = '';

  constructor(
    private readonly host: Host,
    private readonly options: SerialScanOptions,
  ) {
    host.addController(this);
  }

  /** Where a camera can be asked for at all (the button shows). */
  get supported(): boolean {
    return typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getUserMedia === 'function';
  }

  /** A hidden thread scans nothing: the camera goes off with it (before the render that hides it). */
  hostUpdate(): void {
    if (!this.options.shown()) this.sheet?.cancel();
  }

  /** The button, beside the composer's attach and record buttons. */
  renderButton(disabled: boolean): TemplateResult | typeof nothing {
    if (!this.supported) return nothing;
    const label = this.options.strings.term('scan.button');
    return html`<button
      part="scan-button"
      class="icon-button composer-button scan-button"
      type="button"
      aria-label=${label}
      title=${label}
      aria-expanded=${this.sheet?.open ? 'true' : 'false'}
      aria-busy=${this.loading ? 'true' : 'false'}
      ?disabled=${disabled}
      @click=${this.toggle}
    >
      ${scanIcon}
    </button>`;
  }

  /** The sheet while it is open, and the live region that confirms a saved serial. */
  renderSheet(): TemplateResult {
    return html`${this.sheet?.render() ?? nothing}<p class="visually-hidden" role="status">${this.announcement}</p>`;
  }

  private readonly toggle = (): void => {
    if (this.sheet?.open) this.sheet.cancel();
    else void this.open();
  };

  private async open(): Promise<void> {
    if (this.loading) return;
    this.announcement = '';
    this.loading = true;
    this.host.requestUpdate();
    try {
      const { ScanSheet } = await loadSheet();
      this.sheet ??= new ScanSheet(this.host, {
        i18n: this.options.i18n,
        apply: this.options.apply,
        report: this.options.report,
        ...(this.options.reader ? { reader: this.options.reader } : {}),
        closed: (announcement) => this.closed(announcement),
      });
      await this.options.i18n.loading; // the sheet's strings in the page's language, not a flash of English
      if (this.options.shown()) this.sheet.start();
    } catch (error) {
      this.options.report(new SupportError('network', 'Could not load the serial scan.', { cause: error }));
    } finally {
      this.loading = false;
      this.host.requestUpdate();
    }
  }

  private closed(announcement = ''): void {
    this.announcement = announcement;
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => this.host.renderRoot.querySelector<HTMLElement>('[part~="scan-button"]')?.focus());
  }
}
