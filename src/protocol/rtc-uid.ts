/**
 * Numeric Agora RTC uids derived from our string user ids.
 *
 * RTC NG accepts string uids only through a "string uid" mode that costs an extra lookup on
 * Agora's side and cannot be mixed with numeric uids in one channel, so every user gets a stable
 * 31-bit number instead: FNV-1a (32-bit) of the UTF-8 id, masked to a positive int, never 0
 * (0 asks Agora to pick a random uid). Two ids that hash alike in one channel (or the same user
 * on two devices) conflict; the join is then retried with a salted hash (`<id>#1`, `<id>#2`),
 * so a peer's possible uids are a short, known list.
 */

import { shopScopedName } from './shop-scoped-name.js';

/** Agora's limit on RTM user ids, bytes. */
export const AGORA_USER_ID_MAX_BYTES = 64;

/**
 * The Agora (RTM) user id the relay mints tokens for: the shop's user `userId` as
 * `<shop>~<userId>` (a digest when longer than 64 bytes, see `shopScopedName`). User ids are the
 * shops' own, so two shops' `bob` are two Agora users; RTC uids derive from this id.
 *
 * @example
 * agoraUserId('acme', 'cust-42'); // 'acme~cust-42'
 */
export function agoraUserId(shop: string, userId: string): string {
  return shopScopedName(shop, userId, AGORA_USER_ID_MAX_BYTES);
}

/** How many uids a user may try to join a channel with (the plain hash, then salted ones). */
export const RTC_UID_ATTEMPTS = 3;

const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const encoder = new TextEncoder();

/** 32-bit FNV-1a of the UTF-8 bytes of `text`, as an unsigned int. */
export function fnv1a32(text: string): number {
  let hash = FNV_OFFSET_BASIS;
  for (const byte of encoder.encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, FNV_PRIME) >>> 0;
  }
  return hash >>> 0;
}

/**
 * The RTC uid of `userId` for its `attempt`-th try (0: the plain hash). Always an integer in
 * 1..2^31-1, the same for the same input on every device.
 *
 * @example
 * rtcUidFor('customer-42'); // the uid the agent side expects for this customer
 */
export function rtcUidFor(userId: string, attempt = 0): number {
  const input = attempt === 0 ? userId : `${userId}#${attempt}`;
  const uid = fnv1a32(input) & 0x7fffffff;
  return uid === 0 ? 1 : uid;
}

/** Every uid `userId` may join with, in the order they are tried. */
export function rtcUidCandidates(userId: string): number[] {
  return Array.from({ length: RTC_UID_ATTEMPTS }, (_, attempt) => rtcUidFor(userId, attempt));
}
