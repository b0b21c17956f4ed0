import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { RTMEvents } from 'agora-rtm-sdk';
import { PresenceRoster } from '../../../src/transports/agora/presence-roster.js';

function event(eventType: RTMEvents.PresenceEvent['eventType'], publisher: string, extra: Partial<RTMEvents.PresenceEvent> = {}): RTMEvents.PresenceEvent {
  return { eventType, channelType: 'MESSAGE', channelName: 'support.queue', publisher, stateChanged: {}, interval: null, snapshot: null, timestamp: 1, ...extra };
}

describe('PresenceRoster', () => {
  it('counts distinct agents once their state says who they are, without counting itself', () => {
    const roster = new PresenceRoster('me');
    roster.apply(event('SNAPSHOT', 'me', { snapshot: [
      { userId: 'me', states: { role: 'agent', name: 'Me' }, statesCount: 2 },
      { userId: 'a1', states: { role: 'agent', name: 'A1' }, statesCount: 2 },
    ] }));
    assert.equal(roster.agentsOnline(), 1);
    const joined = roster.apply(event('REMOTE_JOIN', 'a2'));
    assert.deepEqual(joined, [], 'unknown until the state arrives');
    const stated = roster.apply(event('REMOTE_STATE_CHANGED', 'a2', { stateChanged: { role: 'agent', name: 'A2' } }));
    assert.deepEqual(stated, [{ user: { id: 'a2', name: 'A2', role: 'agent' }, online: true }]);
    assert.equal(roster.agentsOnline(), 2);
    const left = roster.apply(event('REMOTE_TIMEOUT', 'a1'));
    assert.deepEqual(left, [{ user: { id: 'a1', name: 'A1', role: 'agent' }, online: false }]);
    assert.equal(roster.agentsOnline(), 1);
  });

  it('folds interval events and counts an agent present in two channels once', () => {
    const roster = new PresenceRoster('me');
    roster.replace('support.queue', [{ userId: 'a1', states: { role: 'agent', name: 'A1' } }]);
    roster.replace('support.c1', [{ userId: 'a1', states: { role: 'agent', name: 'A1' } }, { userId: 'c1', states: { role: 'customer', name: 'C' } }]);
    assert.equal(roster.agentsOnline(), 1);
    roster.apply(event('INTERVAL', '', { interval: {
      join: { users: ['a3'], userCount: 1 },
      leave: { users: ['a1'], userCount: 1 },
      timeout: { users: [], userCount: 0 },
      userStateList: [{ userId: 'a3', states: { role: 'agent', name: 'A3' }, statesCount: 2 }],
      totalOccupancy: 1,
    } }));
    assert.equal(roster.agentsOnline(), 2, 'a1 still in support.c1, a3 joined the queue');
  });
});
