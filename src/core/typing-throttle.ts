/** While the user types, `typing: true` is re-sent at most this often. */
export const TYPING_REFRESH_MS = 3_000;

/**
 * Throttles the local user's typing indicator: `true` at most every 3 s while typing,
 * `false` once when they stop (only if `true` was sent).
 */
export class TypingThrottle {
  private readonly lastSent = new Map<string, number>();

  constructor(private readonly sendTyping: (conversationId: string, typing: boolean) => void) {}

  update(conversationId: string, typing: boolean, now: number): void {
    const last = this.lastSent.get(conversationId);
    if (typing) {
      if (last !== undefined && now - last < TYPING_REFRESH_MS) return;
      this.lastSent.set(conversationId, now);
      this.sendTyping(conversationId, true);
    } else if (last !== undefined) {
      this.lastSent.delete(conversationId);
      this.sendTyping(conversationId, false);
    }
  }

  /** Forgets what was sent (the connection dropped; the server cleared it). */
  reset(): void {
    this.lastSent.clear();
  }
}
