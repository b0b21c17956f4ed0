/**
 * The serial scan's sheet above the composer (loaded on the first tap of the scan button): the
 * rear camera's live preview while the reader looks for a barcode, then what it read (an IMEI's
 * check digit verdict with it) to confirm, scan again or cancel; a coded, localised notice when
 * the camera or the reader cannot be had. Only a confirmed value leaves the sheet.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { scanCatalog, type ScanTermKey } from '../../i18n/en/scan.js';
import type { LocalizeController, Terms } from '../../i18n/localize-controller.js';
import { toSupportError, type SupportError } from '../../protocol/errors.js';
import type { ErrorCode } from '../../protocol/model.js';
import { createBarcodeReader, type BarcodeReaderOptions } from '../../scan/barcode-reader.js';
import { scanFrames, type ScanResult } from '../../scan/frame-scan.js';
import { RearCamera } from './rear-camera.js';

/** Where the sheet is: opening the camera and the reader, looking, showing what it read, or failed. */
export type ScanStep = { step: 'starting' } | { step: 'scanning' } | { step: 'found'; result: ScanResult } | { step: 'failed'; error: SupportError };

type Host = ReactiveControllerHost & { readonly renderRoot: ParentNode };

export interface ScanSheetOptions {
  i18n: LocalizeController;
  /** The customer confirmed this serial: it goes in the device card. */
  apply(serial: string): void;
  /** A failure the customer met (the element's `support-error`). */
  report(error: unknown): void;
  /** The sheet closed, with what to announce (the saved serial), if anything: focus goes back to the scan button. */
  closed(announcement?: string): void;
  /** How the reader is chosen and where its `.wasm` is (default: `createBarcodeReader()`'s). */
  reader?: BarcodeReaderOptions;
}

/** The notice for a failure, by its code. */
function errorTerm(code: ErrorCode): ScanTermKey {
  if (code === 'media-denied') return 'scan.error.denied';
  if (code === 'no-device') return 'scan.error.noDevice';
  if (code === 'config') return 'scan.error.blocked';
  if (code === 'network' || code === 'timeout') return 'scan.error.unavailable';
  return 'scan.error.failed';
}

/** The sheet and its scan: one run at a time; closing it (or the panel) turns the camera off. */
export class ScanSheet implements ReactiveController {
  private state: ScanStep | undefined;
  private camera: RearCamera | undefined;
  /** The run under way: aborted by cancel, retry and close, so a late answer of an old run is dropped. */
  private run: AbortController | undefined;
  private readonly terms: Terms<ScanTermKey>;

  constructor(
    private readonly host: Host,
    private readonly options: ScanSheetOptions,
  ) {
    host.addController(this);
    this.terms = options.i18n.use(scanCatalog);
  }

  /** Whether the sheet is showing. */
  get open(): boolean {
    return this.state !== undefined;
  }

  /** Where the sheet is (undefined: closed). */
  get step(): ScanStep | undefined {
    return this.state;
  }

  hostDisconnected(): void {
    this.stop(); // never leave the camera on behind a removed element
    this.state = undefined;
  }

  /** Opens the sheet (if closed) and scans, moving focus into it. */
  start(): void {
    const wasOpen = this.open;
    this.stop();
    const run = (this.run = new AbortController());
    this.set({ step: 'starting' });
    if (!wasOpen) this.focusAfterUpdate('.scan-title');
    void this.scan(run);
  }

  /** Closes the sheet without changing anything (the composer keeps what was typed). */
  readonly cancel = (): void => {
    if (!this.open) return;
    this.stop();
    this.set(undefined);
    this.options.closed();
  };

  private readonly retry = (): void => {
    this.start();
    this.focusAfterUpdate('.scan-title');
  };

  private readonly confirm = (): void => {
    const state = this.state;
    if (state?.step !== 'found') return;
    this.set(undefined);
    this.options.apply(state.result.value);
    this.options.closed(this.terms.term('scan.saved', { value: state.result.value }));
  };

