/**
 * The transition table, and proof that real sessions take every edge of it (and no other).
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CALL_TRANSITIONS, canTransition, isCallAccepted, isCallActive, type CallState } from '../../../src/core/call/call-states.js';
import { AGENT, CONVERSATION, CUSTOMER, SignalWire, type Endpoint } from './signal-wire.js';

const BOUNDED = { timeout: 5_000 };
const STATES = Object.keys(CALL_TRANSITIONS) as CallState[];
const TABLE_EDGES = STATES.flatMap((from) => CALL_TRANSITIONS[from].map((to) => `${from}>${to}`)).sort();

describe('call states', BOUNDED, () => {
  it('has the seven states and lets every active state end', () => {
    assert.deepEqual(STATES, ['idle', 'outgoing-ringing', 'incoming-ringing', 'connecting', 'connected', 'reconnecting', 'ended']);
    for (const state of STATES.filter(isCallActive)) assert.ok(canTransition(state, 'ended'), state);
    for (const state of STATES) assert.equal(canTransition(state, 'idle'), false, `nothing returns to idle (${state})`);
    assert.equal(canTransition('connected', 'incoming-ringing'), false);
    assert.equal(canTransition('outgoing-ringing', 'connected'), false, 'no media before connecting');
    assert.equal(canTransition('ended', 'ended'), false);
  });

  it('classifies active and accepted states', () => {
    assert.deepEqual(STATES.filter(isCallActive), ['outgoing-ringing', 'incoming-ringing', 'connecting', 'connected', 'reconnecting']);
    assert.deepEqual(STATES.filter(isCallAccepted), ['connecting', 'connected', 'reconnecting']);
  });
});

describe('every transition, taken by real sessions', BOUNDED, () => {
  const taken = new Set<string>();
  let wire = new SignalWire();

  function fresh(): { customer: Endpoint; agent: Endpoint } {
    wire.dispose();
    wire = new SignalWire();
    const customer = wire.join(CUSTOMER);
    const agent = wire.join(AGENT);
    for (const endpoint of [customer, agent]) endpoint.session.on('state', (c) => taken.add(`${c.previous}>${c.state}`));
    return { customer, agent };
  }

  async function expectEdge(endpoint: Endpoint, edge: string, step: () => unknown): Promise<void> {
    const before = endpoint.states.length;
    await step();
    await wire.flush();
    const change = endpoint.states[before];
    assert.ok(change, `expected ${edge}`);
    assert.equal(`${change.previous}>${change.state}`, edge);
  }

  after(() => wire.dispose());

  it('idle > outgoing-ringing, idle > incoming-ringing, ringing > connecting, connecting > connected', async () => {
    const { customer, agent } = fresh();
    await expectEdge(customer, 'idle>outgoing-ringing', () => customer.session.start(CONVERSATION));
    assert.equal(agent.states[0]?.state, 'incoming-ringing');
    assert.equal(agent.states[0]?.previous, 'idle');
    await expectEdge(agent, 'incoming-ringing>connecting', () => agent.session.accept());
    assert.equal(customer.states.at(-1)?.previous, 'outgoing-ringing');
    assert.equal(customer.states.at(-1)?.state, 'connecting');
    await expectEdge(customer, 'connecting>connected', () => customer.session.markConnected());
  });

  it('connected > reconnecting > connected > ended', async () => {
    const { customer, agent } = fresh();
    await customer.session.start(CONVERSATION);
    await wire.flush();
    await agent.session.accept();
    await wire.flush();
    customer.session.markConnected();
    await expectEdge(customer, 'connected>reconnecting', () => customer.session.markReconnecting());
    await expectEdge(customer, 'reconnecting>connected', () => customer.session.markConnected());
    await expectEdge(customer, 'connected>ended', () => customer.session.hangup());
  });

  it('reconnecting > ended, connecting > ended', async () => {
    const { customer, agent } = fresh();
    await customer.session.start(CONVERSATION);
    await wire.flush();
    await agent.session.accept();
    await wire.flush();
    customer.session.markConnected();
    customer.session.markReconnecting();
    await expectEdge(customer, 'reconnecting>ended', () => wire.clock.advance(30_000));
    assert.equal(agent.states.at(-1)?.previous, 'connecting');
    assert.equal(agent.states.at(-1)?.state, 'ended');
  });

  it('outgoing-ringing > ended, incoming-ringing > ended, ended > outgoing-ringing, ended > incoming-ringing', async () => {
    const { customer, agent } = fresh();
    await customer.session.start(CONVERSATION);
    await wire.flush();
    await expectEdge(agent, 'incoming-ringing>ended', () => agent.session.decline());
    assert.equal(`${customer.states.at(-1)?.previous}>${customer.states.at(-1)?.state}`, 'outgoing-ringing>ended');
    await expectEdge(customer, 'ended>outgoing-ringing', () => customer.session.start(CONVERSATION));
    assert.equal(`${agent.states.at(-1)?.previous}>${agent.states.at(-1)?.state}`, 'ended>incoming-ringing');
  });

  it('took exactly the edges of the table', () => {
    assert.deepEqual([...taken].sort(), TABLE_EDGES);
    assert.equal(TABLE_EDGES.length, 14);
  });
});
