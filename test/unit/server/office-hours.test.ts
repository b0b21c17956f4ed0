/**
 * Office hours as instants (issue 17): open now, next opening, next closing, in the shop's time
 * zone, over daylight-saving changes and holidays; and the schedule's validation (`invalid-hours`).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OfficeHours, OpeningInterval } from '../../../src/protocol/relationship.js';
import { parseOfficeHours } from '../../../src/protocol/validate-hours.js';
import { InvalidFrame } from '../../../src/protocol/validate-fields.js';
import { hoursStatus, instantOfWall } from '../../../server/office-hours.js';

const at = (iso: string): number => Date.parse(iso);
const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString());
const weekdays = (from: string, to: string): OpeningInterval[] => ([1, 2, 3, 4, 5] as const).map((day) => ({ day, from, to }));
const berlin: OfficeHours = { timeZone: 'Europe/Berlin', weekly: weekdays('09:00', '17:30'), holidays: ['2026-12-25'] };

function status(hours: OfficeHours, now: string) {
  const s = hoursStatus(hours, at(now));
  return { open: s.open, nextOpen: iso(s.nextOpen), nextClose: iso(s.nextClose) };
}

describe('office hours', () => {
  it('is open inside an interval and says when it closes, in the shop’s zone', () => {
    assert.deepEqual(status(berlin, '2026-12-03T12:00:00Z'), { open: true, nextOpen: undefined, nextClose: '2026-12-03T16:30:00.000Z' });
  });

  it('is closed after hours and names the next opening, skipping the weekend and a holiday', () => {
    assert.deepEqual(status(berlin, '2026-12-24T17:00:00Z'), { open: false, nextOpen: '2026-12-28T08:00:00.000Z', nextClose: undefined });
    assert.deepEqual(status(berlin, '2026-12-05T10:00:00Z').nextOpen, '2026-12-07T08:00:00.000Z');
  });

  it('follows daylight saving: 9:00 is 08:00 UTC in winter and 07:00 UTC in summer', () => {
    assert.equal(status(berlin, '2026-03-27T17:00:00Z').nextOpen, '2026-03-30T07:00:00.000Z');
    assert.equal(status(berlin, '2026-10-23T17:00:00Z').nextOpen, '2026-10-26T08:00:00.000Z');
  });

  it('opens a time the clocks skip when they jump past it, and a repeated time at its first occurrence', () => {
    const sunday: OfficeHours = { timeZone: 'Europe/Berlin', weekly: [{ day: 7, from: '02:30', to: '04:00' }], holidays: [] };
    assert.equal(status(sunday, '2026-03-28T12:00:00Z').nextOpen, '2026-03-29T01:00:00.000Z');
    assert.equal(status(sunday, '2026-10-24T12:00:00Z').nextOpen, '2026-10-25T00:30:00.000Z');
    assert.equal(instantOfWall('America/New_York', Date.UTC(2026, 2, 8, 2, 30)), Date.UTC(2026, 2, 8, 7, 0));
  });

  it('joins intervals that touch across midnight into one opening', () => {
    const late: OfficeHours = { timeZone: 'UTC', weekly: [{ day: 5, from: '22:00', to: '24:00' }, { day: 6, from: '00:00', to: '02:00' }], holidays: [] };
    assert.deepEqual(status(late, '2026-12-04T23:00:00Z'), { open: true, nextOpen: undefined, nextClose: '2026-12-05T02:00:00.000Z' });
  });

  it('reads other zones: Shanghai has no daylight saving', () => {
    const shanghai: OfficeHours = { timeZone: 'Asia/Shanghai', weekly: weekdays('09:00', '18:00'), holidays: [] };
    assert.deepEqual(status(shanghai, '2026-12-03T12:00:00Z'), { open: false, nextOpen: '2026-12-04T01:00:00.000Z', nextClose: undefined });
  });

  it('never opens without intervals, and never closes when open around the clock', () => {
    assert.deepEqual(status({ timeZone: 'UTC', weekly: [], holidays: [] }, '2026-12-03T12:00:00Z'), { open: false, nextOpen: undefined, nextClose: undefined });
    const always: OfficeHours = { timeZone: 'UTC', weekly: ([1, 2, 3, 4, 5, 6, 7] as const).map((day) => ({ day, from: '00:00', to: '24:00' })), holidays: [] };
    assert.deepEqual(status(always, '2026-12-03T12:00:00Z'), { open: true, nextOpen: undefined, nextClose: undefined });
  });
});

describe('office hours validation', () => {
  function refusal(value: unknown): string {
    try {
      parseOfficeHours(value);
    } catch (error) {
      assert.ok(error instanceof InvalidFrame);
      assert.equal(error.code, 'invalid-hours');
      return error.message;
    }
    throw new Error('accepted');
  }

  it('refuses overlapping intervals of a day', () => {
    assert.match(refusal({ timeZone: 'UTC', weekly: [{ day: 1, from: '09:00', to: '12:00' }, { day: 1, from: '11:00', to: '14:00' }], holidays: [] }), /overlap/);
  });

  it('refuses impossible hours: backwards, 25:00, 24:30, minutes past 59, a day 8, a start at 24:00', () => {
    for (const interval of [
      { day: 1, from: '17:00', to: '09:00' },
      { day: 1, from: '09:00', to: '25:00' },
      { day: 1, from: '09:00', to: '24:30' },
      { day: 1, from: '09:60', to: '10:00' },
      { day: 8, from: '09:00', to: '10:00' },
      { day: 1, from: '24:00', to: '24:00' },
      { day: 1, from: '9:00', to: '10:00' },
    ]) refusal({ timeZone: 'UTC', weekly: [interval], holidays: [] });
  });

  it('refuses an unknown time zone and a holiday that is not a real date', () => {
    assert.match(refusal({ timeZone: 'Mars/Olympus', weekly: [], holidays: [] }), /time zone/);
    assert.match(refusal({ timeZone: 'UTC', weekly: [], holidays: ['2026-02-30'] }), /holiday/);
  });

  it('gives a schedule its one spelling: sorted intervals, sorted holidays without repeats', () => {
    const parsed = parseOfficeHours({ timeZone: 'Europe/Berlin', weekly: [{ day: 2, from: '09:00', to: '12:00' }, { day: 1, from: '13:00', to: '17:00' }, { day: 1, from: '09:00', to: '12:00', extra: 1 }], holidays: ['2026-12-26', '2026-12-25', '2026-12-25'] });
    assert.deepEqual(parsed, {
      timeZone: 'Europe/Berlin',
      weekly: [{ day: 1, from: '09:00', to: '12:00' }, { day: 1, from: '13:00', to: '17:00' }, { day: 2, from: '09:00', to: '12:00' }],
      holidays: ['2026-12-25', '2026-12-26'],
    });
  });
});
