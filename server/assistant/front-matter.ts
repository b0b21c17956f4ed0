/**
 * The front matter of a knowledge-base article in Markdown: a block between `---` lines of
 * `key: value` lines, where a value is text (quotes optional) or a list `[a, b]`. Deliberately
 * small (no nested YAML): an article needs a title, its language and its product tags.
 */
import { KnowledgeBaseError } from './knowledge-base-error.js';

/** The fields of the front matter and the Markdown after it. */
export interface FrontMatter {
  fields: Record<string, string | string[]>;
  body: string;
}

function unquote(value: string): string {
  const v = value.trim();
  return (v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'")) ? v.slice(1, -1) : v;
}

/** Splits an article into its front matter's fields and its body; throws on a file without one. */
export function parseFrontMatter(source: string, where: string): FrontMatter {
  const match = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(source);
  if (match === null) throw new KnowledgeBaseError(`${where}: a Markdown article starts with front matter between --- lines`);
  const fields: Record<string, string | string[]> = {};
  for (const line of (match[1] ?? '').split(/\r?\n/)) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new KnowledgeBaseError(`${where}: front matter line "${line}" is not key: value`);
    const key = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    fields[key] = value.startsWith('[') && value.endsWith(']')
      ? value.slice(1, -1).split(',').map(unquote).filter((v) => v !== '')
      : unquote(value);
  }
  return { fields, body: (match[2] ?? '').trim() };
}
