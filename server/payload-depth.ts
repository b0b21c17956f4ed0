/**
 * How deep a relayed signal payload may nest (moved from relay-protocol.ts as it was): SDP and
 * ICE need 3 levels; deeper JSON would overflow `JSON.stringify` when relayed.
 */

/** Nesting allowed in a signal payload. */
export const MAX_PAYLOAD_DEPTH = 32;

/** True when `value` nests arrays/objects deeper than `max` (iterative: deep input must not overflow the stack here either). */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [current, depth] = item;
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= max) return true;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return false;
}
