/**
 * Dates and times of messages and conversations in a language (`LocalizeController.lang`),
 * through `Intl`. Apart from the controller so that the launcher's download does not carry them.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

const formatters = new Map<string, Intl.DateTimeFormat | Intl.RelativeTimeFormat>();

function cached<T extends Intl.DateTimeFormat | Intl.RelativeTimeFormat>(key: string, make: () => T): T {
  let formatter = formatters.get(key) as T | undefined;
  if (!formatter) {
    formatter = make();
    formatters.set(key, formatter);
  }
  return formatter;
}

/** Clock time, e.g. `14:05` or `2:05 PM`. */
export function formatTime(lang: string, ms: number): string {
  return cached(`t:${lang}`, () => new Intl.DateTimeFormat(lang, { hour: 'numeric', minute: '2-digit' })).format(ms);
}

/** A calendar day, as a heading: "Today", "Yesterday", else a date (with the year when not this year). */
export function formatDay(lang: string, ms: number, now = Date.now()): string {
  const text = inlineDay(lang, ms, now);
  return text.charAt(0).toLocaleUpperCase(lang) + text.slice(1);
}

/**
 * A moment inside a sentence ("Due {time}", "Snoozed until {time}"): "today 2:05 PM",
 * "tomorrow 9:00 AM", "Fri, Dec 4 9:00 AM", "明天 上午9:00". The day is not capitalised.
 */
export function formatMoment(lang: string, ms: number, now = Date.now()): string {
  return `${inlineDay(lang, ms, now)} ${formatTime(lang, ms)}`;
}

/** The day as it reads mid-sentence: yesterday, today and tomorrow in words, else a date. */
function inlineDay(lang: string, ms: number, now: number): string {
  const days = Math.round((startOfDay(ms) - startOfDay(now)) / DAY_MS);
  if (days >= -1 && days <= 1) {
    return cached(`r:${lang}`, () => new Intl.RelativeTimeFormat(lang, { numeric: 'auto' })).format(days, 'day');
  }
  const sameYear = new Date(ms).getFullYear() === new Date(now).getFullYear();
  const options: Intl.DateTimeFormatOptions = sameYear
    ? { weekday: 'short', month: 'short', day: 'numeric' }
    : { year: 'numeric', month: 'short', day: 'numeric' };
  return cached(`d:${lang}:${sameYear}`, () => new Intl.DateTimeFormat(lang, options)).format(ms);
}

/** Short time since `ms`: "now", "5 min. ago", "3 hr. ago", else the day. */
export function formatRelativeTime(lang: string, ms: number, now = Date.now()): string {
  const rtf = cached(`rs:${lang}`, () => new Intl.RelativeTimeFormat(lang, { numeric: 'auto', style: 'short' }));
  const seconds = Math.round((ms - now) / 1000);
  if (Math.abs(seconds) < 60) return rtf.format(0, 'second');
  const minutes = Math.round(seconds / 60);
  if (Math.abs(minutes) < 60) return rtf.format(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 24) return rtf.format(hours, 'hour');
  return formatDay(lang, ms, now);
}

/** Midnight of the local day containing `ms`. */
function startOfDay(ms: number): number {
  const date = new Date(ms);
  date.setHours(0, 0, 0, 0);
  return date.getTime();
}
