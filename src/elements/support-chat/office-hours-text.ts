import type { ChatRelationshipTermKey } from '../../i18n/en/chat-relationship.js';
import type { Terms } from '../../i18n/localize-controller.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Up to this many days ahead the opening is named by its weekday ("Monday"), further by its date. */
const WEEKDAY_HORIZON_DAYS = 6;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(lang: string, timeZone: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}|${timeZone ?? ''}|${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(lang, timeZone ? { ...options, timeZone } : options);
    formatters.set(key, format);
  }
  return format;
}

/** The calendar day of `ms` in a time zone, as days since 1970-01-01 (so two days subtract). */
function dayNumber(ms: number, timeZone: string | undefined): number {
  const parts = formatter('en-US', timeZone, { year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(ms);
  const part = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Math.round(Date.UTC(part('year'), part('month') - 1, part('day')) / DAY_MS);
}

/**
 * When a person will answer, in the customer's language and time zone: "We're back today at 9:00",
 * "… tomorrow …", "… Monday …" (within a week), else "… on 28 Dec …"; zh-CN "周一 9:00 回来".
 * `timeZone` defaults to the browser's own (the customer's); the shop's zone does not matter here.
 *
 * @example
 * formatBackAt(terms, Date.parse('2026-12-07T08:00:00Z'), Date.parse('2026-12-05T12:00:00Z'), 'Europe/London')
 * // "We're back Monday at 08:00" (en-GB)
 */
export function formatBackAt(
  terms: Terms<ChatRelationshipTermKey>,
  opensAt: number,
  now: number,
  timeZone?: string,
): string {
  const lang = terms.lang;
  const time = formatter(lang, timeZone, { hour: 'numeric', minute: '2-digit' }).format(opensAt);
  const days = dayNumber(opensAt, timeZone) - dayNumber(now, timeZone);
  if (days <= 0) return terms.term('hours.backToday', { time });
  if (days === 1) return terms.term('hours.backTomorrow', { time });
  if (days <= WEEKDAY_HORIZON_DAYS) {
    const day = formatter(lang, timeZone, { weekday: lang.toLowerCase().startsWith('zh') ? 'short' : 'long' }).format(opensAt);
    return terms.term('hours.backWeekday', { day, time });
  }
  const date = formatter(lang, timeZone, { month: 'short', day: 'numeric' }).format(opensAt);
  return terms.term('hours.backDate', { date, time });
}
