/**
 * The ids of calls this session has finished or refused, so a late or re-delivered signal
 * (a duplicate invite after a reconnect, a hangup that crossed ours) cannot revive them.
 * Bounded: the oldest ids are forgotten first.
 */
export class RecentCallIds {
  private readonly ids = new Set<string>();

  constructor(private readonly capacity = 64) {}

  /** Remembers `callId` as the newest. */
  add(callId: string): void {
    this.ids.delete(callId);
    this.ids.add(callId);
    while (this.ids.size > this.capacity) {
      const oldest = this.ids.values().next().value;
      if (oldest === undefined) break;
      this.ids.delete(oldest);
    }
  }

  /** True when `callId` is remembered. */
  has(callId: string): boolean {
    return this.ids.has(callId);
  }
}
