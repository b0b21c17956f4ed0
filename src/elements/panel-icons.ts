/** The message panel's icons (chat panel and inbox thread), loaded with the panel, not the launcher. */
import { svg } from 'lit';
import { icon } from './icons.js';

export const sendIcon = icon(svg`<path d="M4 12 20 4l-6 16-3-7-7-1Z" /><path d="m11 13 9-9" />`);
export const clockIcon = icon(svg`<circle cx="12" cy="12" r="8" /><path d="M12 8v4l3 2" />`);
export const checkIcon = icon(svg`<path d="m5 12.5 4.5 4.5L19 7.5" />`);
export const doubleCheckIcon = icon(svg`<path d="m2 12.5 4.5 4.5L16 7.5" /><path d="m11.5 16.5.5.5L21.5 7.5" />`);
export const alertIcon = icon(svg`<circle cx="12" cy="12" r="9" /><path d="M12 7.5v5.5M12 16.5v.01" />`);
export const retryIcon = icon(svg`<path d="M20 12a8 8 0 1 1-2.3-5.6" /><path d="M20 4v5h-5" />`);
export const arrowDownIcon = icon(svg`<path d="M12 5v14M6 13l6 6 6-6" />`);
export const headsetIcon = icon(
  svg`<path d="M4 14v-2a8 8 0 0 1 16 0v2" /><rect x="3" y="14" width="4" height="6" rx="1.5" /><rect x="17" y="14" width="4" height="6" rx="1.5" />`,
);
export const boxIcon = icon(svg`<path d="M3 7.5 12 3l9 4.5v9L12 21l-9-4.5Z" /><path d="M3 7.5 12 12l9-4.5M12 12v9" />`);
