/**
 * RTC channel names for calls. Agora accepts at most 64 bytes from
 * `a-z A-Z 0-9 space ! # $ % & ( ) + - : ; < = . > ? @ [ ] ^ _ { } | ~ ,`; both sides must derive
 * the same name from the same call id.
 */
import { SupportError } from './errors.js';
import { fnv1a32 } from './rtc-uid.js';

/** Agora's limit on RTC channel names, bytes (all allowed characters are ASCII). */
export const RTC_CHANNEL_MAX_BYTES = 64;

const ALLOWED = /^[A-Za-z0-9 !#$%&()+\-:;<=.>?@[\]^_{}|~,]+$/;
const DISALLOWED = /[^A-Za-z0-9 !#$%&()+\-:;<=.>?@[\]^_{}|~,]/g;

/** Whether `name` is a valid Agora RTC channel name. */
export function isRtcChannelName(name: string): boolean {
  return name.length > 0 && name.length <= RTC_CHANNEL_MAX_BYTES && ALLOWED.test(name);
}

/**
 * The channel of the call `callId`: `<prefix>.<callId>` when that is valid; otherwise the id is
 * cleaned and shortened, and a hash of the original keeps different ids apart.
 *
 * @example
 * rtcChannelName('call-7f3a'); // 'support.call-7f3a'
 */
export function rtcChannelName(callId: string, prefix = 'support'): string {
  if (!isRtcChannelName(`${prefix}.`) || prefix.length > 32) {
    throw new SupportError('config', `invalid RTC channel prefix "${prefix}"`, { retryable: false });
  }
  const plain = `${prefix}.${callId}`;
  if (callId.length > 0 && isRtcChannelName(plain)) return plain;
  const suffix = `~${fnv1a32(callId).toString(16).padStart(8, '0')}`;
  const room = RTC_CHANNEL_MAX_BYTES - prefix.length - 1 - suffix.length;
  return `${prefix}.${callId.replace(DISALLOWED, '_').slice(0, room)}${suffix}`;
}
