/**
 * Names that carry the shop: one Agora project may serve several shops of a relay, and their ids
 * are their own (shop A's customer `bob` is not shop B's), so an Agora user id or call channel
 * derived from an id alone would let one shop's user into another's call. Both the browser and the
 * relay derive these names, so they must agree byte for byte.
 */
import { base64url, sha256 } from './sha256.js';

/** Characters Agora accepts in RTM user ids and RTC channel names (all ASCII). */
const AGORA_NAME = /^[A-Za-z0-9 !#$%&()+\-:;<=.>?@[\]^_{}|~,]+$/;
const encoder = new TextEncoder();

/**
 * `<shop>~<id>` when it fits in `maxLength` bytes of Agora's characters; otherwise `~` followed
 * by the base64url SHA-256 of `shop + "\n" + id`, cut to `maxLength` (at 31, still 180 bits).
 * Neither a shop nor an id holds `~` or a newline, so no two pairs give one name, and a digest
 * (which starts with `~`) never looks like a plain name.
 *
 * @example
 * shopScopedName('acme', 'c-bob', 64); // 'acme~c-bob'
 */
export function shopScopedName(shop: string, id: string, maxLength: number): string {
  const plain = `${shop}~${id}`;
  if (plain.length <= maxLength && AGORA_NAME.test(plain) && !shop.includes('~') && !id.includes('~')) return plain;
  return `~${base64url(sha256(encoder.encode(`${shop}\n${id}`))).slice(0, maxLength - 1)}`;
}
