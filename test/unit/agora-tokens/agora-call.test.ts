/**
 * A whole call between two `SupportClient`s on `agoraBackend()`: relay tokens exchanged at a
 * real relay's `/agora/token` (made-up App ID and certificate), signalling (invite, accept,
 * hangup) over the RTM fake, media through `client.createMediaTransport()` on the RTC fake, which
 * accepts only genuine RTC tokens for the channel and uid. The media is driven the way
 * `<support-call>`'s `CallMedia` drives it. Also: the RTC SDK does not load for chat.
 */
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRelayServer, signToken, type RelayServer, type TokenClaims } from '../../../server/index.js';
import type { CallLine } from '../../../src/core/call/call-line.js';
import type { IncomingCall } from '../../../src/core/call/call-line-types.js';
import type { CallStateChange } from '../../../src/core/call/call-events.js';
import { SupportError } from '../../../src/protocol/errors.js';
import { SupportClient } from '../../../src/core/support-client.js';
import { agoraBackend } from '../../../src/transports/agora/agora-backend.js';
import type { SupportClientEvents } from '../../../src/core/types.js';
import { agoraUserId, rtcUidFor as plainUid } from '../../../src/protocol/rtc-uid.js';
import type { MediaTransport } from '../../../src/transports/media-types.js';
import { FakeMediaStreamImpl, FakeRtcNetwork, fakeTrack, standIn } from '../agora/fake-rtc.js';
import { FakeRtmNetwork } from '../agora/fake-rtm.js';
import { decodeAgoraToken } from './access-token-reader.js';

const SECRET = 'agora-call-secret-0123456789abcdef';
const APP_ID = '0123456789abcdef0123456789abcdef';
const CERTIFICATE = 'fedcba9876543210fedcba9876543210';
const CONVERSATION = 'c-cust-1';
// Names carry the shop (issue 12): the RTM user `shop-1~cust-1`, the channel `support.shop-1~<conversation>`.
const CHANNEL = `support.shop-1~${CONVERSATION}`;
const rtcUidFor = (userId: string): number => plainUid(agoraUserId('shop-1', userId));

function genuine(token: string | null | undefined, check: (decoded: ReturnType<typeof decodeAgoraToken>) => boolean): boolean {
  try {
    const decoded = decodeAgoraToken(token ?? '', CERTIFICATE);
    return decoded.signatureValid && decoded.appId === APP_ID && check(decoded);
  } catch {
    return false;
  }
}

function relayToken(claims: Pick<TokenClaims, 'sub' | 'name' | 'role'> & { conv?: string[] }): { token: string; expiresAt: number } {
  const exp = Math.floor(Date.now() / 1000) + 3600;
  return { token: signToken({ shop: 'shop-1', exp, ...claims }, SECRET), expiresAt: exp * 1000 };
}

/** Resolves with the first event that matches; rejects after `timeoutMs`. */
function next<T>(subscribe: (listener: (payload: T) => void) => () => void, match: (payload: T) => boolean, what: string, timeoutMs = 3_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no ${what} within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = subscribe((payload) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      off();
      resolve(payload);
    });
  });
}

const callState = (calls: CallLine, state: CallStateChange['state']): Promise<CallStateChange> =>
  next<CallStateChange>((l) => calls.on('call-state', l), (c) => c.state === state, `call-state ${state}`);

const clientEvent = <K extends keyof SupportClientEvents>(client: SupportClient, event: K, match: (p: SupportClientEvents[K]) => boolean): Promise<SupportClientEvents[K]> =>
  next<SupportClientEvents[K]>((l) => client.on(event, l), match, String(event));

/**
 * What `CallMedia` does with a client's call: on `connecting` it asks the client for the media
 * transport, joins with the session's ids, publishes the local tracks and mirrors the media state
 * into the session; on `ended` it leaves.
 */
class CallMediaDriver {
  transport: MediaTransport | undefined;
  remote: MediaStream | null = null;
  readonly errors: unknown[] = [];
  private readonly off: (() => void)[] = [];

  constructor(private readonly client: SupportClient) {
    this.off.push(
      client.calls.on('call-state', (change) => {
        if (change.state === 'connecting') void this.connect();
        if (change.state === 'ended') void this.transport?.leave();
      }),
    );
  }

  private async connect(): Promise<void> {
    const session = this.client.calls.session;
    assert.ok(session?.callId && session.conversationId);
    try {
      const transport = await this.client.createMediaTransport(session.conversationId, session);
      this.transport = transport;
      transport.on('remote-stream', (stream) => (this.remote = stream));
      transport.on('connection-state', (state) => {
        if (state === 'connected') session.markConnected();
        else if (state === 'failed') void session.markFailed('failed');
      });
      await transport.join({
        callId: session.callId,
        conversationId: session.conversationId,
        selfId: session.selfId,
        ...(session.peer ? { peerId: session.peer.id } : {}),
        polite: session.polite,
        timeoutMs: 2_000,
      });
      await transport.publish({ audio: fakeTrack('audio'), video: fakeTrack('video') });
    } catch (error) {
      this.errors.push(error);
      await session.markFailed('failed').catch(() => undefined);
    }
  }

  dispose(): void {
    for (const off of this.off) off();
  }
}

