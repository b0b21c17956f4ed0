/**
 * `SupportClient.createMediaTransport()` per backend, beside the full agora call
 * (`agora-call.test.ts`): the relay one listens to the call's signalling from the moment it is
 * asked for (the peer's offer may come while its code loads) and lets go on `leave()`; the agora
 * one needs a connection first; a custom transport without media is a configuration error.
 * Signalling runs between two real `CallSession`s wired to each other.
 */
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CallSession } from '../../../src/core/call/call-session.js';
import { BufferedMediaSignals } from '../../../src/transports/relay/buffered-media-signals.js';
import { relayBackend } from '../../../src/transports/relay/relay-backend.js';
import { agoraBackend } from '../../../src/transports/agora/agora-backend.js';
import { SupportError } from '../../../src/protocol/errors.js';
import { SupportClient } from '../../../src/core/support-client.js';
import { staticToken } from '../../../src/tokens/static-token.js';
import { AgoraRtmMessagingTransport } from '../../../src/transports/agora/rtm-messaging-transport.js';
import type { MediaSignal, MediaSignalChannel } from '../../../src/transports/media-types.js';
import type { SignalMessage } from '../../../src/transports/types.js';
import { FakeRtmNetwork } from '../agora/fake-rtm.js';

const CONVERSATION = 'c-cust-1';
const isCode = (code: string) => (error: unknown) => error instanceof SupportError && error.code === code;

/** A caller and a callee whose signals reach each other (as a messaging transport would carry them). */
async function acceptedCall(): Promise<{ caller: CallSession; callee: CallSession }> {
  const sessions: Record<string, CallSession> = {};
  const users = { caller: { id: 'agent-7', name: 'Bo', role: 'agent' as const }, callee: { id: 'cust-1', name: 'Ana', role: 'customer' as const } };
  const wire = (from: keyof typeof users, to: keyof typeof users) => ({
    send: async (signal: SignalMessage) => {
      queueMicrotask(() => sessions[to]?.handleSignal({ ...signal, from: users[from] }));
    },
  });
  const caller = new CallSession({ selfId: users.caller.id, signaller: wire('caller', 'callee') });
  const callee = new CallSession({ selfId: users.callee.id, signaller: wire('callee', 'caller') });
  sessions.caller = caller;
  sessions.callee = callee;
  const ringing = new Promise<void>((resolve) => callee.on('state', ({ state }) => state === 'incoming-ringing' && resolve()));
  await caller.start(CONVERSATION);
  await ringing;
  const accepted = new Promise<void>((resolve) => caller.on('state', ({ state }) => state === 'connecting' && resolve()));
  await callee.accept();
  await accepted;
  return { caller, callee };
}

/** `session` with a count of its media-signal listeners. */
function counted(session: CallSession): MediaSignalChannel & { listeners: number } {
  const channel = {
    listeners: 0,
    sendMediaSignal: (action: Parameters<CallSession['sendMediaSignal']>[0], payload: unknown) => session.sendMediaSignal(action, payload),
    on: (event: 'media-signal', listener: (signal: MediaSignal) => void) => {
      channel.listeners++;
      const off = session.on(event, listener);
      return () => {
        channel.listeners--;
        off();
      };
    },
  };
  return channel;
}

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('the media transport a client makes for a call', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  it('BufferedMediaSignals hands what arrived before its listener to it in order, then forwards live', async () => {
    const { caller, callee } = await acceptedCall();
    cleanups.push(() => caller.dispose(), () => callee.dispose());
    const source = counted(callee);
    const buffered = new BufferedMediaSignals(source);
    assert.equal(source.listeners, 1, 'listening from construction');
    await caller.sendMediaSignal('offer', { sdp: 'o1' });
    await caller.sendMediaSignal('ice', { candidate: 'c1' });
    await tick();
    const seen: MediaSignal[] = [];
    const off = buffered.on('media-signal', (signal) => seen.push(signal));
    assert.deepEqual(
      seen.map((s) => [s.action, s.payload, s.fromId]),
      [
        ['offer', { sdp: 'o1' }, 'agent-7'],
        ['ice', { candidate: 'c1' }, 'agent-7'],
      ],
    );
    await caller.sendMediaSignal('ice', { candidate: 'c2' });
    await tick();
    assert.deepEqual(seen.at(-1)?.payload, { candidate: 'c2' }, 'live after the replay');
    assert.throws(() => buffered.on('media-signal', () => undefined), isCode('internal'), 'one transport per buffer');
    // Sending goes to the session (the peer hears it).
    const atCaller: MediaSignal[] = [];
    caller.on('media-signal', (signal) => atCaller.push(signal));
    await buffered.sendMediaSignal('answer', { sdp: 'a1' });
    await tick();
    assert.deepEqual(atCaller.map((s) => s.action), ['answer']);
    off();
    assert.equal(source.listeners, 0, 'unsubscribing the listener releases the session');
    await caller.sendMediaSignal('ice', { candidate: 'c3' });
    await tick();
    assert.equal(seen.length, 3);
  });

  it('relay: a RelayMediaTransport listening to the session from the call on, released by leave()', async () => {
    const { caller, callee } = await acceptedCall();
    cleanups.push(() => caller.dispose(), () => callee.dispose());
    const client = new SupportClient({ backend: relayBackend({ server: 'http://127.0.0.1:9' }), tokenProvider: staticToken('unused'), storage: null });
    cleanups.push(() => client.dispose());
    const source = counted(callee);
    const pending = client.createMediaTransport(CONVERSATION, source, { iceServers: [] });
    assert.equal(source.listeners, 1, 'subscribed synchronously, before the code has loaded');
    await caller.sendMediaSignal('offer', { type: 'offer', sdp: 'v=0' });
    const media = await pending;
    assert.equal(media.backend, 'relay');
    assert.equal(source.listeners, 1, 'the transport listens through the buffer');
    await media.leave();
    assert.equal(source.listeners, 0, 'nothing left listening after leave()');
  });

  it('agora: before the first connection the client cannot make call media (closed); no RTC loads', async () => {
    let rtcLoads = 0;
    const client = new SupportClient({
      backend: agoraBackend({
        appId: '0123456789abcdef0123456789abcdef',
        server: 'http://127.0.0.1:9',
        loadRtcSdk: async () => {
          rtcLoads++;
          throw new Error('not in this test');
        },
      }),
      tokenProvider: staticToken('unused'),
      storage: null,
    });
    cleanups.push(() => client.dispose());
    const { caller, callee } = await acceptedCall();
    cleanups.push(() => caller.dispose(), () => callee.dispose());
    await assert.rejects(client.createMediaTransport(CONVERSATION, callee), isCode('closed'));
    assert.equal(rtcLoads, 0);
  });

  it('a custom agora transport given to the client has no media of its own: config error', async () => {
    const rtm = new FakeRtmNetwork();
    const transport = new AgoraRtmMessagingTransport({ appId: 'a'.repeat(32), userId: 'u1', userName: 'U', role: 'customer', loadSdk: async () => rtm.sdk() });
    const client = new SupportClient({ transport, tokenProvider: staticToken('unused'), storage: null });
    cleanups.push(() => client.dispose());
    const { caller, callee } = await acceptedCall();
    cleanups.push(() => caller.dispose(), () => callee.dispose());
    await assert.rejects(client.createMediaTransport(CONVERSATION, callee), isCode('config'));
  });
});
