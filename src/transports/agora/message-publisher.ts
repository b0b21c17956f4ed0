/**
 * Idempotent sending of chat messages over RTM. RTM has no server-side dedupe, so the adapter
 * gives `send` the relay's guarantees itself: one seq per `clientMsgId` (a retry after a lost
 * ack republishes the same envelope, which receivers drop as a duplicate), the same ack for a
 * resend, and one publish at a time per `clientMsgId`.
 */
import { SupportError } from '../../protocol/errors.js';
import type { ConversationSummary, UserRef, WireMessage } from '../../protocol/model.js';
import { draftOf } from '../../protocol/message-draft.js';
import { parseClientFrame } from '../../protocol/validate.js';
import type { OutgoingMessage, TransportAck } from '../types.js';
import { RecentMap } from './recent-map.js';
import { toWireMessage, type MessageEnvelope } from './rtm-envelope.js';
import type { SeqClock } from './rtm-seq.js';
import type { RtmSession } from './rtm-session.js';

export interface MessagePublisherParts {
  user: UserRef;
  clock: SeqClock;
  /** The channel of a conversation this user may write to (throws `forbidden`/`config`). */
  authorize(conversationId: string): string;
  /** Our own message will echo back from RTM: it must not come out as `message`. */
  markSeen(clientMsgId: string): void;
  /** Records an acknowledged message in the conversation's summary. */
  noteMessage(message: WireMessage): ConversationSummary;
  /** After the ack: tell the queue about the updated conversation. */
  stored(session: RtmSession, summary: ConversationSummary): void;
}

export class MessagePublisher {
  private readonly acks = new RecentMap<string, TransportAck>(2_000);
  /** Envelopes (with their seq) of sends not yet acknowledged: a retry reuses them. */
  private readonly unacked = new RecentMap<string, MessageEnvelope>(2_000);
  private readonly inflight = new Map<string, Promise<TransportAck>>();

  constructor(private readonly parts: MessagePublisherParts) {}

  send(session: RtmSession | undefined, message: OutgoingMessage, timeoutMs: number | undefined): Promise<TransportAck> {
    const acked = this.acks.get(message.clientMsgId);
    if (acked && acked.conversationId === message.conversationId) return Promise.resolve({ ...acked });
    const pending = this.inflight.get(message.clientMsgId);
    if (pending) return pending;
    const attempt = this.publish(session, message, timeoutMs).finally(() => this.inflight.delete(message.clientMsgId));
    this.inflight.set(message.clientMsgId, attempt);
    return attempt;
  }

  private async publish(session: RtmSession | undefined, message: OutgoingMessage, timeoutMs: number | undefined): Promise<TransportAck> {
    if (!session?.open) throw new SupportError('closed', 'not connected');
    const { user, clock } = this.parts;
    const channel = this.parts.authorize(message.conversationId);
    if (user.role === 'customer' && message.kind !== 'text') {
      throw new SupportError('forbidden', 'customers may send text messages only', { retryable: false });
    }
    // The customer reads the same RTM channel: only the relay keeps a private note from them.
    if (message.kind === 'note') throw new SupportError('config', 'private notes need the relay backend', { retryable: false });
    // The relay's own validation, so both backends refuse the same messages with the same codes.
    const checked = parseClientFrame(JSON.stringify({ type: 'send', ...draftOf(message) }));
    if (!checked.ok) throw new SupportError(checked.code, checked.message, { retryable: false });
    await session.subscribe(channel);
    const envelope = this.unacked.get(message.clientMsgId) ?? this.envelope(message, clock.next(message.conversationId));
    this.unacked.set(message.clientMsgId, envelope);
    this.parts.markSeen(message.clientMsgId);
    await session.publish(channel, envelope, 'publishing a message', { store: true, timeoutMs });
    const ack: TransportAck = {
      clientMsgId: envelope.clientMsgId,
      conversationId: message.conversationId,
      seq: envelope.seq,
      at: envelope.at,
    };
    this.acks.set(ack.clientMsgId, ack);
    this.unacked.delete(ack.clientMsgId);
    this.parts.stored(session, this.parts.noteMessage(toWireMessage(envelope, message.conversationId)));
    return { ...ack };
  }

  private envelope(message: OutgoingMessage, { seq, at }: { seq: number; at: number }): MessageEnvelope {
    // The channel names the conversation: the envelope does not repeat it.
    const { conversationId: _channel, ...draft } = draftOf(message);
    return { v: 1, t: 'msg', from: this.parts.user, seq, ...draft, at };
  }
}