async function until(condition: () => boolean, what: string, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('a call between two SupportClients on the agora backend (RTM + RTC fakes, real token endpoint)', () => {
  let server: RelayServer;
  let dataDir: string;
  let rtm: FakeRtmNetwork;
  let rtc: FakeRtcNetwork;
  let rtcLoads: number;
  const clients: SupportClient[] = [];
  const drivers: CallMediaDriver[] = [];

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'support-agora-call-'));
    server = await createRelayServer({ port: 0, dataDir, secret: SECRET, agora: { appId: APP_ID, appCertificate: CERTIFICATE } });
  });

  after(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  afterEach(() => {
    for (const driver of drivers.splice(0)) driver.dispose();
    for (const client of clients.splice(0)) client.dispose();
  });

  function party(claims: Parameters<typeof relayToken>[0]): SupportClient {
    const client = new SupportClient({
      backend: agoraBackend({
        server: server.url,
        loadRtmSdk: async () => rtm.sdk(),
        loadRtcSdk: async () => {
          rtcLoads++;
          return rtc.sdk();
        },
        MediaStreamImpl: FakeMediaStreamImpl,
        presencePollMs: 0,
      }),
      storage: null,
      timeoutMs: 3_000,
      tokenProvider: async () => relayToken(claims),
      calls: { ringTimeoutMs: 5_000, connectTimeoutMs: 3_000 },
    });
    clients.push(client);
    return client;
  }

  async function connectedPair(): Promise<{ customer: SupportClient; agent: SupportClient }> {
    rtm = new FakeRtmNetwork({ checkToken: (userId, token) => genuine(token, (d) => d.rtm?.userId === userId) });
    rtc = new FakeRtcNetwork({
      appId: APP_ID,
      checkToken: (channel, uid, token) => genuine(token, (d) => d.rtc?.channel === channel && d.rtc.uid === String(uid)),
    });
    rtcLoads = 0;
    const agent = party({ sub: 'agent-7', name: 'Bo', role: 'agent' });
    await agent.connect();
    const customer = party({ sub: 'cust-1', name: 'Ana', role: 'customer', conv: [CONVERSATION] });
    const announced = clientEvent(agent, 'conversation', (e) => e.conversationId === CONVERSATION);
    await customer.connect();
    await announced;
    return { customer, agent };
  }

  it('invite -> accept -> both in the conversation channel with remote streams -> hangup -> both left', { timeout: 20_000 }, async () => {
    const { customer, agent } = await connectedPair();
    const atCustomer = new CallMediaDriver(customer);
    const atAgent = new CallMediaDriver(agent);
    drivers.push(atCustomer, atAgent);

    // Chat first: nothing of RTC loads for it.
    const heard = clientEvent(agent, 'message', (e) => e.message.body === 'The camera is black');
    customer.send(CONVERSATION, { body: 'The camera is black' });
    await heard;
    assert.equal(rtcLoads, 0, 'the RTC SDK loads only when a call starts');

    const ringing = next<IncomingCall>((l) => agent.calls.on('incoming', l), () => true, 'incoming call');
    await customer.calls.start(CONVERSATION, { video: true });
    const incoming = await ringing;
    assert.equal(incoming.conversationId, CONVERSATION);
    assert.equal(incoming.from.id, 'shop-1~cust-1');
    assert.equal(rtcLoads, 0, 'ringing loads no RTC either');

    const bothConnected = Promise.all([callState(customer.calls, 'connected'), callState(agent.calls, 'connected')]);
    await agent.calls.accept();
    await bothConnected;
    assert.deepEqual([...rtc.members(CHANNEL)].sort(), [rtcUidFor('cust-1'), rtcUidFor('agent-7')].sort(), "both joined the conversation's channel");
    assert.ok(rtcLoads >= 1, 'the RTC SDK loaded for the call');

    await until(
      () => [atCustomer.remote, atAgent.remote].every((s) => s?.getVideoTracks().length === 1 && s.getAudioTracks().length === 1),
      'remote audio and video on both sides',
    );
    // Each side receives what the other published.
    const agentSends = rtc.member(CHANNEL, rtcUidFor('agent-7'));
    assert.ok(agentSends?.isSending('video') && agentSends.isSending('audio'));
    assert.ok(standIn(atCustomer.remote?.getVideoTracks()[0]), 'a track from the fake SD-RTN');
    assert.deepEqual([...atCustomer.errors, ...atAgent.errors], []);

    const customerEnded = callState(customer.calls, 'ended');
    const agentEnded = callState(agent.calls, 'ended');
    await customer.calls.hangup();
    assert.equal((await customerEnded).reason, 'hangup');
    assert.equal((await agentEnded).reason, 'remote-hangup');
    await until(() => rtc.members(CHANNEL).length === 0, 'both left the channel');
    assert.equal(atCustomer.remote, null, 'the remote stream is gone after leaving');
    assert.equal(atAgent.remote, null);
  });

  it("a customer's media transport for somebody else's conversation is refused at join (forbidden)", { timeout: 10_000 }, async () => {
    const { customer } = await connectedPair();
    const session = { sendMediaSignal: async () => undefined, on: () => () => undefined };
    const intruder = await customer.createMediaTransport('c-someone-else', session);
    assert.equal(intruder.backend, 'agora');
    await assert.rejects(
      intruder.join({ callId: 'x', conversationId: 'c-someone-else', selfId: 'cust-1', polite: true, timeoutMs: 2_000 }),
      (error: unknown) => error instanceof SupportError && error.code === 'forbidden',
    );
    await intruder.leave();
    assert.deepEqual(rtc.members('support.c-someone-else'), []);
  });
});
