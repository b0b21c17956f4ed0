/**
 * The shop's knowledge base (issue 18): articles read from a folder of Markdown files with front
 * matter (`title`, `lang`, `products`, optional `id` and `url`) and JSON files (one article or an
 * array of them, the same fields plus `body`). Sections are the body's `## ` headings.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { AssistantLang } from './provider.js';
import { parseFrontMatter } from './front-matter.js';
import { KnowledgeBaseError } from './knowledge-base-error.js';

/** One article of the knowledge base. */
export interface KbArticle {
  /** Unique in the knowledge base (default: the file name without its extension). */
  id: string;
  lang: AssistantLang;
  title: string;
  /** Product tags, lower case: an article matches a context card whose name or SKU contains one. */
  products: string[];
  /** Where the customer reads the whole article (default `/help/<id>`). */
  url: string;
  /** Plain text or Markdown; never rendered as HTML, only excerpted. */
  body: string;
}

export { KnowledgeBaseError };

const LANGS: readonly AssistantLang[] = ['en', 'zh-CN'];

function text(value: unknown, field: string, where: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new KnowledgeBaseError(`${where}: ${field} must be text`);
  return value.trim();
}

/** Checks one article's fields (from front matter or JSON) and fills the defaults. */
export function toArticle(fields: Record<string, unknown>, fallbackId: string, where: string): KbArticle {
  const id = fields['id'] === undefined ? fallbackId : text(fields['id'], 'id', where);
  if (!/^[A-Za-z0-9_.:-]{1,128}$/.test(id)) throw new KnowledgeBaseError(`${where}: id must be 1-128 of A-Z a-z 0-9 _ . : -`);
  const lang = LANGS.find((l) => l === fields['lang']);
  if (lang === undefined) throw new KnowledgeBaseError(`${where}: lang must be one of ${LANGS.join(', ')}`);
  const products = fields['products'] ?? [];
  if (!Array.isArray(products) || !products.every((p) => typeof p === 'string')) throw new KnowledgeBaseError(`${where}: products must be a list of tags`);
  const url = fields['url'] === undefined ? `/help/${id}` : text(fields['url'], 'url', where);
  if (!/^(https?:\/\/|\/(?!\/))\S+$/.test(url)) throw new KnowledgeBaseError(`${where}: url must be http(s) or a path such as /help/${id}`);
  return { id, lang, title: text(fields['title'], 'title', where), products: products.map((p) => p.toLowerCase()), url, body: text(fields['body'], 'body', where) };
}

function fromJson(file: string): KbArticle[] {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new KnowledgeBaseError(`${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const list = Array.isArray(value) ? value : [value];
  return list.map((item, i) => {
    if (typeof item !== 'object' || item === null) throw new KnowledgeBaseError(`${file}[${i}]: an article must be an object`);
    return toArticle(item as Record<string, unknown>, `${basename(file, '.json')}-${i}`, `${file}[${i}]`);
  });
}

function fromMarkdown(file: string): KbArticle {
  const { fields, body } = parseFrontMatter(readFileSync(file, 'utf8'), file);
  return toArticle({ ...fields, body }, basename(file, extname(file)), file);
}

/**
 * Every article under `dir` (sub-folders too, such as `en/` and `zh-CN/`), sorted by id.
 * Throws `KnowledgeBaseError` on a bad file or two articles with one id.
 *
 * @example
 * const articles = loadKnowledgeBase('demo/kb');
 */
export function loadKnowledgeBase(dir: string): KbArticle[] {
  const articles: KbArticle[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.json')) articles.push(...fromJson(path));
      else if (entry.name.endsWith('.md')) articles.push(fromMarkdown(path));
    }
  };
  try {
    walk(dir);
  } catch (error) {
    if (error instanceof KnowledgeBaseError) throw error;
    throw new KnowledgeBaseError(`${dir}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const seen = new Set<string>();
  for (const article of articles) {
    if (seen.has(article.id)) throw new KnowledgeBaseError(`two articles have the id ${article.id}`);
    seen.add(article.id);
  }
  return articles.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
