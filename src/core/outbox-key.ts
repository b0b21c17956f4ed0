/** Where a user's outbox is kept in `localStorage` (shared by the tabs of one browser profile). */
export const OUTBOX_KEY_PREFIX = 'support-widget:outbox:';

export function outboxKey(userId: string): string {
  return OUTBOX_KEY_PREFIX + userId;
}
