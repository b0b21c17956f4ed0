/**
 * The agora backend against a real Agora project. Runs only when `AGORA_APP_ID` and
 * `AGORA_APP_CERTIFICATE` are set (the project needs RTM 2.x enabled and App Certificate
 * authentication on); otherwise it is reported as one skipped test.
 *
 * A relay server on 127.0.0.1 mints the tokens (`POST /agora/token`, `server/agora-tokens.ts`).
 * The real SDKs run in Chromium, bundled with esbuild as the browser would get them, in one page
 * per user (RTM allows one session per user id):
 * - two `SupportClient`s on `agoraBackend()` sign in through the token exchange and exchange a
 *   message each way over RTM;
 * - two `AgoraRtcMediaTransport`s join the conversation's RTC channel with exchanged tokens and
 *   each sees the other's camera (fake capture device) as live, decoding video.
 */
import { after, before, describe, it, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { agoraCredentialsFromEnv } from '../../server/agora-tokens.js';
import { createRelayServer, signToken, type RelayServer, type TokenClaims } from '../../server/index.js';
import { launchChromium } from '../support/browser.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SECRET = `live-secret-${process.pid}-${Date.now()}-0123456789`;
/** Unique per run, so runs never meet each other's users or channels in the shared project. */
const RUN = `live${Date.now().toString(36)}`;
const CONVERSATION = `c-${RUN}`;
const STEP_TIMEOUT_MS = 20_000;

const ENTRY = `
import { SupportClient } from './src/core/support-client.js';
import { exchangeAgoraToken } from './src/transports/agora/token-exchange.js';
import { agoraBackend } from './src/transports/agora/agora-backend.js';
import { AgoraRtcMediaTransport } from './src/transports/agora/rtc-media-transport.js';
import { rtcChannelName } from './src/protocol/rtc-channel.js';

const describeError = (error) => ({ code: error?.code, message: String(error?.message ?? error) });
let client;
let media;

window.live = {
  async signIn({ server, relayToken, timeoutMs }) {
    client = new SupportClient({ backend: agoraBackend({ server }), tokenProvider: async () => relayToken, storage: null, timeoutMs });
    // Retryable failures make connect() keep trying: bound it, and say what the attempts met.
    const failures = [];
    client.on('state', ({ error }) => error && failures.push(error.code + ': ' + error.message));
    const gaveUp = new Promise((resolve) => setTimeout(() => resolve('gave up'), 2 * timeoutMs));
    try {
      if ((await Promise.race([client.connect(), gaveUp])) === 'gave up') {
        return { error: { code: 'timeout', message: 'not connected within ' + 2 * timeoutMs + ' ms: ' + failures.join('; ') } };
      }
      return { user: client.user, primary: client.primaryConversationId ?? null, agentsOnline: client.agentsOnline };
    } catch (error) {
      return { error: describeError(error) };
    }
  },
  send(conversationId, body) {
    client.send(conversationId, { body });
  },
  waitForMessage(body, timeoutMs) {
    return new Promise((resolve) => {
      const timer = setTimeout(() => { off(); resolve({ error: 'no message within ' + timeoutMs + ' ms' }); }, timeoutMs);
      const off = client.on('message', ({ message }) => {
        if (message.body !== body || message.mine) return;
        clearTimeout(timer);
        off();
        resolve({ from: message.from, conversationId: message.conversationId, seq: message.seq });
      });
    });
  },
  async joinCall({ server, relayToken, appId, conversationId, callId, selfId, peerId, polite, timeoutMs }) {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 320, height: 240 } });
    media = new AgoraRtcMediaTransport({
      appId,
      channel: rtcChannelName(conversationId, 'support', 'live'),
      getToken: async (kind, channel, uid) =>
        (await exchangeAgoraToken(server + '/agora/token', relayToken, { kind: 'rtc', channel, uid, conversationId })).token,
      timeoutMs,
    });
    const video = document.createElement('video');
    video.muted = true;
    video.autoplay = true;
    document.body.append(video);
    const remoteVideo = new Promise((resolve) => {
      media.on('remote-stream', (remote) => {
        if (!remote || remote.getVideoTracks().length === 0) return;
        video.srcObject = remote;
        video.play().catch(() => undefined);
        resolve(remote);
      });
    });
    try {
      await media.join({ callId, conversationId, selfId, peerId, polite, timeoutMs });
      await media.publish({ audio: stream.getAudioTracks()[0], video: stream.getVideoTracks()[0] });
    } catch (error) {
      return { error: describeError(error) };
    }
    const arrived = await Promise.race([remoteVideo, new Promise((resolve) => setTimeout(() => resolve(null), timeoutMs))]);
    if (!arrived) return { error: { code: 'timeout', message: 'no remote video within ' + timeoutMs + ' ms' } };
    const deadline = performance.now() + timeoutMs;
    while (video.videoWidth === 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    return { track: arrived.getVideoTracks()[0].readyState, width: video.videoWidth, height: video.videoHeight };
  },
  async leave() {
    await media?.leave();
    client?.dispose();
  },
};
window.liveReady = true;
`;

interface SignedIn {
  user?: { id: string; name: string; role: string };
  primary?: string | null;
  agentsOnline?: number;
  error?: { code: string; message: string };
}

interface CallOutcome {
  track?: string;
  width?: number;
  height?: number;
  error?: { code: string; message: string };
}

function relayToken(claims: Pick<TokenClaims, 'sub' | 'name' | 'role'> & { conv?: string[] }): string {
  return signToken({ shop: 'live', exp: Math.floor(Date.now() / 1000) + 3600, ...claims }, SECRET);
}

async function bundle(): Promise<Map<string, string>> {
  const result = await build({
    stdin: { contents: ENTRY, resolveDir: ROOT, sourcefile: 'agora-live-entry.ts', loader: 'ts' },
    bundle: true,
    format: 'esm',
    splitting: true,
    platform: 'browser',
    target: 'es2022',
    outdir: `${ROOT}/.agora-live-bundle`,
    entryNames: 'entry',
    write: false,
    logLevel: 'silent',
  });
  return new Map(result.outputFiles.map((file) => [`/${file.path.split('/').pop() ?? ''}`, file.text]));
}

function serve(files: Map<string, string>): Promise<Server> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/') {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<!doctype html><title>agora live</title><script type="module" src="/entry.js"></script>');
      return;
    }
    const body = files.get(path);
    response.writeHead(body === undefined ? 404 : 200, { 'content-type': 'text/javascript' });
    response.end(body ?? '');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const credentials = agoraCredentialsFromEnv();

