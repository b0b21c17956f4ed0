/**
 * History from the shop's own HTTP endpoint, for Agora projects without RTM history or shops
 * that keep their own archive: `GET ${url}?conversationId=…&beforeSeq=…&limit=…` answering
 * `{ "messages": WireMessage[], "hasMore": boolean }` (oldest first).
 */
import { SupportError, type ErrorCode } from '../../protocol/errors.js';
import type { WireMessage } from '../../protocol/model.js';
import type { HistoryPage } from '../types.js';
import type { HistoryLoadOptions, HistoryProvider } from './history-provider.js';
import { isObject, parseWireMessage } from './wire-message.js';

type Headers = Record<string, string>;

export interface HttpHistoryProviderOptions {
  /** Extra request headers (e.g. authorization), or a function that returns them per request. */
  headers?: Headers | (() => Headers | Promise<Headers>);
  /** `fetch` credentials mode; default `same-origin`. */
  credentials?: RequestCredentials;
  /** Default `globalThis.fetch`. */
  fetch?: typeof fetch;
}

function codeForStatus(status: number): { code: ErrorCode; retryable: boolean } {
  if (status === 401) return { code: 'unauthorized', retryable: false };
  if (status === 403) return { code: 'forbidden', retryable: false };
  if (status === 404) return { code: 'not-found', retryable: false };
  if (status === 429) return { code: 'rate-limited', retryable: true };
  if (status >= 500) return { code: 'internal', retryable: true };
  return { code: 'config', retryable: false };
}

function requestUrl(url: string, conversationId: string, { beforeSeq, limit }: HistoryLoadOptions): string {
  const query = new URLSearchParams({ conversationId });
  if (beforeSeq !== undefined) query.set('beforeSeq', String(beforeSeq));
  query.set('limit', String(limit));
  return `${url}${url.includes('?') ? '&' : '?'}${query.toString()}`;
}

function parsePage(value: unknown, conversationId: string): HistoryPage {
  if (!isObject(value) || !Array.isArray(value['messages']) || typeof value['hasMore'] !== 'boolean') {
    throw new SupportError('internal', 'history endpoint answered without { messages, hasMore }', { retryable: false });
  }
  const messages: WireMessage[] = [];
  for (const item of value['messages']) {
    const message = parseWireMessage(item, conversationId);
    if (!message) {
      throw new SupportError('internal', 'history endpoint returned an invalid message', { retryable: false });
    }
    messages.push(message);
  }
  return { messages, hasMore: value['hasMore'] };
}

/**
 * Reads history pages from the shop's endpoint.
 *
 * @example
 * httpHistoryProvider('/support/history', { headers: async () => ({ authorization: `Bearer ${await session()}` }) });
 */
export function httpHistoryProvider(url: string, options: HttpHistoryProviderOptions = {}): HistoryProvider {
  return {
    async load(conversationId, loadOptions) {
      const fetchImpl = options.fetch ?? (globalThis as { fetch?: typeof fetch }).fetch;
      if (!fetchImpl) throw new SupportError('config', 'no fetch implementation: pass options.fetch', { retryable: false });
      const headers = typeof options.headers === 'function' ? await options.headers() : (options.headers ?? {});
      let response: Response;
      try {
        response = await fetchImpl(requestUrl(url, conversationId, loadOptions), {
          method: 'GET',
          headers: { accept: 'application/json', ...headers },
          credentials: options.credentials ?? 'same-origin',
          ...(loadOptions.signal ? { signal: loadOptions.signal } : {}),
        });
      } catch (error) {
        if (loadOptions.signal?.aborted) throw new SupportError('closed', 'history request cancelled', { cause: error });
        throw new SupportError('network', `history endpoint unreachable: ${url}`, { cause: error });
      }
      if (!response.ok) {
        const { code, retryable } = codeForStatus(response.status);
        throw new SupportError(code, `history endpoint answered ${response.status}`, { retryable });
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch (error) {
        throw new SupportError('internal', 'history endpoint answered with invalid JSON', { cause: error, retryable: false });
      }
      return parsePage(body, conversationId);
    },
  };
}
