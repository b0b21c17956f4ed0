import { html, type TemplateResult } from 'lit';
import { linkify } from './linkify.js';

/**
 * Message text as DOM text (never parsed as HTML) with http(s) links as anchors that open in a
 * new tab without giving the target page a handle on ours.
 */
export function renderMessageText(body: string): TemplateResult {
  return html`${linkify(body).map((segment) =>
    segment.kind === 'link'
      ? html`<a part="link" href=${segment.href} target="_blank" rel="noopener noreferrer">${segment.text}</a>`
      : segment.text,
  )}`;
}
