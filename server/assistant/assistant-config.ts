/**
 * The assistant's settings from the environment (issue 18), parsed strictly like the relay's
 * others (an unknown value stops the start with a one-line reason):
 *
 *   SUPPORT_ASSISTANT            off | kb | llm. Default: kb when SUPPORT_ASSISTANT_KB is set (or in
 *                                demo mode, on the demo shop's knowledge base), else off
 *   SUPPORT_ASSISTANT_KB         folder of the knowledge base (Markdown with front matter, or JSON)
 *   SUPPORT_ASSISTANT_URL        llm: an OpenAI-compatible API (`https://api.openai.com/v1`)
 *   SUPPORT_ASSISTANT_KEY        llm: its API key (optional for a local model)
 *   SUPPORT_ASSISTANT_MODEL      llm: the model name
 *   SUPPORT_ASSISTANT_THRESHOLD  confidence (0–1) below which it hands over; default 0.2
 *   SUPPORT_ASSISTANT_TIMEOUT_MS llm: longest answer before falling back to the offline one; default 15000
 */
import { join } from 'node:path';
import type { AssistantSettings } from './assistant-settings.js';
import { KnowledgeBaseError, loadKnowledgeBase } from './knowledge-base.js';
import { LlmProvider } from './llm-provider.js';
import { OfflineProvider } from './offline-provider.js';

type Env = Record<string, string | undefined>;

const MODES = ['off', 'kb', 'llm'] as const;

function number(env: Env, name: string, min: number, max: number): number | string | undefined {
  const text = env[name];
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) && value >= min && value <= max ? value : `${name} must be a number from ${min} to ${max}, got "${text}"`;
}

/**
 * The assistant's settings, `undefined` when it is off, or a one-line reason the environment is
 * wrong (the caller throws it as its `ConfigError`).
 *
 * @example
 * const assistant = assistantFromEnv(process.env, demo, staticRoots().demoDir);
 * if (typeof assistant === 'string') throw new ConfigError(assistant);
 */
export function assistantFromEnv(env: Env, demo: boolean, demoDir: string): AssistantSettings | string | undefined {
  const raw = (env['SUPPORT_ASSISTANT'] ?? '').trim().toLowerCase();
  const kbDir = env['SUPPORT_ASSISTANT_KB'] || (demo ? join(demoDir, 'kb') : '');
  if (raw !== '' && !MODES.includes(raw as (typeof MODES)[number])) return `SUPPORT_ASSISTANT must be one of ${MODES.join(', ')}, got "${env['SUPPORT_ASSISTANT']}"`;
  const mode = raw === '' ? (kbDir === '' ? 'off' : 'kb') : raw;
  if (mode === 'off') return undefined;
  if (kbDir === '') return `SUPPORT_ASSISTANT=${mode} needs SUPPORT_ASSISTANT_KB, the folder of the knowledge base`;
  const threshold = number(env, 'SUPPORT_ASSISTANT_THRESHOLD', 0, 1);
  const timeoutMs = number(env, 'SUPPORT_ASSISTANT_TIMEOUT_MS', 100, 120_000);
  if (typeof threshold === 'string') return threshold;
  if (typeof timeoutMs === 'string') return timeoutMs;
  let retrieval: OfflineProvider;
  try {
    const articles = loadKnowledgeBase(kbDir);
    if (articles.length === 0) return `SUPPORT_ASSISTANT_KB (${kbDir}) holds no articles (.md or .json)`;
    retrieval = new OfflineProvider(articles);
  } catch (error) {
    if (!(error instanceof KnowledgeBaseError)) throw error;
    return `SUPPORT_ASSISTANT_KB: ${error.message}`;
  }
  const settings = threshold === undefined ? {} : { threshold };
  if (mode === 'kb') return { provider: retrieval, ...settings };
  const url = env['SUPPORT_ASSISTANT_URL'] ?? '';
  const model = env['SUPPORT_ASSISTANT_MODEL'] ?? '';
  if (!/^https?:\/\/\S+$/.test(url)) return 'SUPPORT_ASSISTANT=llm needs SUPPORT_ASSISTANT_URL, an http(s) URL of an OpenAI-compatible API';
  if (model === '') return 'SUPPORT_ASSISTANT=llm needs SUPPORT_ASSISTANT_MODEL, the model name';
  const key = env['SUPPORT_ASSISTANT_KEY'] || undefined;
  return { provider: new LlmProvider({ url, key, model, retrieval, ...(timeoutMs === undefined ? {} : { timeoutMs }) }), ...settings };
}
