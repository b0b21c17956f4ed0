/**
 * Sequence numbers on Agora. RTM has no server-side sequence, so the sender assigns `seq` and
 * carries it in the envelope; every member (and RTM history) then sees the same number.
 *
 *   seq = tick * 1024 + suffix
 *
 * `tick` is the sender's server-calibrated clock in ms, forced above every tick the sender has
 * seen in the conversation (so a reply always sorts after what its author saw). `suffix` is 0 for
 * the customer (one per conversation) and 1..1023 from a hash of an agent's id, so the customer
 * and an agent can never collide.
 *
 * Limitations (documented for integrators): order is the senders' calibrated clocks, not RTM's
 * arrival order; seqs are increasing but sparse (not 1, 2, 3); two agents whose ids hash alike
 * sending in the same millisecond get the same seq. Numbers stay exact until the year 2248.
 */
import type { UserRef } from '../../protocol/model.js';

export const SEQ_SUFFIX_BITS = 10;
const SUFFIX_RANGE = 1 << SEQ_SUFFIX_BITS;

/** FNV-1a 32-bit hash (stable across clients and runtimes). */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The low bits of every seq `user` sends. */
export function seqSuffix(user: UserRef): number {
  return user.role === 'customer' ? 0 : 1 + (fnv1a(user.id) % (SUFFIX_RANGE - 1));
}

/** The millisecond tick of a seq (its approximate send time). */
export function seqTick(seq: number): number {
  return Math.floor(seq / SUFFIX_RANGE);
}

/** Issues seqs for one sender. */
export class SeqClock {
  private offsetMs = 0;
  private readonly lastTick = new Map<string, number>();

  constructor(
    private readonly suffix: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Aligns our clock with a server timestamp (ms) seen at local time `localAt`. */
  calibrate(serverTimestamp: number, localAt = this.now()): void {
    // RTM response timestamps are ms since epoch; ignore zero/absent or second-resolution values.
    if (Number.isFinite(serverTimestamp) && serverTimestamp > 1e12) this.offsetMs = serverTimestamp - localAt;
  }

  /** Server time as best known, ms since epoch. */
  serverNow(): number {
    return Math.round(this.now() + this.offsetMs);
  }

  /** Notes a seq seen in a conversation, so the next own seq sorts after it. */
  observe(conversationId: string, seq: number): void {
    const tick = seqTick(seq);
    if (tick > (this.lastTick.get(conversationId) ?? 0)) this.lastTick.set(conversationId, tick);
  }

  /** The next seq and its time for a message in `conversationId`. */
  next(conversationId: string): { seq: number; at: number } {
    const tick = Math.max(this.serverNow(), (this.lastTick.get(conversationId) ?? 0) + 1);
    this.lastTick.set(conversationId, tick);
    return { seq: tick * SUFFIX_RANGE + this.suffix, at: tick };
  }
}
