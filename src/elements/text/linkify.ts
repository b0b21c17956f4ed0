import { toHttpUrl } from './safe-url.js';

/** A run of message text: plain text, or a detected web link. */
export type TextSegment = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

/** Only `http://`, `https://` and `www.` start a link: other schemes stay text. */
const LINK = /\b(?:https?:\/\/|www\.)[^\s<>"'`]+/gi;
const TRAILING_PUNCTUATION = /[.,;:!?'"»”’]+$/;

/**
 * Splits message text into text and link segments. Links are http(s) only and never include
 * trailing punctuation or an unbalanced closing bracket.
 *
 * @example linkify('see www.example.com.') // [text 'see ', link 'www.example.com', text '.']
 */
export function linkify(text: string): TextSegment[] {
  const segments: TextSegment[] = [];
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    const start = match.index;
    const raw = trimLink(match[0]);
    const href = toHttpUrl(/^www\./i.test(raw) ? `https://${raw}` : raw, 'https://invalid.invalid/');
    if (!href || raw.length < 5) continue;
    if (start > last) segments.push({ kind: 'text', text: text.slice(last, start) });
    segments.push({ kind: 'link', text: raw, href });
    last = start + raw.length;
  }
  if (last < text.length) segments.push({ kind: 'text', text: text.slice(last) });
  return segments;
}

function trimLink(raw: string): string {
  let link = raw.replace(TRAILING_PUNCTUATION, '');
  // Drop closing brackets that were not opened inside the link, e.g. "(see https://x.io/a)".
  for (const [open, close] of [['(', ')'], ['[', ']'], ['{', '}']] as const) {
    while (link.endsWith(close) && count(link, close) > count(link, open)) {
      link = link.slice(0, -1).replace(TRAILING_PUNCTUATION, '');
    }
  }
  return link;
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}
