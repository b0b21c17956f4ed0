/** Shadow-DOM queries for element tests; failures say what is missing as text. */

export function part<T extends HTMLElement = HTMLElement>(host: HTMLElement, name: string): T {
  const found = host.shadowRoot?.querySelector<T>(`[part~="${name}"]`);
  if (!found) throw new Error(`no part "${name}" in <${host.localName}>`);
  return found;
}

export function maybePart<T extends HTMLElement = HTMLElement>(host: HTMLElement, name: string): T | null {
  return host.shadowRoot?.querySelector<T>(`[part~="${name}"]`) ?? null;
}

export function parts<T extends HTMLElement = HTMLElement>(host: HTMLElement, name: string): T[] {
  return [...(host.shadowRoot?.querySelectorAll<T>(`[part~="${name}"]`) ?? [])];
}

/** The focused element inside the host's shadow root, described as text (e.g. `textarea[part=input]`). */
export function focusedPart(host: HTMLElement): string {
  const active = host.shadowRoot?.activeElement;
  if (!active) return document.activeElement === host ? 'host' : 'none';
  return `${active.localName}[part=${active.getAttribute('part') ?? ''}]`;
}

/** Whether an element is rendered (not hidden by `hidden` or `display: none` up the tree). */
export function isShown(element: HTMLElement | null): boolean {
  return !!element && element.getClientRects().length > 0;
}
