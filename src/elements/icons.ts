/**
 * Inline SVG icons (24×24, stroke `currentColor`), decorative: the button or text next to each
 * icon carries the accessible name. Only the launcher's icons live here, loaded with the element;
 * the panel's are in `panel-icons.ts`, loaded with the panel.
 */
import { html, svg, type SVGTemplateResult, type TemplateResult } from 'lit';

/** An icon from its SVG paths, `size` px square. */
export function icon(paths: SVGTemplateResult, size = 20): TemplateResult {
  return html`<svg
    class="icon"
    viewBox="0 0 24 24"
    width=${size}
    height=${size}
    aria-hidden="true"
    focusable="false"
    fill="none"
    stroke="currentColor"
    stroke-width="2"
    stroke-linecap="round"
    stroke-linejoin="round"
  >
    ${paths}
  </svg>`;
}

export const chatIcon = icon(svg`<path d="M21 12a8 8 0 0 1-11.6 7.1L4 20.5l1.4-4.9A8 8 0 1 1 21 12Z" />`);
export const closeIcon = icon(svg`<path d="M6 6l12 12M18 6 6 18" />`);
