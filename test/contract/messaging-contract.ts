/**
 * The behaviour every `MessagingTransport` must show, whatever the backend. A backend's test
 * file calls `messagingContract(name, setup)`; `setup` gives a fresh world per case: a customer
 * and an agent of one shop, the customer's conversation, and a teardown.
 */
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SupportError } from '../../src/protocol/errors.js';
import type {
  ConnectOptions,
  MessagingTransport,
  MessagingTransportEvents,
  OutgoingMessage,
} from '../../src/transports/types.js';

/** A transport and what to pass to its `connect()`. */
export interface ContractParty {
  transport: MessagingTransport;
  connect: ConnectOptions;
  userId: string;
}

export interface ContractWorld {
  /** A new customer transport (not connected) who owns `conversationId`. */
  customer(): Promise<ContractParty>;
  /** A new agent transport (not connected) of the same shop. */
  agent(): Promise<ContractParty>;
  conversationId: string;
  teardown(): Promise<void>;
}

const EVENT_TIMEOUT_MS = 3_000;
/** How long to watch for a duplicate after the first delivery. */
const QUIET_MS = 250;

/** Resolves with the first `event` payload matching `match`, or fails after a bound. */
export function nextEvent<K extends keyof MessagingTransportEvents>(
  transport: MessagingTransport,
  event: K,
  match: (payload: MessagingTransportEvents[K]) => boolean = () => true,
  timeoutMs = EVENT_TIMEOUT_MS,
): Promise<MessagingTransportEvents[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no ${String(event)} event within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = transport.on(event, (payload) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      off();
      resolve(payload);
    });
  });
}

