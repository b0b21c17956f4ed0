/**
 * The real Agora SDKs (`agora-rtm-sdk`, `agora-rtc-sdk-ng`) in Chromium with no reachable Agora
 * network: our RTM messaging and RTC media transports must fail with a coded `SupportError`
 * within their timeout (+2 s), and leave no media tracks or open peer connections behind.
 *
 * The adapters are bundled here with esbuild (code splitting on, so each SDK arrives as its own
 * lazily imported chunk) and served from a loopback HTTP server. Every request and WebSocket to
 * anything but 127.0.0.1 is aborted and recorded; the hosts the SDKs tried are printed.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import agoraToken from 'agora-token';
import { rtcChannelName } from '../../src/protocol/rtc-channel.js';
import { rtcUidFor } from '../../src/protocol/rtc-uid.js';
import { launchChromium } from '../support/browser.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TIMEOUT_MS = 4_000;
const GRACE_MS = 2_000;
const ALLOWED_CODES = ['timeout', 'network', 'unauthorized'];
const APP_ID = '0123456789abcdef0123456789abcdef';
/** Well-formed tokens signed with a made-up certificate: the SDKs accept their shape and go to the network. */
const FAKE_CERTIFICATE = 'fedcba9876543210fedcba9876543210';
// A CommonJS package whose named exports Node cannot detect: take them from the default export.
const { RtcRole, RtcTokenBuilder, RtmTokenBuilder } = agoraToken;
const RTM_TOKEN = RtmTokenBuilder.buildToken(APP_ID, FAKE_CERTIFICATE, 'c-offline', 3600);
const RTC_TOKEN = RtcTokenBuilder.buildTokenWithUid(
  APP_ID,
  FAKE_CERTIFICATE,
  rtcChannelName('offline-call'),
  rtcUidFor('c-offline'),
  RtcRole.PUBLISHER,
  3600,
  3600,
);

interface PageRun {
  timeoutMs: number;
  token: string;
}

/** The page's test entry: both transports with their default (real SDK) loaders. */
const ENTRY = `
import { AgoraRtcMediaTransport, AgoraRtmMessagingTransport } from './src/transports/agora/index.js';
import { SupportError } from './src/protocol/errors.js';

const APP_ID = '${APP_ID}';
const describeError = (error) => ({
  isSupportError: error instanceof SupportError,
  code: error?.code,
  message: String(error?.message ?? error),
});
const peerConnections = () => window.__peerConnections.map((pc) => pc.signalingState);

window.agoraOffline = {
  async rtm({ timeoutMs, token }) {
    const transport = new AgoraRtmMessagingTransport({
      appId: APP_ID, userId: 'c-offline', userName: 'Offline', role: 'customer', timeoutMs, presencePollMs: 0,
    });
    const started = performance.now();
    let outcome = { resolved: true };
    try {
      await transport.connect({ token, resume: {}, timeoutMs });
    } catch (error) {
      outcome = { resolved: false, ...describeError(error) };
    }
    const elapsedMs = performance.now() - started;
    transport.disconnect();
    return { ...outcome, elapsedMs, peerConnections: peerConnections() };
  },

  async rtc({ timeoutMs, token }) {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
    const media = new AgoraRtcMediaTransport({ appId: APP_ID, getToken: async () => token, timeoutMs });
    const states = [];
    media.on('connection-state', (state) => states.push(state));
    await media.publish({ audio: stream.getAudioTracks()[0], video: stream.getVideoTracks()[0] });
    const started = performance.now();
    let outcome = { resolved: true };
    try {
      await media.join({ callId: 'offline-call', conversationId: 'c-offline', selfId: 'c-offline', peerId: 'a-1', polite: true, timeoutMs });
    } catch (error) {
      outcome = { resolved: false, ...describeError(error) };
    }
    const elapsedMs = performance.now() - started;
    const afterJoin = { tracks: stream.getTracks().map((t) => t.readyState), peerConnections: peerConnections() };
    await media.leave();
    return { ...outcome, elapsedMs, states, afterJoin, afterLeave: { peerConnections: peerConnections() } };
  },
};
window.agoraOfflineReady = true;
`;

/** Counts every RTCPeerConnection the page creates (installed before any script runs). */
const COUNT_PEER_CONNECTIONS = `
(() => {
  const Native = window.RTCPeerConnection;
  const created = [];
  class CountedPeerConnection extends Native {
    constructor(...args) { super(...args); created.push(this); }
  }
  window.RTCPeerConnection = CountedPeerConnection;
  window.webkitRTCPeerConnection = CountedPeerConnection;
  window.__peerConnections = created;
})();
`;

interface OfflineOutcome {
  resolved: boolean;
  isSupportError?: boolean;
  code?: string;
  message?: string;
  elapsedMs: number;
  peerConnections?: string[];
}

interface RtcOutcome extends OfflineOutcome {
  states: string[];
  afterJoin: { tracks: string[]; peerConnections: string[] };
  afterLeave: { peerConnections: string[] };
}

