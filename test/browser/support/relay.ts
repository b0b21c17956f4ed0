/**
 * Browser-test access to the real relay server started by web-test-runner.config.mjs:
 * its URL, demo tokens (proxied on the test origin) and real `SupportClient`s.
 */
import { SupportClient } from '../../../src/core/support-client.js';
import { relayBackend } from '../../../src/transports/relay/relay-backend.js';
import { endpointTokenProvider } from '../../../src/tokens/index.js';
import type { Role } from '../../../src/protocol/model.js';
import type { CallOptions } from '../../../src/core/call/call-line-types.js';

declare global {
  interface Window {
    __RELAY_URL__?: string;
  }
}

/** The relay server's http URL. */
export function relayUrl(): string {
  const url = window.__RELAY_URL__;
  if (!url) throw new Error('relay server URL missing: run the tests through web-test-runner.config.mjs');
  return url;
}

/** A unique user id for one test (the server is shared by the whole run). */
export function uniqueId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

const clients = new Set<SupportClient>();

/** A real client signed in through the demo token endpoint; disposed by `disposeClients()`. `calls`: call timing and devices. */
export function createClient(role: Role, userId: string, userName: string, calls?: CallOptions): SupportClient {
  const client = new SupportClient({
    backend: relayBackend({ server: relayUrl() }),
    tokenProvider: endpointTokenProvider('/demo/token', { method: 'POST', body: { role, userId, userName } }),
    storage: null,
    timeoutMs: 5000,
    ...(calls ? { calls } : {}),
  });
  clients.add(client);
  return client;
}

export function disposeClients(): void {
  for (const client of clients) client.dispose();
  clients.clear();
}

/**
 * Resolves with the predicate's first truthy value; rejects with `what` (a plain string, never a
 * DOM node: printing one can hang the runner) after `timeoutMs`.
 */
export async function waitFor<T>(predicate: () => T | undefined | null | false, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = predicate();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
