/**
 * Validation of a shop's office hours (issue 17), for the relay's admin API and for any page that
 * wants to check a schedule before sending it. Every refusal is `invalid-hours` with the reason.
 */
import type { IsoWeekday, OfficeHours, OpeningInterval } from './relationship.js';
import { RELATIONSHIP_LIMITS } from './relationship.js';
import { asObject, fail, requireString, type JsonObject } from './validate-fields.js';

const HH_MM = /^([01]\d|2[0-4]):([0-5]\d)$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function bad(message: string): never {
  fail(message, 'invalid-hours');
}

/** Minutes since midnight of an `HH:MM` time (`24:00` is 1440), or undefined when it is not one. */
export function minutesOf(time: string): number | undefined {
  const match = HH_MM.exec(time);
  if (match === null) return undefined;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes > 24 * 60 ? undefined : minutes;
}

/** True for a time zone `Intl` knows (an IANA name such as `Europe/Berlin`, or `UTC`). */
export function isTimeZone(value: string): boolean {
  if (value.length === 0 || value.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  const match = DATE.exec(value);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function interval(value: unknown, index: number): OpeningInterval {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) bad(`weekly[${index}] must be an object`);
  const o = value as JsonObject;
  const day = o['day'];
  if (typeof day !== 'number' || !Number.isInteger(day) || day < 1 || day > 7) bad(`weekly[${index}].day must be 1 (Monday) to 7 (Sunday)`);
  const from = typeof o['from'] === 'string' ? o['from'] : '';
  const to = typeof o['to'] === 'string' ? o['to'] : '';
  const start = minutesOf(from);
  const end = minutesOf(to);
  if (start === undefined || end === undefined || start === 24 * 60) bad(`weekly[${index}] times must be HH:MM (00:00-24:00)`);
  if (start >= end) bad(`weekly[${index}] ends before it starts (${from}-${to}); split an interval past midnight in two`);
  return { day: day as IsoWeekday, from, to };
}

function sortedIntervals(list: OpeningInterval[]): OpeningInterval[] {
  const sorted = [...list].sort((a, b) => a.day - b.day || (minutesOf(a.from) ?? 0) - (minutesOf(b.from) ?? 0));
  for (let i = 1; i < sorted.length; i += 1) {
    const [before, after] = [sorted[i - 1]!, sorted[i]!];
    if (before.day === after.day && (minutesOf(after.from) ?? 0) < (minutesOf(before.to) ?? 0)) {
      bad(`intervals overlap on day ${after.day}: ${before.from}-${before.to} and ${after.from}-${after.to}`);
    }
  }
  return sorted;
}

/**
 * Validates a schedule and returns it in its one spelling (intervals sorted by day and time,
 * holidays sorted without repeats). Throws `InvalidFrame` with code `invalid-hours`.
 *
 * @example
 * parseOfficeHours({ timeZone: 'Europe/Berlin', weekly: [{ day: 1, from: '09:00', to: '17:30' }], holidays: ['2026-12-25'] })
 */
export function parseOfficeHours(value: unknown): OfficeHours {
  const o = asObject(value, 'hours');
  const timeZone = requireString(o, 'timeZone', 64);
  if (!isTimeZone(timeZone)) bad(`timeZone ${JSON.stringify(timeZone)} is not an IANA time zone`);
  const weekly = o['weekly'];
  if (!Array.isArray(weekly) || weekly.length > RELATIONSHIP_LIMITS.maxWeeklyIntervals) bad(`weekly must be a list of at most ${RELATIONSHIP_LIMITS.maxWeeklyIntervals} intervals`);
  const holidays = o['holidays'] ?? [];
  if (!Array.isArray(holidays) || holidays.length > RELATIONSHIP_LIMITS.maxHolidays) bad(`holidays must be a list of at most ${RELATIONSHIP_LIMITS.maxHolidays} dates`);
  for (const date of holidays) if (typeof date !== 'string' || !isIsoDate(date)) bad(`holiday ${JSON.stringify(date)} is not a YYYY-MM-DD date`);
  return {
    timeZone,
    weekly: sortedIntervals(weekly.map(interval)),
    holidays: [...new Set(holidays as string[])].sort(),
  };
}