if (credentials === undefined) {
  test.skip('AGORA_APP_ID / AGORA_APP_CERTIFICATE not set: live Agora suite skipped');
} else if (typeof credentials === 'string') {
  test('live Agora suite: credentials are well-formed', () => assert.fail(credentials));
} else {
  describe(`live Agora (App ID ${credentials.appId.slice(0, 6)}…, run ${RUN})`, () => {
    let relay: RelayServer;
    let dataDir: string;
    let pages: Server;
    let origin: string;
    let browser: Browser;
    const pageErrors: string[] = [];
    const customerToken = relayToken({ sub: `cust-${RUN}`, name: 'Live customer', role: 'customer', conv: [CONVERSATION] });
    const agentToken = relayToken({ sub: `agent-${RUN}`, name: 'Live agent', role: 'agent' });

    before(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'support-agora-live-'));
      relay = await createRelayServer({ port: 0, dataDir, secret: SECRET, agora: credentials });
      pages = await serve(await bundle());
      origin = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;
      browser = await launchChromium();
    });

    after(async () => {
      await browser?.close();
      await new Promise<void>((resolve) => (pages ? pages.close(() => resolve()) : resolve()));
      await relay?.close();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    });

    async function open(): Promise<Page> {
      const context = await browser.newContext();
      const page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push(String(error)));
      await page.goto(`${origin}/`);
      await page.waitForFunction(() => (window as { liveReady?: boolean }).liveReady === true, undefined, { timeout: 10_000 });
      return page;
    }

    type Live = {
      live: {
        signIn(run: { server: string; relayToken: string; timeoutMs: number }): Promise<SignedIn>;
        send(conversationId: string, body: string): void;
        waitForMessage(body: string, timeoutMs: number): Promise<{ from?: { id: string }; conversationId?: string; error?: string }>;
        joinCall(run: Record<string, unknown>): Promise<CallOutcome>;
        leave(): Promise<void>;
      };
    };
    it('two SupportClients sign in through the token exchange and exchange a message each way over RTM', { timeout: 90_000 }, async () => {
      const [agentPage, customerPage] = await Promise.all([open(), open()]);
      try {
        const server = relay.url;
        const agent = await agentPage.evaluate((run) => (window as unknown as Live).live.signIn(run), { server, relayToken: agentToken, timeoutMs: STEP_TIMEOUT_MS });
        assert.equal(agent.error, undefined, JSON.stringify(agent.error));
        const customer = await customerPage.evaluate((run) => (window as unknown as Live).live.signIn(run), { server, relayToken: customerToken, timeoutMs: STEP_TIMEOUT_MS });
        assert.equal(customer.error, undefined, JSON.stringify(customer.error));
        assert.equal(customer.primary, CONVERSATION);
        // Agora names carry the shop: the relay's users are `<shop>~<sub>` on RTM.
        assert.equal(customer.user?.id, `live~cust-${RUN}`);

        const atAgent = agentPage.evaluate((t) => (window as unknown as Live).live.waitForMessage('live hello', t), STEP_TIMEOUT_MS);
        await customerPage.evaluate((id) => (window as unknown as Live).live.send(id, 'live hello'), CONVERSATION);
        const received = await atAgent;
        assert.equal(received.error, undefined, received.error);
        assert.equal(received.from?.id, `live~cust-${RUN}`);
        assert.equal(received.conversationId, CONVERSATION);

        const atCustomer = customerPage.evaluate((t) => (window as unknown as Live).live.waitForMessage('live reply', t), STEP_TIMEOUT_MS);
        await agentPage.evaluate((id) => (window as unknown as Live).live.send(id, 'live reply'), CONVERSATION);
        const reply = await atCustomer;
        assert.equal(reply.error, undefined, reply.error);
        assert.equal(reply.from?.id, `live~agent-${RUN}`);
      } finally {
        await Promise.all([agentPage, customerPage].map((page) => page.evaluate(() => (window as unknown as Live).live.leave()).catch(() => undefined)));
        await Promise.all([agentPage.context().close(), customerPage.context().close()]);
      }
    });

    it("two RTC transports join the conversation's channel with exchanged tokens and each sees the other's video", { timeout: 90_000 }, async () => {
      const [agentPage, customerPage] = await Promise.all([open(), open()]);
      try {
        const common = { server: relay.url, appId: credentials.appId, conversationId: CONVERSATION, callId: `call-${RUN}`, timeoutMs: STEP_TIMEOUT_MS };
        const [agent, customer] = await Promise.all([
          agentPage.evaluate((run) => (window as unknown as Live).live.joinCall(run), {
            ...common,
            relayToken: agentToken,
            selfId: `live~agent-${RUN}`,
            peerId: `live~cust-${RUN}`,
            polite: false,
          }),
          customerPage.evaluate((run) => (window as unknown as Live).live.joinCall(run), {
            ...common,
            relayToken: customerToken,
            selfId: `live~cust-${RUN}`,
            peerId: `live~agent-${RUN}`,
            polite: true,
          }),
        ]);
        for (const [side, outcome] of [['agent', agent], ['customer', customer]] as const) {
          assert.equal(outcome.error, undefined, `${side}: ${JSON.stringify(outcome.error)}`);
          assert.equal(outcome.track, 'live', side);
          assert.ok((outcome.width ?? 0) > 0 && (outcome.height ?? 0) > 0, `${side} decodes the peer's video: ${outcome.width}x${outcome.height}`);
        }
      } finally {
        await Promise.all([agentPage, customerPage].map((page) => page.evaluate(() => (window as unknown as Live).live.leave()).catch(() => undefined)));
        await Promise.all([agentPage.context().close(), customerPage.context().close()]);
      }
    });

    it('raised no uncaught page errors', () => {
      assert.deepEqual(pageErrors, []);
    });
  });
}
