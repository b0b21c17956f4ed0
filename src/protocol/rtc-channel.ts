/**
 * RTC channel names for calls. Agora accepts at most 64 bytes from
 * `a-z A-Z 0-9 space ! # $ % & ( ) + - : ; < = . > ? @ [ ] ^ _ { } | ~ ,`; both sides must derive
 * the same name from the same call id. With a shop (what the relay's Agora tokens use), the name
 * carries it: conversation ids are per shop, so `c-bob` of two shops are two channels.
 */
import { SupportError } from './errors.js';
import { fnv1a32 } from './rtc-uid.js';
import { shopScopedName } from './shop-scoped-name.js';

/** Agora's limit on RTC channel names, bytes (all allowed characters are ASCII). */
export const RTC_CHANNEL_MAX_BYTES = 64;

const ALLOWED = /^[A-Za-z0-9 !#$%&()+\-:;<=.>?@[\]^_{}|~,]+$/;
const DISALLOWED = /[^A-Za-z0-9 !#$%&()+\-:;<=.>?@[\]^_{}|~,]/g;

/** Whether `name` is a valid Agora RTC channel name. */
export function isRtcChannelName(name: string): boolean {
  return name.length > 0 && name.length <= RTC_CHANNEL_MAX_BYTES && ALLOWED.test(name);
}

/**
 * The channel of the call `callId` (a conversation id): with `shop`, `<prefix>.<shop>~<callId>`
 * (or a SHA-256 digest of both when that is too long: `shopScopedName`); without,
 * `<prefix>.<callId>` when that is valid, otherwise the id cleaned and shortened, with a hash of
 * the original to keep different ids apart.
 *
 * @example
 * rtcChannelName('call-7f3a'); // 'support.call-7f3a'
 * rtcChannelName('c-bob', 'support', 'acme'); // 'support.acme~c-bob'
 */
export function rtcChannelName(callId: string, prefix = 'support', shop?: string): string {
  if (!isRtcChannelName(`${prefix}.`) || prefix.length > 32) {
    throw new SupportError('config', `invalid RTC channel prefix "${prefix}"`, { retryable: false });
  }
  if (shop !== undefined) return `${prefix}.${shopScopedName(shop, callId, RTC_CHANNEL_MAX_BYTES - prefix.length - 1)}`;
  const plain = `${prefix}.${callId}`;
  if (callId.length > 0 && isRtcChannelName(plain)) return plain;
  const suffix = `~${fnv1a32(callId).toString(16).padStart(8, '0')}`;
  const room = RTC_CHANNEL_MAX_BYTES - prefix.length - 1 - suffix.length;
  return `${prefix}.${callId.replace(DISALLOWED, '_').slice(0, room)}${suffix}`;
}
