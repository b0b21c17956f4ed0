/**
 * The copy-paste handler of `docs/agora.md` ("Tokens from your own backend"), run as printed:
 * its uids match the widget's, it refuses other users' calls, and a client on the agora backend
 * signs in and joins a call with what it answers (RTM and RTC fakes that check the tokens).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SupportClient } from '../../../src/core/support-client.js';
import { agoraBackend } from '../../../src/transports/agora/agora-backend.js';
import { LazyAgoraMessagingTransport } from '../../../src/transports/agora/lazy-messaging-transport.js';
import { tokenProvider } from '../../../src/tokens/token-provider.js';
import { rtcChannelName } from '../../../src/protocol/rtc-channel.js';
import { rtcUidCandidates, rtcUidFor } from '../../../src/protocol/rtc-uid.js';
import { FakeMediaStreamImpl, FakeRtcNetwork, fakeTrack } from '../agora/fake-rtc.js';
import { FakeRtmNetwork } from '../agora/fake-rtm.js';
import { decodeAgoraToken } from './access-token-reader.js';

const APP_ID = '0123456789abcdef0123456789abcdef';
const CERTIFICATE = 'fedcba9876543210fedcba9876543210';

type User = { id: string; name: string; role: 'customer' | 'agent' };
interface DocsHandler {
  rtcUids(userId: string): number[];
  agoraTokenAnswer(user: User, body: unknown): [number, Record<string, unknown>];
}

/** The first ```js block of docs/agora.md that starts with `// agora-tokens.js`. */
function handlerSource(): string {
  const docs = readFileSync(new URL('../../../docs/agora.md', import.meta.url), 'utf8');
  const block = /```js\n(\/\/ agora-tokens\.js[\s\S]*?)```/.exec(docs)?.[1];
  assert.ok(block, 'docs/agora.md has the handler');
  const agoraToken = pathToFileURL(createRequire(import.meta.url).resolve('agora-token')).href;
  return block.replace("from 'agora-token'", `from '${agoraToken}'`);
}

const genuine = (token: string | null | undefined, check: (d: ReturnType<typeof decodeAgoraToken>) => boolean): boolean => {
  try {
    const decoded = decodeAgoraToken(token ?? '', CERTIFICATE);
    return decoded.signatureValid && decoded.appId === APP_ID && check(decoded);
  } catch {
    return false;
  }
};

