/**
 * Icons of the annotation toolbar (22 px, stroke `currentColor`), decorative: every button carries
 * its own accessible name. Loaded with the toolbar, never with the call.
 */
import { svg, type SVGTemplateResult, type TemplateResult } from 'lit';
import type { AnnotationTool } from '../../core/call/call-annotation-ops.js';
import { icon as baseIcon } from '../icons.js';

const icon = (paths: SVGTemplateResult): TemplateResult => baseIcon(paths, 22);

/** One icon per drawing tool. */
export const toolIcons: Record<AnnotationTool, TemplateResult> = {
  arrow: icon(svg`<path d="M5 19 19 5M10 5h9v9" />`),
  circle: icon(svg`<ellipse cx="12" cy="12" rx="8" ry="7" />`),
  pen: icon(svg`<path d="M4 20c3-1 4-5 7-8s6-6 9-7c-1 3-4 6-7 9s-7 4-9 6Z" />`),
  text: icon(svg`<path d="M5 6V4h14v2M12 4v16M9 20h6" />`),
};
export const undoIcon = icon(svg`<path d="M9 14 4 9l5-5" /><path d="M4 9h10a6 6 0 0 1 0 12h-3" />`);
export const clearIcon = icon(svg`<path d="M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3" />`);
export const sendIcon = icon(svg`<path d="M21 3 10 14M21 3l-7 18-4-7-7-4Z" />`);
export const liveIcon = icon(svg`<path d="M7 5v14l12-7Z" />`);
export const stopIcon = icon(svg`<path d="M6 6l12 12M18 6 6 18" />`);
