/**
 * Follow-ups on a real relay (issue 17): scheduled by staff (never in the past), listed as due or
 * upcoming, fired once by the relay's timer on its clock with a `followup-due` frame to the staff,
 * once across a restart even when the relay was down at their time, completed or cancelled once.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FollowUp } from '../../../src/protocol/relationship.js';
import { startRelay, TestClient, tempDir } from './relay-harness.js';
import type { TestRelay } from './relay-harness.js';
import { ask, result } from './desk-harness.js';
import { clockOptions, TestClock, tokenAt } from './relationship-harness.js';

describe('follow-ups', () => {
  it('refuses a follow-up in the past, on an unknown conversation, and from a customer', async () => {
    const clock = new TestClock();
    const relay = await startRelay(clockOptions(clock));
    try {
      const { client: ana } = await TestClient.connect(relay.url, tokenAt(clock, 'ana', 'customer'));
      const { client: alex } = await TestClient.connect(relay.url, tokenAt(clock, 'alex', 'agent'));
      const past = await ask(alex, { kind: 'followup-schedule', conversationId: 'c-ana', dueAt: clock.ms - 1, note: 'battery?' });
      assert.equal('code' in past && past.code, 'in-the-past');
      const now = await ask(alex, { kind: 'followup-schedule', conversationId: 'c-ana', dueAt: clock.ms, note: 'battery?' });
      assert.equal('code' in now && now.code, 'in-the-past');
      const unknown = await ask(alex, { kind: 'followup-schedule', conversationId: 'c-nobody', dueAt: clock.ms + 1000, note: 'battery?' });
      assert.equal('code' in unknown && unknown.code, 'not-found');
      const customer = await ask(ana, { kind: 'followup-list' });
      assert.equal('code' in customer && customer.code, 'forbidden');
      assert.deepEqual((await result(alex, { kind: 'followup-list', list: 'upcoming' }, 'followups')).followUps, [], 'nothing stored');
      await Promise.all([ana.close(), alex.close()]);
    } finally {
      await relay.dispose();
    }
  });

  it('fires a follow-up once at its time, lists it as due, and completes it once', async () => {
    const clock = new TestClock();
    const relay = await startRelay(clockOptions(clock));
    try {
      await (await TestClient.connect(relay.url, tokenAt(clock, 'ana', 'customer'))).client.close();
      const { client: alex } = await TestClient.connect(relay.url, tokenAt(clock, 'alex', 'agent'));
      const { client: bea } = await TestClient.connect(relay.url, tokenAt(clock, 'bea', 'agent'));
      const { followUp } = await result(alex, { kind: 'followup-schedule', conversationId: 'c-ana', dueAt: clock.ms + 2000, note: 'ask how the battery is' }, 'followup');
      assert.deepEqual([followUp.status, followUp.customer, followUp.createdBy], ['scheduled', { id: 'ana', name: 'customer ana' }, { id: 'alex', name: 'agent alex' }]);
      assert.deepEqual((await result(bea, { kind: 'followup-list', list: 'upcoming' }, 'followups')).followUps.map((f) => f.id), [followUp.id]);
      assert.deepEqual((await result(bea, { kind: 'followup-list' }, 'followups')).followUps, [], 'not due yet');

      clock.advance(2000);
      const due = await bea.next('followup-due');
      assert.deepEqual([due.followUp.id, due.followUp.status, due.followUp.firedAt], [followUp.id, 'due', clock.ms]);
      await alex.next('followup-due');
      assert.deepEqual((await result(alex, { kind: 'followup-list', list: 'due' }, 'followups')).followUps.map((f) => f.id), [followUp.id]);

      const done = await result(bea, { kind: 'followup-complete', id: followUp.id }, 'followup');
      assert.deepEqual([done.followUp.status, done.followUp.closedBy?.id], ['done', 'bea']);
      const again = await ask(alex, { kind: 'followup-cancel', id: followUp.id });
      assert.equal('code' in again && again.code, 'conflict');
      const missing = await ask(alex, { kind: 'followup-complete', id: 'fu_nothing' });
      assert.equal('code' in missing && missing.code, 'not-found');
      assert.deepEqual((await result(alex, { kind: 'followup-list' }, 'followups')).followUps, []);
      await alex.sync();
      assert.equal(alex.pending('followup-due').length, 0, 'fired once');
      await Promise.all([alex.close(), bea.close()]);
    } finally {
      await relay.dispose();
    }
  });

  it('fires once across a restart when the relay was down at its time, and never again', async () => {
    const clock = new TestClock();
    const dataDir = tempDir();
    let relay: TestRelay = await startRelay({ ...clockOptions(clock), dataDir });
    let followUp: FollowUp;
    {
      await (await TestClient.connect(relay.url, tokenAt(clock, 'ana', 'customer'))).client.close();
      const { client: alex } = await TestClient.connect(relay.url, tokenAt(clock, 'alex', 'agent'));
      followUp = (await result(alex, { kind: 'followup-schedule', conversationId: 'c-ana', dueAt: clock.ms + 2000, note: 'call back' }, 'followup')).followUp;
      await alex.close();
      await relay.close();
    }
    clock.advance(60_000); // the relay was down at the follow-up's time
    relay = await startRelay({ ...clockOptions(clock), dataDir });
    try {
      const { client: alex } = await TestClient.connect(relay.url, tokenAt(clock, 'alex', 'agent'));
      const listed = await result(alex, { kind: 'followup-list', list: 'due' }, 'followups');
      assert.deepEqual(listed.followUps.map((f) => [f.id, f.status]), [[followUp.id, 'due']]);
      const firedAt = listed.followUps[0]?.firedAt;
      await alex.close();
      await relay.close();
      clock.advance(60_000);
      relay = await startRelay({ ...clockOptions(clock), dataDir });
      const { client: bea } = await TestClient.connect(relay.url, tokenAt(clock, 'bea', 'agent'));
      const after = await result(bea, { kind: 'followup-list', list: 'due' }, 'followups');
      assert.deepEqual(after.followUps.map((f) => [f.id, f.firedAt]), [[followUp.id, firedAt]], 'not fired again');
      await bea.sync();
      assert.equal(bea.pending('followup-due').length, 0);
      await bea.close();
    } finally {
      await relay.dispose();
    }
  });
});
