/**
 * The peer's ICE candidates that cannot be added yet: they arrived before the remote description
 * they belong to (signals may overtake each other), e.g. before the first offer or before the
 * offer of an ICE restart (new `usernameFragment`). DOM-free.
 */

/** Candidates kept at most; the oldest go first (they belong to a description that never came). */
const MAX_PENDING = 200;

/** Holds candidates until a remote description with their ICE username fragment is set. */
export class PendingIceCandidates {
  private pending: RTCIceCandidateInit[] = [];

  /** Number of candidates waiting. */
  get size(): number {
    return this.pending.length;
  }

  /** Keeps a candidate for later. */
  add(candidate: RTCIceCandidateInit): void {
    this.pending.push(candidate);
    if (this.pending.length > MAX_PENDING) this.pending.shift();
  }

  /**
   * Removes and returns, in arrival order, the candidates that belong to the remote description
   * `remoteSdp`: those whose username fragment it announces, and those without one.
   */
  takeMatching(remoteSdp: string): RTCIceCandidateInit[] {
    const ready: RTCIceCandidateInit[] = [];
    const waiting: RTCIceCandidateInit[] = [];
    for (const candidate of this.pending) {
      (belongsTo(candidate, remoteSdp) ? ready : waiting).push(candidate);
    }
    this.pending = waiting;
    return ready;
  }

  /** Forgets every candidate. */
  clear(): void {
    this.pending = [];
  }
}

/** True when the candidate can be added under `remoteSdp` (same ICE generation, or unknown). */
export function belongsTo(candidate: RTCIceCandidateInit, remoteSdp: string): boolean {
  const ufrag = candidate.usernameFragment;
  if (!ufrag) return true;
  for (const match of remoteSdp.matchAll(/^a=ice-ufrag:(\S+)\s*$/gm)) {
    if (match[1] === ufrag) return true;
  }
  return false;
}