describe('the token handler printed in docs/agora.md', () => {
  let dir: string;
  let handler: DocsHandler;
  const customer: User = { id: 'u-42', name: 'Ana', role: 'customer' };

  before(async () => {
    process.env.AGORA_APP_ID = APP_ID;
    process.env.AGORA_APP_CERTIFICATE = CERTIFICATE;
    dir = mkdtempSync(join(tmpdir(), 'support-docs-handler-'));
    const file = join(dir, 'agora-tokens.mjs');
    writeFileSync(file, handlerSource());
    handler = (await import(pathToFileURL(file).href)) as DocsHandler;
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it("derives the widget's RTC uids", () => {
    for (const id of ['u-42', 'agent-alex', 'cust-0x9f', 'Zoë@shop', 'a'.repeat(64)]) assert.deepEqual(handler.rtcUids(id), rtcUidCandidates(id), id);
  });

  it("mints an RTM token for the session's user whatever the page sends", () => {
    const [status, answer] = handler.agoraTokenAnswer(customer, { role: 'agent', userId: 'someone-else' });
    assert.equal(status, 200);
    assert.ok(genuine(answer.token as string, (d) => d.rtm?.userId === 'u-42'));
    assert.deepEqual({ ...answer, token: undefined, expiresAt: undefined }, { token: undefined, expiresAt: undefined, appId: APP_ID, userId: 'u-42', userName: 'Ana', role: 'customer' });
  });

  it("mints RTC tokens only in the customer's own channel and uids; agents in any support channel", () => {
    const own = handler.agoraTokenAnswer(customer, { kind: 'rtc', channel: rtcChannelName('u-42'), uid: rtcUidFor('u-42', 1) });
    assert.equal(own[0], 200);
    assert.ok(genuine(own[1].token as string, (d) => d.rtc?.channel === 'support.u-42' && d.rtc.uid === String(rtcUidFor('u-42', 1))));
    assert.equal(handler.agoraTokenAnswer(customer, { kind: 'rtc', channel: 'support.u-43', uid: rtcUidFor('u-42') })[0], 403);
    assert.equal(handler.agoraTokenAnswer(customer, { kind: 'rtc', channel: 'support.u-42', uid: rtcUidFor('u-43') })[0], 403);
    const agent: User = { id: 'agent-alex', name: 'Alex', role: 'agent' };
    assert.equal(handler.agoraTokenAnswer(agent, { kind: 'rtc', channel: 'support.u-42', uid: rtcUidFor('agent-alex') })[0], 200);
    assert.equal(handler.agoraTokenAnswer(agent, { kind: 'rtc', channel: 'elsewhere', uid: rtcUidFor('agent-alex') })[0], 403);
  });

  it('is enough for a client with app-id and user-id: it signs in to RTM and gets RTC tokens for a call', async () => {
    const rtm = new FakeRtmNetwork({ checkToken: (userId, token) => genuine(token, (d) => d.rtm?.userId === userId) });
    const rtc = new FakeRtcNetwork({ appId: APP_ID, checkToken: (channel, uid, token) => genuine(token, (d) => d.rtc?.channel === channel && d.rtc.uid === String(uid)) });
    const posted: unknown[] = [];
    // The shop's backend behind fetch: its session says the user is u-42.
    const shopFetch = async (_url: string | URL | Request, init?: RequestInit): Promise<Response> => {
      const body: unknown = JSON.parse(String(init?.body));
      posted.push(body);
      const [status, json] = handler.agoraTokenAnswer(customer, body);
      return new Response(JSON.stringify(json), { status, headers: { 'content-type': 'application/json' } });
    };
    const tokens = tokenProvider(async () => (await (await shopFetch('/agora/token', { body: JSON.stringify({ role: 'customer', userId: 'u-42' }) })).json()) as { token: string });
    const agora = { loadRtmSdk: async () => rtm.sdk(), loadRtcSdk: async () => rtc.sdk(), MediaStreamImpl: FakeMediaStreamImpl, presencePollMs: 0, fetch: shopFetch as typeof fetch };
    const client = new SupportClient({ backend: agoraBackend({ appId: APP_ID, userId: 'u-42', userName: 'Ana', server: 'https://shop.example', ...agora }), storage: null, timeoutMs: 2_000, tokenProvider: tokens });
    try {
      await client.connect();
      assert.deepEqual(client.user, { id: 'u-42', name: 'Ana', role: 'customer' });
      assert.equal(client.primaryConversationId, 'u-42');
    } finally {
      client.dispose();
    }
    const transport = new LazyAgoraMessagingTransport({ appId: APP_ID, userId: 'u-42', userName: 'Ana', role: 'customer', tokens, timeoutMs: 2_000, server: 'https://shop.example', ...agora });
    try {
      await transport.connect({ token: await tokens.getToken(), resume: {} });
      const media = await transport.createMediaTransport('u-42');
      await media.join({ callId: 'call-1', conversationId: 'u-42', selfId: 'u-42', polite: true, timeoutMs: 2_000 });
      await media.publish({ video: fakeTrack('video') });
      assert.deepEqual(rtc.members('support.u-42'), [rtcUidFor('u-42')]);
      // The widget names the call's conversation too (the relay checks membership with it; this handler need not).
      assert.deepEqual(posted.at(-1), { kind: 'rtc', channel: 'support.u-42', uid: rtcUidFor('u-42'), conversationId: 'u-42' });
      await media.leave();
    } finally {
      transport.disconnect();
    }
  });
});
