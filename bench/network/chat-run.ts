/**
 * Chat through one network profile: a customer `SupportClient` (Node, the relay's WebSocket
 * through the netem TCP proxy) sends `count` messages to an agent client
 * connected directly, at a fast typist's pace (one a second: the outbox sends one message per round
 * trip, in order, so a faster burst would measure queueing); each message's one-way time is from `send()` to the agent's `message` event
 * (one clock: same process). The profile's outage is played while the messages go out.
 */
import WebSocket from 'ws';
import { SupportClient } from '../../src/core/support-client.js';
import { relayBackend } from '../../src/transports/relay/relay-backend.js';
import { staticToken } from '../../src/tokens/static-token.js';
import type { ImpairedNetwork } from '../../test/support/netem/network.js';
import type { NetworkProfile } from '../../test/support/netem/profiles.js';

export interface ChatRun {
  sent: number;
  /** One-way times of the messages that arrived, ms. */
  oneWayMs: number[];
  lost: number;
  duplicated: number;
  outOfOrder: number;
  /** Outage only: network back -> the customer's client connected again, ms. */
  recoveryMs?: number;
}

/** Between two messages, ms. */
const SPACING_MS = 1_000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function demoToken(relayUrl: string, role: 'customer' | 'agent', userId: string): Promise<string> {
  const response = await fetch(`${relayUrl}/demo/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ role, userId }),
  });
  return ((await response.json()) as { token: string }).token;
}

function client(url: string, token: string): SupportClient {
  const backend = relayBackend({ server: url, WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket });
  return new SupportClient({ backend, tokenProvider: staticToken(token) });
}

/** Runs the chat part of one profile against the relay at `relayUrl`, the customer behind `net`. */
export async function runChat(net: ImpairedNetwork, relayUrl: string, profile: NetworkProfile, count: number): Promise<ChatRun> {
  const id = `net-${profile.name.replace(/[^A-Za-z0-9]/g, '')}-${Date.now()}`;
  const agent = client(relayUrl, await demoToken(relayUrl, 'agent', `${id}-agent`));
  const customer = client(net.tcp.url, await demoToken(relayUrl, 'customer', id));
  const sentAt = new Map<string, number>();
  const arrivals: { body: string; at: number }[] = [];
  agent.on('message', ({ message }) => {
    if (!message.body.startsWith(id)) return;
    arrivals.push({ body: message.body, at: performance.now() });
  });
  let recoveryMs: number | undefined;
  try {
    net.apply({ ...profile, tcp: {} });
    await agent.connect();
    await customer.connect();
    const conversationId = customer.primaryConversationId ?? `c-${id}`;
    await customer.openConversation(conversationId);
    await agent.openConversation(conversationId);
    net.apply(profile);
    const outage = profile.outage;
    const playing =
      outage === undefined
        ? Promise.resolve()
        : sleep(Math.min(outage.afterMs, (count * SPACING_MS) / 3)).then(async () => {
            await net.outage(profile);
            const backAt = performance.now();
            while (customer.state !== 'connected') await sleep(20);
            recoveryMs = performance.now() - backAt;
          });
    for (let i = 0; i < count; i++) {
      const body = `${id} ${String(i).padStart(4, '0')}`;
      sentAt.set(body, performance.now());
      customer.send(conversationId, { body });
      await sleep(SPACING_MS);
    }
    await playing;
    const deadline = performance.now() + 30_000;
    while (new Set(arrivals.map((a) => a.body)).size < count && performance.now() < deadline) await sleep(50);
  } finally {
    customer.dispose();
    agent.dispose();
    net.apply({ ...profile, tcp: {} });
  }
  const seen = new Set<string>();
  let duplicated = 0;
  let outOfOrder = 0;
  let last = '';
  const oneWayMs: number[] = [];
  for (const { body, at } of arrivals) {
    if (seen.has(body)) {
      duplicated += 1;
      continue;
    }
    seen.add(body);
    if (body < last) outOfOrder += 1;
    last = body;
    oneWayMs.push(at - (sentAt.get(body) ?? at));
  }
  return { sent: count, oneWayMs, lost: count - seen.size, duplicated, outOfOrder, ...(recoveryMs === undefined ? {} : { recoveryMs }) };
}
