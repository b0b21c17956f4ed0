/**
 * Office hours as instants: "open now? next opening? next closing?" for a shop's weekly schedule
 * in its IANA time zone, with its holidays, over daylight-saving changes. Pure (time is an
 * argument) and dependency-free: the zone arithmetic is `Intl.DateTimeFormat`'s.
 *
 * Wall-clock rules: a time the clocks skip (spring forward) is reached when they jump past it; a
 * time they show twice (fall back) is its first occurrence. Intervals that touch (Fri 22:00–24:00
 * and Sat 00:00–02:00) are one opening.
 */
import type { HoursStatus, OfficeHours } from 'support-widget/protocol';
import { minutesOf } from 'support-widget/protocol';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** How far ahead an opening or closing is looked for. */
const HORIZON_DAYS = 372;

const formats = new Map<string, Intl.DateTimeFormat>();

function formatOf(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formats.set(timeZone, format);
  }
  return format;
}

/** The zone's wall clock at `at`, as ms of a UTC date with the same fields. */
function wallOf(format: Intl.DateTimeFormat, at: number): number {
  const fields: Record<string, number> = {};
  for (const part of format.formatToParts(at)) if (part.type !== 'literal') fields[part.type] = Number(part.value);
  const { year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = fields;
  return Date.UTC(year, month - 1, day, hour % 24, minute, second) + (at - Math.floor(at / 1000) * 1000);
}

/** The first instant at which the zone's wall clock shows `wall` (or, in a skipped hour, has passed it). */
export function instantOfWall(timeZone: string, wall: number): number {
  const format = formatOf(timeZone);
  const early = wall - (wallOf(format, wall - 12 * HOUR) - (wall - 12 * HOUR));
  const late = wall - (wallOf(format, wall + 12 * HOUR) - (wall + 12 * HOUR));
  const valid = [early, late].filter((t) => wallOf(format, t) === wall);
  if (valid.length > 0) return Math.min(...valid);
  // Skipped by the clocks: the first whole second whose wall clock is past `wall` (the jump).
  let [lo, hi] = [Math.min(early, late), Math.max(early, late)];
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (wallOf(format, mid) >= wall) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** `YYYY-MM-DD` of a wall day number (days since 1970-01-01). */
function dateOf(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a wall day number. */
function weekdayOf(day: number): number {
  return ((new Date(day * DAY).getUTCDay() + 6) % 7) + 1;
}

/** The openings of the days from `firstDay`, in order, contiguous ones joined; `last` tells the final one may go on. */
function* openings(hours: OfficeHours, firstDay: number): Generator<{ start: number; end: number; last: boolean }> {
  const holidays = new Set(hours.holidays);
  let run: { start: number; end: number } | undefined;
  for (let day = firstDay; day < firstDay + HORIZON_DAYS; day += 1) {
    if (holidays.has(dateOf(day))) continue;
    const weekday = weekdayOf(day);
    for (const interval of hours.weekly) {
      if (interval.day !== weekday) continue;
      const start = instantOfWall(hours.timeZone, day * DAY + (minutesOf(interval.from) ?? 0) * MINUTE);
      const end = instantOfWall(hours.timeZone, day * DAY + (minutesOf(interval.to) ?? 0) * MINUTE);
      if (end <= start) continue;
      if (run !== undefined && start <= run.end) {
        run.end = Math.max(run.end, end);
        continue;
      }
      if (run !== undefined) yield { ...run, last: false };
      run = { start, end };
    }
  }
  if (run !== undefined) yield { ...run, last: true };
}

/**
 * Whether the shop is open at `now`, and when that changes: the end of this opening when open,
 * the next opening when closed (absent beyond about a year).
 *
 * @example
 * hoursStatus({ timeZone: 'Europe/Berlin', weekly: [{ day: 1, from: '09:00', to: '17:30' }], holidays: [] }, Date.now())
 */
export function hoursStatus(hours: OfficeHours, now: number): HoursStatus {
  const today = Math.floor(wallOf(formatOf(hours.timeZone), now) / DAY);
  // From yesterday: an opening that began then may still be going on.
  for (const opening of openings(hours, today - 1)) {
    if (opening.end <= now) continue;
    if (opening.start > now) return { open: false, nextOpen: opening.start, timeZone: hours.timeZone };
    return opening.last && opening.end > now + 365 * DAY
      ? { open: true, timeZone: hours.timeZone }
      : { open: true, nextClose: opening.end, timeZone: hours.timeZone };
  }
  return { open: false, timeZone: hours.timeZone };
}

/** When `status` stops being true: its next opening or closing (undefined: not within the horizon). */
export function nextChange(status: HoursStatus): number | undefined {
  return status.open ? status.nextClose : status.nextOpen;
}
