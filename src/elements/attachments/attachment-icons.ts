/** Icons of attachments (composer buttons, chips, files in the thread, lightbox), loaded with the panel. */
import { svg } from 'lit';
import { icon } from '../icons.js';

export const paperclipIcon = icon(
  svg`<path d="m20 11.5-8.2 8.2a5 5 0 0 1-7.1-7.1l8.5-8.5a3.3 3.3 0 0 1 4.7 4.7l-8.5 8.5a1.7 1.7 0 0 1-2.4-2.4l7.8-7.8" />`,
);
export const micIcon = icon(svg`<rect x="9" y="3" width="6" height="11" rx="3" /><path d="M5 11a7 7 0 0 0 14 0M12 18v3" />`);
export const videoIcon = icon(svg`<rect x="3" y="6" width="13" height="12" rx="2" /><path d="m16 10.5 5-3v9l-5-3Z" />`);
export const stopIcon = icon(svg`<rect x="6" y="6" width="12" height="12" rx="2" />`);
export const fileIcon = icon(svg`<path d="M14 3H6a1 1 0 0 0-1 1v16a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1V8Z" /><path d="M14 3v5h5" />`);
export const smallCloseIcon = icon(svg`<path d="M7 7l10 10M17 7 7 17" />`);
export const zoomInIcon = icon(svg`<circle cx="11" cy="11" r="7" /><path d="m20 20-4-4M8 11h6M11 8v6" />`);
export const zoomOutIcon = icon(svg`<circle cx="11" cy="11" r="7" /><path d="m20 20-4-4M8 11h6" />`);
