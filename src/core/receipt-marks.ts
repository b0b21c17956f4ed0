import type { ReceiptKind } from '../protocol/model.js';
import type { DeliveryStatus } from './types.js';

/**
 * How far each member of a conversation has received and read (by user id). Marks only
 * rise; reading implies having received.
 */
export class ReceiptMarks {
  private readonly read: Record<string, number> = {};
  private readonly delivered: Record<string, number> = {};

  /** Merges a summary's marks; true when any rose. */
  merge(readUpTo: Record<string, number>, deliveredUpTo: Record<string, number>): boolean {
    let changed = false;
    for (const [userId, upTo] of Object.entries(readUpTo)) changed = this.raise(userId, 'read', upTo) || changed;
    for (const [userId, upTo] of Object.entries(deliveredUpTo)) changed = this.raise(userId, 'delivered', upTo) || changed;
    return changed;
  }

  /** Raises one member's mark; true when it rose. */
  raise(userId: string, kind: ReceiptKind, upTo: number): boolean {
    let changed = false;
    if (kind === 'read' && upTo > (this.read[userId] ?? 0)) {
      this.read[userId] = upTo;
      changed = true;
    }
    if (upTo > (this.delivered[userId] ?? 0)) {
      this.delivered[userId] = upTo;
      changed = true;
    }
    return changed;
  }

  of(userId: string, kind: ReceiptKind): number {
    return (kind === 'read' ? this.read[userId] : this.delivered[userId]) ?? 0;
  }

  /** Status of my message `seq`: the furthest any other member got. */
  statusOf(seq: number, myId: string | undefined): DeliveryStatus {
    const reached = (marks: Record<string, number>): boolean =>
      Object.entries(marks).some(([userId, upTo]) => userId !== myId && upTo >= seq);
    if (reached(this.read)) return 'read';
    if (reached(this.delivered)) return 'delivered';
    return 'sent';
  }
}