  private readonly onKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation(); // the panel's Escape would close the chat
    this.cancel();
  };

  private async scan(run: AbortController): Promise<void> {
    const { signal } = run;
    try {
      const opening = RearCamera.open().then((camera) => {
        if (signal.aborted) camera.stop();
        else this.camera = camera;
        this.host.requestUpdate(); // the preview shows while the reader may still be loading
        return camera;
      });
      const [camera, reader] = await Promise.all([opening, createBarcodeReader({ ...this.options.reader, signal })]);
      if (this.run !== run) return;
      this.set({ step: 'scanning' });
      const result = await scanFrames(() => camera.frame(this.video()), reader, { signal });
      if (this.run !== run) return;
      this.stop();
      this.set({ step: 'found', result });
      this.focusAfterUpdate('[part~="scan-confirm-button"]');
    } catch (error) {
      if (this.run !== run) return;
      this.stop(); // also a camera that opens after the reader failed
      const coded = toSupportError(error);
      this.options.report(coded);
      this.set({ step: 'failed', error: coded });
      this.focusAfterUpdate(coded.code === 'config' ? '[part~="scan-cancel-button"]' : '[part~="scan-retry-button"]');
    }
  }

  private stop(): void {
    this.run?.abort();
    this.run = undefined;
    this.camera?.stop();
    this.camera = undefined;
  }

  private set(state: ScanStep | undefined): void {
    this.state = state;
    this.host.requestUpdate();
  }

  private video(): HTMLVideoElement | null {
    return this.host.renderRoot.querySelector<HTMLVideoElement>('video[part~="scan-preview"]');
  }

  private focusAfterUpdate(selector: string): void {
    void this.host.updateComplete.then(() => this.host.renderRoot.querySelector<HTMLElement>(`.scan-sheet ${selector}`)?.focus());
  }

  /** The sheet (`part="scan-sheet"`, with `data-step`), or nothing while closed. */
  render(): TemplateResult | typeof nothing {
    const state = this.state;
    if (!state) return nothing;
    const t = this.terms;
    const looking = state.step === 'starting' || state.step === 'scanning';
    const camera = this.camera;
    const retryable = state.step === 'found' || (state.step === 'failed' && state.error.code !== 'config');
    return html`<section part="scan-sheet" class="scan-sheet" role="group" aria-labelledby="scan-title" data-step=${state.step} @keydown=${this.onKeydown}>
      <h2 id="scan-title" class="scan-title" tabindex="-1">${t.term('scan.title')}</h2>
      ${looking
        ? html`<div class="scan-stage">
              ${camera
                ? html`<video part="scan-preview" class="scan-preview" aria-label=${t.term('scan.preview')} .srcObject=${live(camera.stream)} .muted=${true} muted autoplay playsinline></video>`
                : nothing}
              <span class="scan-target" aria-hidden="true"></span>
            </div>
            <p class="scan-hint">${t.term('scan.hint')}</p>`
        : nothing}
      <div part="scan-status" class="scan-status" role="status">
        ${looking ? t.term(state.step === 'starting' ? 'scan.starting' : 'scan.looking') : nothing}
        ${state.step === 'found' ? this.renderResult(state.result) : nothing}
      </div>
      ${state.step === 'failed'
        ? html`<p part="scan-error" class="scan-error" role="alert" data-code=${state.error.code}>${t.term(errorTerm(state.error.code))}</p>`
        : nothing}
      <div class="scan-actions">
        ${state.step === 'found'
          ? html`<button part="scan-confirm-button" class="scan-action primary" type="button" @click=${this.confirm}>${t.term('scan.confirm')}</button>`
          : nothing}
        ${retryable ? html`<button part="scan-retry-button" class="scan-action" type="button" @click=${this.retry}>${t.term('scan.retry')}</button>` : nothing}
        <button part="scan-cancel-button" class="scan-action" type="button" @click=${this.cancel}>${t.term('scan.cancel')}</button>
      </div>
    </section>`;
  }

  private renderResult(result: ScanResult): TemplateResult {
    const t = this.terms;
    const imei = result.imei;
    return html`<p class="scan-read">${t.term('scan.read')}</p>
      <p part="scan-result" class="scan-value" data-format=${result.format}>${result.value}</p>
      ${imei
        ? html`<p part="scan-imei" class="scan-imei" data-valid=${imei.valid ? 'true' : 'false'}>${t.term(imei.valid ? 'scan.imeiValid' : 'scan.imeiInvalid')}</p>`
        : nothing}`;
  }
}
