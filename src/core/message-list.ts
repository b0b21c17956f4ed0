import type { ChatMessage } from './types.js';

/** A message that the server has stored. */
export type ConfirmedMessage = ChatMessage & { seq: number };

/** Result of placing a server message. */
export type PlaceResult = 'added' | 'replaced' | 'duplicate';

/**
 * Where a message's clientMsgId is unique: per sender, as on the relay. My own messages share one
 * key space (local or stored, whatever `from` says before the user is known); another member's
 * message with the same clientMsgId is another message, never mine (issue 12: a customer's
 * `call-summary:<callId>` must not stand in for the agent's call summary).
 */
function keyOf(message: ChatMessage): string {
  return message.mine ? `\n${message.clientMsgId}` : `${message.from.role}:${message.from.id}\n${message.clientMsgId}`;
}

/**
 * The messages of one conversation: acknowledged ones ordered by seq, then local
 * (unacknowledged) ones in send order. Each seq, and each sender's clientMsgId, appears once.
 */
export class MessageList {
  private readonly confirmed: ConfirmedMessage[] = [];
  private local: ChatMessage[] = [];
  private readonly byClientId = new Map<string, ChatMessage>();

  toArray(): ChatMessage[] {
    return [...this.confirmed, ...this.local];
  }

  confirmedMessages(): readonly ConfirmedMessage[] {
    return this.confirmed;
  }

  localMessages(): readonly ChatMessage[] {
    return this.local;
  }

  /** My message (local or stored) with this clientMsgId. */
  find(clientMsgId: string): ChatMessage | undefined {
    return this.byClientId.get(`\n${clientMsgId}`);
  }

  findBySeq(seq: number): ConfirmedMessage | undefined {
    const index = this.indexOf(seq);
    const found = this.confirmed[index];
    return found?.seq === seq ? found : undefined;
  }

  minSeq(): number | undefined {
    return this.confirmed[0]?.seq;
  }

  maxSeq(): number | undefined {
    return this.confirmed[this.confirmed.length - 1]?.seq;
  }

  /** Appends an unacknowledged local message. */
  pushLocal(message: ChatMessage): boolean {
    if (this.byClientId.has(keyOf(message))) return false;
    this.local.push(message);
    this.byClientId.set(keyOf(message), message);
    return true;
  }

  /** Puts a stored message in seq order, replacing the local message with its sender's clientMsgId. */
  place(message: ConfirmedMessage): PlaceResult {
    const existing = this.byClientId.get(keyOf(message));
    if (existing?.seq !== undefined) return 'duplicate';
    if (this.findBySeq(message.seq)) {
      // My send acknowledged with a seq already shown: the relay had this message from my side
      // already (the missed-call summary every agent posts is stored once), so mine goes.
      if (existing) this.removeLocal(existing.clientMsgId);
      return 'duplicate';
    }
    if (existing) this.local = this.local.filter((m) => m !== existing);
    this.confirmed.splice(this.indexOf(message.seq), 0, message);
    this.byClientId.set(keyOf(message), message);
    return existing ? 'replaced' : 'added';
  }

  /** Swaps in a changed copy of a message (same sender, clientMsgId and seq), keeping its place. */
  update(message: ChatMessage): void {
    const existing = this.byClientId.get(keyOf(message));
    if (!existing) return;
    this.byClientId.set(keyOf(message), message);
    if (existing.seq === undefined) {
      this.local = this.local.map((m) => (m === existing ? message : m));
    } else {
      const index = this.indexOf(existing.seq);
      this.confirmed[index] = message as ConfirmedMessage;
    }
  }

  /** Removes a local message (acknowledged ones are history and stay). */
  removeLocal(clientMsgId: string): boolean {
    const existing = this.find(clientMsgId);
    if (!existing || existing.seq !== undefined) return false;
    this.local = this.local.filter((m) => m !== existing);
    this.byClientId.delete(keyOf(existing));
    return true;
  }

  /** Index of `seq` in `confirmed`, or where it would be inserted. */
  private indexOf(seq: number): number {
    let low = 0;
    let high = this.confirmed.length;
    // Live messages almost always go at the end.
    const last = this.confirmed[high - 1];
    if (last === undefined || last.seq < seq) return high;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const value = this.confirmed[mid];
      if (value !== undefined && value.seq < seq) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
