/**
 * What a desk search looks for: the query's words (at most `MAX_TERMS`, compared with ASCII
 * letters folded to lower case, as SQLite's `lower()` and `instr()` do), the FTS5 expression for
 * those the trigram index can find (3 characters or more), and the snippet shown for a hit.
 */
import type { SearchSnippet } from 'support-widget/protocol';

/** Words of one query that are used; the rest are ignored. */
export const MAX_TERMS = 8;
/** The trigram index finds substrings of this many characters or more. */
export const MIN_INDEXED_CHARS = 3;
/** Characters of message text around the first match in a snippet. */
const SNIPPET_BEFORE = 30;
const SNIPPET_CHARS = 120;

export interface SearchTerms {
  /** Every word, ASCII-lower-cased, longest first. */
  all: string[];
  /** The words the index can find. */
  indexed: string[];
  /** The words too short for it: checked on each candidate instead. */
  short: string[];
  /** The whole query, ASCII-lower-cased (customers match it as one substring). */
  phrase: string;
}

/** ASCII letters to lower case, nothing else (the same folding as SQLite's `lower()`). */
export function asciiLower(text: string): string {
  return text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}

const length = (word: string): number => [...word].length;

export function searchTerms(query: string): SearchTerms {
  const phrase = asciiLower(query.trim().replace(/\s+/g, ' '));
  const all = [...new Set(phrase.split(' ').filter((word) => word !== ''))].sort((a, b) => length(b) - length(a)).slice(0, MAX_TERMS);
  const indexed = all.filter((word) => length(word) >= MIN_INDEXED_CHARS);
  return { all, indexed, short: all.filter((word) => !indexed.includes(word)), phrase };
}

/** The FTS5 query: every indexed word as a quoted string (no operator or syntax of the user's reaches FTS5). */
export function matchExpression(indexed: readonly string[]): string {
  return indexed.map((word) => `"${word.replaceAll('"', '""')}"`).join(' ');
}

/** True when `text` holds every word (ASCII case folded). */
export function holdsAll(text: string, words: readonly string[]): boolean {
  const folded = asciiLower(text);
  return words.every((word) => folded.includes(word));
}

/** A surrogate pair is never cut in two. */
function clampToCodePoint(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return index > 0 && code >= 0xdc00 && code <= 0xdfff ? index - 1 : index;
}

/**
 * Up to `SNIPPET_CHARS` characters of `body` (whitespace collapsed) around the first match, with
 * an ellipsis where it was cut, and where each word occurs in it. Plain text: the client renders it
 * as text, never as HTML.
 */
export function snippetOf(body: string, words: readonly string[]): SearchSnippet {
  const flat = body.replace(/\s+/g, ' ').trim();
  const folded = asciiLower(flat);
  const first = Math.min(...words.map((word) => folded.indexOf(word)).filter((at) => at >= 0), flat.length);
  let start = first >= flat.length ? 0 : clampToCodePoint(flat, Math.max(0, first - SNIPPET_BEFORE));
  const end = clampToCodePoint(flat, Math.min(flat.length, start + SNIPPET_CHARS));
  if (end === flat.length) start = clampToCodePoint(flat, Math.max(0, end - SNIPPET_CHARS));
  const lead = start > 0 ? '…' : '';
  const text = `${lead}${flat.slice(start, end)}${end < flat.length ? '…' : ''}`;
  const inText = asciiLower(text);
  const found: Array<[number, number]> = [];
  for (const word of words) {
    for (let at = inText.indexOf(word); at >= 0; at = inText.indexOf(word, at + word.length)) found.push([at, at + word.length]);
  }
  found.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const highlights: Array<[number, number]> = [];
  for (const range of found) {
    const last = highlights.at(-1);
    if (last !== undefined && range[0] < last[1]) last[1] = Math.max(last[1], range[1]);
    else highlights.push(range);
  }
  return { text, highlights };
}
