import type { UserRef } from '../protocol/model.js';

/** An incoming typing indicator disappears after this long without a refresh. */
export const TYPING_TTL_MS = 6_000;

/** Who is typing in one conversation, each entry expiring unless refreshed. */
export class TypingRoster {
  private readonly entries = new Map<string, { user: UserRef; expiresAt: number }>();

  /** True when the user's typing state changed (a refresh only moves the expiry). */
  set(user: UserRef, typing: boolean, now: number): boolean {
    const had = this.entries.has(user.id);
    if (typing) this.entries.set(user.id, { user, expiresAt: now + TYPING_TTL_MS });
    else this.entries.delete(user.id);
    return had !== typing;
  }

  /** Removes and returns the users whose entry expired. */
  expire(now: number): UserRef[] {
    const expired: UserRef[] = [];
    for (const [userId, entry] of this.entries) {
      if (entry.expiresAt > now) continue;
      this.entries.delete(userId);
      expired.push(entry.user);
    }
    return expired;
  }

  nextExpiry(): number | undefined {
    let next: number | undefined;
    for (const entry of this.entries.values()) next = Math.min(next ?? entry.expiresAt, entry.expiresAt);
    return next;
  }

  users(): UserRef[] {
    return [...this.entries.values()].map((entry) => entry.user);
  }
}
