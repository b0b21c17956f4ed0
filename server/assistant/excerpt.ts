/**
 * The excerpt an offline answer shows: the article's paragraph (or list) that shares the most
 * search words with the question, cut at a sentence end within `maxChars`. Only the article's
 * own words, never new ones: Markdown markers are removed, nothing else changes.
 */
import { searchWords } from './segment.js';

/** Longest excerpt, characters. */
export const MAX_EXCERPT_CHARS = 420;

function plain(block: string): string {
  return block
    .split('\n')
    .map((line) => line.replace(/^\s*(#{1,6}\s+|[-*+]\s+|>\s?)/, '').replace(/\*\*|__|`/g, '').trim())
    .filter((line) => line !== '')
    .join('\n');
}

/** Cuts `text` at its last sentence end before `max` characters (at a word when there is none). */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max);
  const end = Math.max(...['. ', '.\n', '。', '！', '？', '! ', '? '].map((mark) => head.lastIndexOf(mark)));
  if (end > max / 3) return head.slice(0, end + 1).trim();
  const space = head.lastIndexOf(' ');
  return `${(space > max / 2 ? head.slice(0, space) : head).trim()}…`;
}

/**
 * The best paragraph of `body` for `question`'s words.
 *
 * @example
 * excerpt(article.body, 'how do I reset my earbuds')
 */
export function excerpt(body: string, question: string, maxChars = MAX_EXCERPT_CHARS): string {
  const wanted = new Set(searchWords(question));
  const blocks = body.split(/\n\s*\n/).filter((b) => !/^\s*#{1,6}\s/.test(b)).map(plain).filter((b) => b !== '');
  let best = blocks[0] ?? '';
  let bestScore = -1;
  for (const block of blocks) {
    const words = new Set(searchWords(block));
    let score = 0;
    for (const word of wanted) if (words.has(word)) score++;
    if (score > bestScore) {
      best = block;
      bestScore = score;
    }
  }
  return cut(best, maxChars);
}