/** Collects every payload of `event` until `stop()`. */
function collect<K extends keyof MessagingTransportEvents>(
  transport: MessagingTransport,
  event: K,
): { items: MessagingTransportEvents[K][]; stop(): void } {
  const items: MessagingTransportEvents[K][] = [];
  const stop = transport.on(event, (payload) => items.push(payload));
  return { items, stop };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

let counter = 0;
function text(conversationId: string, body: string): OutgoingMessage {
  counter += 1;
  return { clientMsgId: `contract-${process.pid}-${Date.now()}-${counter}`, conversationId, kind: 'text', body };
}

/** Registers the contract cases for one backend. */
export function messagingContract(name: string, setup: () => Promise<ContractWorld>): void {
  describe(`MessagingTransport contract: ${name}`, () => {
    let world: ContractWorld;
    const connected: MessagingTransport[] = [];

    async function join(party: Promise<ContractParty>): Promise<ContractParty> {
      const p = await party;
      await p.transport.connect(p.connect);
      connected.push(p.transport);
      return p;
    }

    /** Agent first, then the customer: both see the conversation from the start. */
    async function pair(): Promise<{ customer: ContractParty; agent: ContractParty }> {
      const agent = await join(world.agent());
      const customer = await join(world.customer());
      return { customer, agent };
    }

    beforeEach(async () => {
      world = await setup();
    });

    afterEach(async () => {
      for (const transport of connected.splice(0)) transport.disconnect();
      await world.teardown();
    });

    it('connect returns a welcome with the user', async () => {
      const customer = await world.customer();
      const welcome = await customer.transport.connect(customer.connect);
      connected.push(customer.transport);
      assert.equal(welcome.user.id, customer.userId);
      assert.equal(welcome.user.role, 'customer');
      assert.ok(welcome.conversations.some((c) => c.id === world.conversationId), 'own conversation listed');
      assert.equal(typeof welcome.agentsOnline, 'number');
      assert.ok(Number.isFinite(welcome.serverTime) && welcome.serverTime > 0);
      const agent = await world.agent();
      const agentWelcome = await agent.transport.connect(agent.connect);
      connected.push(agent.transport);
      assert.equal(agentWelcome.user.id, agent.userId);
      assert.equal(agentWelcome.user.role, 'agent');
    });

    it('send resolves an ack with a seq and the other side receives the message once', async () => {
      const { customer, agent } = await pair();
      const received = collect(agent.transport, 'message');
      const message = text(world.conversationId, 'My phone screen flickers');
      const arrived = nextEvent(agent.transport, 'message', (m) => m.clientMsgId === message.clientMsgId);
      const ack = await customer.transport.send(message);
      assert.equal(ack.clientMsgId, message.clientMsgId);
      assert.equal(ack.conversationId, world.conversationId);
      assert.ok(Number.isSafeInteger(ack.seq) && ack.seq > 0, `seq ${ack.seq}`);
      const got = await arrived;
      assert.equal(got.seq, ack.seq);
      assert.equal(got.body, 'My phone screen flickers');
      assert.equal(got.from.id, customer.userId);
      assert.equal(got.conversationId, world.conversationId);
      await sleep(QUIET_MS);
      received.stop();
      assert.equal(received.items.filter((m) => m.clientMsgId === message.clientMsgId).length, 1);
    });

    it('a resend with the same clientMsgId gets the same seq and no second message', async () => {
      const { customer, agent } = await pair();
      const received = collect(agent.transport, 'message');
      const message = text(world.conversationId, 'sent twice');
      const arrived = nextEvent(agent.transport, 'message', (m) => m.clientMsgId === message.clientMsgId);
      const first = await customer.transport.send(message);
      const second = await customer.transport.send({ ...message });
      assert.equal(second.seq, first.seq);
      await arrived;
      await sleep(QUIET_MS);
      received.stop();
      assert.equal(received.items.filter((m) => m.clientMsgId === message.clientMsgId).length, 1);
    });

    it('typing is relayed to the other side', async () => {
      const { customer, agent } = await pair();
      const typing = nextEvent(agent.transport, 'typing', (t) => t.conversationId === world.conversationId && t.typing);
      customer.transport.setTyping(world.conversationId, true);
      const got = await typing;
      assert.equal(got.user.id, customer.userId);
      assert.equal(got.user.role, 'customer');
    });

    it('receipts are relayed to the sender', async () => {
      const { customer, agent } = await pair();
      const message = text(world.conversationId, 'please read me');
      const arrived = nextEvent(agent.transport, 'message', (m) => m.clientMsgId === message.clientMsgId);
      const ack = await customer.transport.send(message);
      await arrived;
      const receipt = nextEvent(
        customer.transport,
        'receipt',
        (r) => r.userId === agent.userId && r.kind === 'read' && r.upTo >= ack.seq,
      );
      agent.transport.sendReceipt(world.conversationId, 'read', ack.seq);
      const got = await receipt;
      assert.equal(got.conversationId, world.conversationId);
      assert.equal(got.upTo, ack.seq);
    });

    it('call signals are relayed with their sender', async () => {
      const { customer, agent } = await pair();
      const signal = nextEvent(agent.transport, 'signal', (s) => s.callId === 'call-contract-1');
      await customer.transport.sendSignal({
        conversationId: world.conversationId,
        callId: 'call-contract-1',
        action: 'invite',
        payload: { video: true },
      });
      const got = await signal;
      assert.equal(got.action, 'invite');
      assert.equal(got.conversationId, world.conversationId);
      assert.equal(got.from.id, customer.userId);
      assert.deepEqual(got.payload, { video: true });
    });

    it('annotation signals (freeze-and-draw, pointer) are relayed in order with their payload', async () => {
      const { customer, agent } = await pair();
      const got = collect(customer.transport, 'signal');
      const last = nextEvent(customer.transport, 'signal', (s) => s.callId === 'call-contract-2' && (s.payload as { op?: string } | undefined)?.op === 'point');
      const ops = [
        { op: 'freeze', id: 'f1' },
        { op: 'stroke', id: 's1', tool: 'arrow', color: '#ff2d20', at: 0, points: [[0.25, 0.5], [0.75, 0.5]] },
        { op: 'point', at: [0.5, 0.5] },
      ];
      for (const payload of ops) await agent.transport.sendSignal({ conversationId: world.conversationId, callId: 'call-contract-2', action: 'annotate', payload });
      await last;
      got.stop();
      const annotations = got.items.filter((s) => s.callId === 'call-contract-2');
      assert.deepEqual(annotations.map((s) => s.payload), ops);
      assert.ok(annotations.every((s) => s.action === 'annotate' && s.from.id === agent.userId));
    });

    it('history returns the sent messages in order, paged by beforeSeq', async () => {
      const { customer, agent } = await pair();
      const sent = [text(world.conversationId, 'one'), text(world.conversationId, 'two'), text(world.conversationId, 'three')];
      const acks = [];
      for (const message of sent) acks.push(await customer.transport.send(message));
      for (const party of [customer, agent]) {
        const page = await party.transport.history(world.conversationId, { limit: 10 });
        const ids = page.messages.map((m) => m.clientMsgId).filter((id) => sent.some((s) => s.clientMsgId === id));
        assert.deepEqual(ids, sent.map((s) => s.clientMsgId), 'all three, oldest first');
        const seqs = page.messages.map((m) => m.seq);
        assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b), 'ascending seq');
        assert.deepEqual(
          page.messages.slice(-3).map((m) => m.seq),
          acks.map((a) => a.seq),
        );
      }
      const older = await customer.transport.history(world.conversationId, { beforeSeq: acks[2]?.seq, limit: 1 });
      assert.deepEqual(older.messages.map((m) => m.clientMsgId), [sent[1]?.clientMsgId]);
      assert.equal(older.hasMore, true);
    });

    it('disconnect emits close without an error, once', async () => {
      const customer = await join(world.customer());
      const closes = collect(customer.transport, 'close');
      customer.transport.disconnect();
      await sleep(QUIET_MS);
      closes.stop();
      assert.equal(closes.items.length, 1);
      assert.equal(closes.items[0]?.error, undefined);
    });

    it('send while not connected rejects with a SupportError', async () => {
      const customer = await world.customer();
      await assert.rejects(customer.transport.send(text(world.conversationId, 'too early')), SupportError);
    });

    it('a bad token rejects connect with a non-retryable SupportError', async () => {
      const customer = await world.customer();
      const closes = collect(customer.transport, 'close');
      const error = await customer.transport
        .connect({ ...customer.connect, token: 'not-a-valid-token' })
        .then(() => undefined, (e: unknown) => e);
      connected.push(customer.transport);
      assert.ok(error instanceof SupportError, `rejected with ${String(error)}`);
      assert.equal(error.retryable, false, `code ${error.code}`);
      await sleep(50);
      closes.stop();
      assert.equal(closes.items.length, 0, 'a failed connect emits no close');
    });
  });
}
