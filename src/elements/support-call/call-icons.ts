/**
 * Icons of the call controls (24×24, stroke `currentColor`), decorative: every button carries
 * its own accessible name.
 */
import { svg, type SVGTemplateResult, type TemplateResult } from 'lit';
import { icon as baseIcon } from '../icons.js';

/** Call controls use 22 px icons. */
const icon = (paths: SVGTemplateResult): TemplateResult => baseIcon(paths, 22);

const handset = svg`<path d="M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2" />`;

export const phoneIcon = icon(handset);
export const hangupIcon = icon(
  svg`<path d="M3 15.5c5-4.7 13-4.7 18 0l-2.3 2.3-3.2-1.6v-2.7a10 10 0 0 0-7 0v2.7l-3.2 1.6Z" />`,
);
export const micIcon = icon(svg`<rect x="9" y="3" width="6" height="11" rx="3" /><path d="M5 11a7 7 0 0 0 14 0M12 18v3" />`);
export const micOffIcon = icon(
  svg`<path d="M15 10V6a3 3 0 0 0-5.7-1.3M9 9v2a3 3 0 0 0 5 2.2M5 11a7 7 0 0 0 11.5 5.4M19 11a7 7 0 0 1-.7 3M12 18v3M3 3l18 18" />`,
);
export const videoIcon = icon(svg`<rect x="3" y="6" width="13" height="12" rx="2" /><path d="m16 10 5-3v10l-5-3" />`);
export const videoOffIcon = icon(
  svg`<path d="M16 16v0a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2h1M10 6h4a2 2 0 0 1 2 2v2l5-3v10M3 3l18 18" />`,
);
export const switchCameraIcon = icon(
  svg`<path d="M4 8h3l2-3h6l2 3h3v11H4Z" /><path d="M9.5 13.5a3 3 0 0 1 5-1.8M14.5 13.5a3 3 0 0 1-5 1.8M14.5 10v2h-2M9.5 17v-2h2" />`,
);
export const screenIcon = icon(svg`<rect x="3" y="4" width="18" height="12" rx="2" /><path d="M8 20h8M12 16v4M12 7v6M9.5 9.5 12 7l2.5 2.5" />`);
export const snapshotIcon = icon(svg`<path d="M4 8h3l2-3h6l2 3h3v11H4Z" /><circle cx="12" cy="13" r="3.5" />`);
export const settingsIcon = icon(
  svg`<path d="M4 7h10M18 7h2M4 17h4M12 17h8" /><circle cx="16" cy="7" r="2" /><circle cx="10" cy="17" r="2" />`,
);
export const closeCallIcon = icon(svg`<path d="M6 6l12 12M18 6 6 18" />`);