async function bundle(): Promise<Map<string, string>> {
  const result = await build({
    stdin: { contents: ENTRY, resolveDir: ROOT, sourcefile: 'agora-offline-entry.ts', loader: 'ts' },
    bundle: true,
    format: 'esm',
    splitting: true,
    platform: 'browser',
    target: 'es2022',
    outdir: `${ROOT}/.agora-offline-bundle`,
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
      response.end('<!doctype html><title>agora offline</title><script type="module" src="/entry.js"></script>');
      return;
    }
    const body = files.get(path);
    response.writeHead(body === undefined ? 404 : 200, { 'content-type': 'text/javascript' });
    response.end(body ?? '');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Blocks everything outside loopback and counts the attempts per host. */
async function blockOutside(context: BrowserContext, attempts: Map<string, number>): Promise<void> {
  const note = (url: string): void => {
    const host = new URL(url).hostname;
    attempts.set(host, (attempts.get(host) ?? 0) + 1);
  };
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (new URL(url).hostname === '127.0.0.1') return route.continue();
    note(url);
    return route.abort('internetdisconnected');
  });
  await context.routeWebSocket(/.*/, (socket) => {
    if (new URL(socket.url()).hostname === '127.0.0.1') {
      socket.connectToServer();
      return;
    }
    note(socket.url());
    void socket.close({ code: 4000, reason: 'blocked by test' });
  });
}

function summary(attempts: Map<string, number>): string {
  return [...attempts].sort(([a], [b]) => a.localeCompare(b)).map(([host, count]) => `${host} ×${count}`).join(', ') || 'none';
}

describe('the real Agora SDKs with no reachable Agora network (Chromium)', () => {
  let browser: Browser;
  let server: Server;
  let origin: string;
  const pageErrors: string[] = [];

  before(async () => {
    const files = await bundle();
    assert.ok(files.has('/entry.js'), `no entry in ${[...files.keys()].join(', ')}`);
    assert.ok(files.size >= 3, 'each SDK is a lazily loaded chunk of its own');
    server = await serve(files);
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  async function openPage(attempts: Map<string, number>): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext();
    await blockOutside(context, attempts);
    await context.addInitScript({ content: COUNT_PEER_CONNECTIONS });
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => (window as { agoraOfflineReady?: boolean }).agoraOfflineReady === true, undefined, { timeout: 10_000 });
    return { context, page };
  }

  async function runRtm(token: string): Promise<void> {
    const attempts = new Map<string, number>();
    const { context, page } = await openPage(attempts);
    try {
      const outcome = await page.evaluate(
        (run) => (window as unknown as { agoraOffline: { rtm(run: PageRun): Promise<OfflineOutcome> } }).agoraOffline.rtm(run),
        { timeoutMs: TIMEOUT_MS, token },
      );
      console.info(`RTM offline: ${JSON.stringify(outcome)}; outbound attempts: ${summary(attempts)}`);
      assert.equal(outcome.resolved, false, 'connect must not succeed offline');
      assert.equal(outcome.isSupportError, true, outcome.message);
      assert.ok(ALLOWED_CODES.includes(outcome.code ?? ''), `code ${outcome.code}: ${outcome.message}`);
      assert.ok(outcome.elapsedMs <= TIMEOUT_MS + GRACE_MS, `took ${Math.round(outcome.elapsedMs)} ms`);
      assert.ok(outcome.peerConnections?.every((state) => state === 'closed'), JSON.stringify(outcome.peerConnections));
    } finally {
      await context.close();
    }
  }

  it('RTM connect with a malformed token rejects with a coded SupportError (the SDK checks it locally)', { timeout: 20_000 }, async () => {
    await runRtm('not-a-token');
  });

  it('RTM connect with a well-formed token rejects with a coded SupportError within its timeout', { timeout: 20_000 }, async () => {
    await runRtm(RTM_TOKEN);
  });

  it('RTC join rejects with a coded SupportError within its timeout; tracks stopped, peer connections closed', { timeout: 20_000 }, async () => {
    const attempts = new Map<string, number>();
    const { context, page } = await openPage(attempts);
    try {
      const outcome = await page.evaluate(
        (run) => (window as unknown as { agoraOffline: { rtc(run: PageRun): Promise<RtcOutcome> } }).agoraOffline.rtc(run),
        { timeoutMs: TIMEOUT_MS, token: RTC_TOKEN },
      );
      console.info(`RTC offline: ${JSON.stringify(outcome)}; outbound attempts: ${summary(attempts)}`);
      assert.equal(outcome.resolved, false, 'join must not succeed offline');
      assert.equal(outcome.isSupportError, true, outcome.message);
      assert.ok(ALLOWED_CODES.includes(outcome.code ?? ''), `code ${outcome.code}: ${outcome.message}`);
      assert.ok(outcome.elapsedMs <= TIMEOUT_MS + GRACE_MS, `took ${Math.round(outcome.elapsedMs)} ms`);
      assert.deepEqual(outcome.states, ['connecting', 'failed', 'closed']);
      assert.deepEqual(outcome.afterJoin.tracks, ['ended', 'ended'], 'the failed join stopped the given tracks');
      assert.ok(outcome.afterJoin.peerConnections.every((state) => state === 'closed'), JSON.stringify(outcome.afterJoin));
      assert.ok(outcome.afterLeave.peerConnections.every((state) => state === 'closed'), JSON.stringify(outcome.afterLeave));
      assert.ok(attempts.size > 0, 'the RTC SDK tried to reach Agora (and was blocked)');
      // With ENABLE_EVENT_REPORT on, 4.24.8 also tries statscollector-1.agora.io and web-*.statscollector.sd-rtn.com.
      const collectors = [...attempts.keys()].filter((host) => /collector/.test(host));
      assert.deepEqual(collectors, [], 'Agora event reporting is off');
    } finally {
      await context.close();
    }
  });

  it('raised no uncaught page errors', () => {
    assert.deepEqual(pageErrors, []);
  });
});
