/**
 * Issue 17's browser tests run against their own relay (web-test-runner.config.mjs): it offers
 * replies by email and has the admin API (office hours), reached through `/relationship/...` on the
 * test origin, so its prompts and hours never show in other tests.
 */
import { fixture, html } from '@open-wc/testing-helpers';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../../../src/elements/define.js';
import { SupportClient } from '../../../src/core/support-client.js';
import type { SupportChat } from '../../../src/elements/support-chat/support-chat.js';
import type { OfficeHours } from '../../../src/protocol/relationship.js';
import { endpointTokenProvider } from '../../../src/tokens/index.js';
import { relayBackend } from '../../../src/transports/relay/relay-backend.js';
import { waitFor } from './relay.js';

declare global {
  interface Window {
    __RELATIONSHIP_RELAY_URL__?: string;
  }
}

const TOKEN_ENDPOINT = '/relationship/demo/token';

export function relationshipRelayUrl(): string {
  const url = window.__RELATIONSHIP_RELAY_URL__;
  if (!url) throw new Error('relationship relay URL missing: run the tests through web-test-runner.config.mjs');
  return url;
}

const clients = new Set<SupportClient>();

/** A connected agent of the relationship relay; disposed by `disposeRelationshipClients()`. */
export async function relationshipAgent(userId: string, userName = 'Alex'): Promise<SupportClient> {
  const client = new SupportClient({
    backend: relayBackend({ server: relationshipRelayUrl() }),
    tokenProvider: endpointTokenProvider(TOKEN_ENDPOINT, { method: 'POST', body: { role: 'agent', userId, userName } }),
    storage: null,
    timeoutMs: 5000,
  });
  clients.add(client);
  await client.connect();
  return client;
}

export function disposeRelationshipClients(): void {
  for (const client of clients) client.dispose();
  clients.clear();
}

/** A customer's chat on the relationship relay, connected, with its conversation. */
export async function relationshipChat(
  userId: string,
  options: { inline?: boolean; lang?: string; noTitleBadge?: boolean } = {},
): Promise<{ el: SupportChat; conversationId: string }> {
  const el = await fixture<SupportChat>(html`<support-chat
    server=${relationshipRelayUrl()}
    token-endpoint=${TOKEN_ENDPOINT}
    user-id=${userId}
    user-name="Mia"
    lang=${options.lang ?? 'en'}
    ?inline=${options.inline ?? true}
    ?no-title-badge=${options.noTitleBadge ?? false}
    style=${ifDefined(options.inline === false ? undefined : '--support-panel-height: 520px')}
  ></support-chat>`);
  const conversationId = await waitFor(() => el.activeClient?.state === 'connected' && el.conversationId, 'the chat to connect');
  await el.updateComplete;
  return { el, conversationId };
}

/** Sets (or with `null` removes) the demo shop's office hours through the admin API. */
export async function setOfficeHours(hours: OfficeHours | null): Promise<void> {
  const response = await fetch('/relationship/admin/hours?shop=demo', {
    method: hours ? 'PUT' : 'DELETE',
    headers: { 'content-type': 'application/json' },
    ...(hours ? { body: JSON.stringify(hours) } : {}),
  });
  if (!response.ok) throw new Error(`admin hours: ${response.status} ${await response.text()}`);
}
