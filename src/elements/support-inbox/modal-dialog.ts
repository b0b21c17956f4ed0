import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Host = ReactiveControllerHost & { readonly renderRoot: ParentNode };

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), textarea:not([disabled]), select:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

/**
 * Open/close of one modal `<dialog>` of the host (found by `selector`): shown with `showModal()`
 * (top layer, the page behind inert), focus moved in and kept in (Tab and Shift+Tab wrap), Escape
 * closes, and focus goes back to what had it before. The host renders the dialog while `open`.
 */
export class ModalDialog implements ReactiveController {
  private opener: HTMLElement | undefined;
  private shown = false;

  constructor(
    private readonly host: Host,
    private readonly selector: string,
    private readonly onClose?: () => void,
  ) {
    host.addController(this);
  }

  /** Whether the dialog is (to be) shown. */
  get open(): boolean {
    return this.shown;
  }

  /** Shows the dialog; `opener` (default: the focused element) gets focus back when it closes. */
  show(opener?: HTMLElement): void {
    this.opener = opener ?? deepActiveElement();
    this.shown = true;
    this.host.requestUpdate();
  }

  /** Closes and gives focus back. */
  close(): void {
    if (!this.shown) return;
    this.dialog()?.close();
    this.shown = false;
    this.host.requestUpdate();
    this.onClose?.();
    const opener = this.opener;
    this.opener = undefined;
    if (opener?.isConnected) opener.focus();
  }

  hostUpdated(): void {
    const dialog = this.dialog();
    if (!this.shown || !dialog || dialog.open) return;
    dialog.showModal();
    (dialog.querySelector<HTMLElement>('[autofocus]') ?? dialog.querySelector<HTMLElement>(FOCUSABLE))?.focus();
  }

  hostDisconnected(): void {
    this.shown = false;
  }

  /** The dialog's `@cancel` (Escape): closed here, so focus goes back. */
  readonly onCancel = (event: Event): void => {
    event.preventDefault();
    this.close();
  };

  /** The dialog's `@keydown`: Escape closes; Tab wraps inside; keys never reach the desk's shortcuts. */
  readonly onKeydown = (event: KeyboardEvent): void => {
    event.stopPropagation();
    if (event.key === 'Escape') {
      event.preventDefault();
      this.close();
    } else if (event.key === 'Tab') this.wrapFocus(event);
  };

  private wrapFocus(event: KeyboardEvent): void {
    const items = [...(this.dialog()?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])];
    const first = items[0];
    const last = items.at(-1);
    const active = (this.host.renderRoot as ShadowRoot).activeElement;
    if (!first || !last) return;
    if (event.shiftKey ? active === first : active === last) {
      event.preventDefault();
      (event.shiftKey ? last : first).focus();
    }
  }

  private dialog(): HTMLDialogElement | null {
    return this.host.renderRoot.querySelector<HTMLDialogElement>(this.selector);
  }
}

/** The focused element, looking inside open shadow roots. */
function deepActiveElement(): HTMLElement | undefined {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : undefined;
}
