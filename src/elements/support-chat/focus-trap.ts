import type { ReactiveController, ReactiveControllerHost } from 'lit';

const TABBABLE = [
  'a[href]',
  'button:not([disabled])',
  'textarea:not([disabled])',
  'input:not([disabled])',
  'select:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
].join(',');

/**
 * Keeps Tab and Shift+Tab inside a container of the host's shadow root while `active`
 * (the open chat panel), wrapping from the last focusable element to the first and back.
 */
export class FocusTrap implements ReactiveController {
  /** Whether Tab is trapped now. */
  active = false;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly container: () => HTMLElement | null,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.host.addEventListener('keydown', this.onKeydown);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('keydown', this.onKeydown);
  }

  private readonly onKeydown = (event: KeyboardEvent): void => {
    if (!this.active || event.key !== 'Tab') return;
    const container = this.container();
    if (!container) return;
    const tabbables = [...container.querySelectorAll<HTMLElement>(TABBABLE)].filter(
      (element) => element.getClientRects().length > 0,
    );
    const first = tabbables[0];
    const last = tabbables.at(-1);
    if (!first || !last) return;
    const current = this.host.shadowRoot?.activeElement ?? null;
    const inside = current !== null && container.contains(current);
    if (event.shiftKey && (current === first || !inside)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (current === last || !inside)) {
      event.preventDefault();
      first.focus();
    }
  };
}

/** True when focus is in `host` or nowhere in particular (so moving it takes nothing from the user). */
export function focusIsOursOrNowhere(host: HTMLElement): boolean {
  const active = document.activeElement;
  return active === null || active === host || active === document.body;
}
