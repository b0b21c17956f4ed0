/**
 * Office hours through the admin API on a real relay (issue 17): the privacy API's rules (404
 * without an admin token, 401 without the right one, `shop` required), impossible or overlapping
 * hours refused with `invalid-hours` and nothing stored, the welcome's `hours`, and an `hours`
 * frame to everyone connected when the hours change and when the shop opens on the relay's clock.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { relayPerTest, startRelay, TestClient } from './relay-harness.js';
import { admin, clockOptions, TestClock, tokenAt } from './relationship-harness.js';

// Thursday 3 December 2026, 12:00 UTC = 13:00 in Berlin.
const clock = new TestClock(Date.parse('2026-12-03T12:00:00Z'));
const weekdays = ([1, 2, 3, 4, 5] as const).map((day) => ({ day, from: '09:00', to: '17:30' }));

describe('office hours on the relay', () => {
  const world = relayPerTest(clockOptions(clock));

  it('follows the privacy API’s rules: 404 without an admin token, 401 without the right one, shop required', async () => {
    const bare = await startRelay({});
    try {
      assert.equal((await admin(bare.url, 'GET', '/admin/hours?shop=demo')).status, 404);
    } finally {
      await bare.dispose();
    }
    assert.equal((await admin(world.relay.url, 'GET', '/admin/hours?shop=demo', undefined, 'wrong-token-0123456789')).status, 401);
    const noShop = await admin(world.relay.url, 'GET', '/admin/hours');
    assert.deepEqual([noShop.status, noShop.json['code']], [400, 'bad-request']);
    const preflight = await fetch(`${world.relay.url}/admin/hours?shop=demo`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'PUT' } });
    assert.deepEqual([preflight.status, preflight.headers.get('access-control-allow-methods')], [403, null], 'no CORS for the admin API');
  });

  it('refuses overlapping or impossible hours with invalid-hours and keeps what was stored', async () => {
    const url = world.relay.url;
    assert.equal((await admin(url, 'PUT', '/admin/hours?shop=demo', { timeZone: 'Europe/Berlin', weekly: weekdays, holidays: [] })).status, 200);
    for (const bad of [
      { timeZone: 'Europe/Berlin', weekly: [{ day: 1, from: '09:00', to: '12:00' }, { day: 1, from: '11:30', to: '13:00' }], holidays: [] },
      { timeZone: 'Europe/Berlin', weekly: [{ day: 1, from: '18:00', to: '09:00' }], holidays: [] },
      { timeZone: 'Nowhere/Land', weekly: weekdays, holidays: [] },
      { timeZone: 'Europe/Berlin', weekly: weekdays, holidays: ['2026-13-01'] },
    ]) {
      const refused = await admin(url, 'PUT', '/admin/hours?shop=demo', bad);
      assert.deepEqual([refused.status, refused.json['code']], [400, 'invalid-hours'], JSON.stringify(bad));
    }
    assert.deepEqual((await admin(url, 'PUT', '/admin/hours?shop=demo', '{not json')).json['code'], 'invalid-hours');
    const stored = await admin(url, 'GET', '/admin/hours?shop=demo');
    assert.deepEqual((stored.json['hours'] as { weekly: unknown[] }).weekly, weekdays);
    assert.deepEqual(stored.json['status'], { open: true, nextClose: Date.parse('2026-12-03T16:30:00Z'), timeZone: 'Europe/Berlin' });
  });

  it('tells the welcome, then every connection when the hours change and when the shop opens', async () => {
    const url = world.relay.url;
    const before = await world.connect(tokenAt(clock, 'ana', 'customer'));
    assert.equal(before.welcome.hours, undefined, 'no hours set: nothing said');
    assert.equal(before.welcome.emailOffered, false, 'no SMTP: no email offered');
    // Opens at 13:00:05 Berlin time today, for an hour.
    await admin(url, 'PUT', '/admin/hours?shop=demo', { timeZone: 'Europe/Berlin', weekly: [{ day: 4, from: '13:01', to: '14:00' }], holidays: [] });
    const changed = await before.client.next('hours');
    assert.deepEqual(changed.hours, { open: false, nextOpen: Date.parse('2026-12-03T12:01:00Z'), timeZone: 'Europe/Berlin' });
    const agent = await world.connect(tokenAt(clock, 'alex', 'agent'));
    assert.deepEqual(agent.welcome.hours, changed.hours);
    clock.advance(60_000);
    const opened = await before.client.next('hours');
    assert.deepEqual(opened.hours, { open: true, nextClose: Date.parse('2026-12-03T13:00:00Z'), timeZone: 'Europe/Berlin' });
    assert.deepEqual((await agent.client.next('hours')).hours, opened.hours);
    await admin(url, 'DELETE', '/admin/hours?shop=demo');
    assert.equal((await before.client.next('hours')).hours, null);
    const other = await TestClient.connect(url, tokenAt(clock, 'bo', 'customer', { shop: 'other' }));
    assert.equal(other.welcome.hours, undefined, 'another shop has its own hours');
    await other.client.close();
  });
});
