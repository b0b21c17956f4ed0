/**
 * Both sides call each other at once: exactly one call survives, the same on both sides,
 * whatever the order the invites cross in.
 */
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AGENT, CONVERSATION, CUSTOMER, SignalWire, path } from './signal-wire.js';

const BOUNDED = { timeout: 5_000 };

describe('CallSession glare', BOUNDED, () => {
  let wire: SignalWire;
  beforeEach(() => {
    wire = new SignalWire();
  });
  afterEach(() => wire.dispose());

  const cases = [
    { winner: 'customer', customerId: 'call-a', agentId: 'call-b', customerFirst: true },
    { winner: 'customer', customerId: 'call-a', agentId: 'call-b', customerFirst: false },
    { winner: 'agent', customerId: 'call-z', agentId: 'call-m', customerFirst: true },
    { winner: 'agent', customerId: 'call-z', agentId: 'call-m', customerFirst: false },
  ] as const;

  for (const c of cases) {
    it(`resolves to the ${c.winner}'s call (smaller id) when the ${c.customerFirst ? 'customer' : 'agent'} invites first`, async () => {
      const customer = wire.join(CUSTOMER, { callIds: [c.customerId] });
      const agent = wire.join(AGENT, { callIds: [c.agentId] });
      const first = c.customerFirst ? customer : agent;
      const second = c.customerFirst ? agent : customer;
      await first.session.start(CONVERSATION);
      await second.session.start(CONVERSATION);
      assert.equal(customer.session.state, 'outgoing-ringing');
      assert.equal(agent.session.state, 'outgoing-ringing');
      await wire.flush();

      const [win, lose] = c.winner === 'customer' ? [customer, agent] : [agent, customer];
      const winningId = c.winner === 'customer' ? c.customerId : c.agentId;
      const losingId = c.winner === 'customer' ? c.agentId : c.customerId;
      assert.equal(win.session.state, 'connecting');
      assert.equal(lose.session.state, 'connecting');
      assert.equal(win.session.callId, winningId);
      assert.equal(lose.session.callId, winningId);
      assert.deepEqual(path(win), ['idle>outgoing-ringing', 'outgoing-ringing>connecting']);
      assert.deepEqual(path(lose), ['idle>outgoing-ringing', 'outgoing-ringing>connecting']);
      assert.equal(lose.states.at(-1)?.callId, winningId, 'the state event names the surviving call');
      // The loser withdrew its own invite and accepted the winner's; nothing else crossed.
      assert.deepEqual(
        wire.log.filter((s) => s.action !== 'invite').map((s) => [s.from, s.action, s.callId]),
        [[lose.user.id, 'cancel', losingId], [lose.user.id, 'accept', winningId]],
      );
      assert.equal(win.session.polite, false);
      assert.equal(lose.session.polite, true, 'exactly one side is polite');
      assert.deepEqual(win.session.peer, lose.user);
      assert.deepEqual(lose.session.peer, win.user);

      win.session.markConnected();
      lose.session.markConnected();
      await lose.session.hangup();
      await wire.flush();
      assert.equal(win.session.endReason, 'remote-hangup');
      assert.equal(lose.session.endReason, 'hangup');
      assert.equal(win.summaries.length, 1);
      assert.equal(lose.summaries.length, 1);
      assert.equal(win.summaries[0]?.initiator, win.user.id);
      assert.equal(lose.summaries[0]?.initiator, win.user.id);
      assert.equal(lose.summaries[0]?.direction, 'incoming');
      assert.equal(wire.clock.pending, 0);
    });
  }

  it('does not revive the losing call when its invite is delivered again later', async () => {
    const customer = wire.join(CUSTOMER, { callIds: ['call-a'] });
    const agent = wire.join(AGENT, { callIds: ['call-b'] });
    await customer.session.start(CONVERSATION);
    await agent.session.start(CONVERSATION);
    await wire.flush();
    await customer.session.hangup();
    await wire.flush();
    const lostInvite = wire.log.find((s) => s.action === 'invite' && s.callId === 'call-b');
    assert.ok(lostInvite);
    assert.equal(customer.session.handleSignal({ ...lostInvite, from: AGENT }), false);
    assert.equal(customer.session.state, 'ended');
  });

  it('keeps ringing the winner when the loser\'s invite arrives, until the loser accepts', async () => {
    const customer = wire.join(CUSTOMER, { callIds: ['call-a'] });
    const agent = wire.join(AGENT, { callIds: ['call-b'] });
    await customer.session.start(CONVERSATION);
    await agent.session.start(CONVERSATION);
    const invite = wire.log.find((s) => s.callId === 'call-b');
    assert.ok(invite);
    assert.equal(customer.session.handleSignal({ ...invite, from: AGENT }), true);
    assert.equal(customer.session.state, 'outgoing-ringing');
    assert.equal(customer.session.callId, 'call-a');
    assert.equal(wire.log.length, 2, 'the winner sends nothing: its invite stands');
  });
});
