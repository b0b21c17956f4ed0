/**
 * What arrives from RTM: envelopes on conversation channels and the queue, presence, link
 * state and token warnings, turned into the transport's events. Messages are deduplicated by
 * `clientMsgId` (RTM may deliver a resend twice; history overlaps live delivery).
 */
import type { RTMEvents } from 'agora-rtm-sdk';
import { SupportError, toSupportError } from '../../protocol/errors.js';
import { LIMITS, type ConversationSummary, type UserRef, type WireMessage } from '../../protocol/model.js';
import type { HistoryPage } from '../types.js';
import type { EventSink } from './event-sink.js';
import type { ConversationDirectory } from './conversation-directory.js';
import { RecentMap } from './recent-map.js';
import type { RtmChannels } from './rtm-channels.js';
import { decodeEnvelope, toWireMessage, type RtmEnvelope } from './rtm-envelope.js';
import { fromLinkState } from './rtm-errors.js';
import type { RtmPresence } from './rtm-presence.js';
import type { SeqClock } from './rtm-seq.js';
import { RTM_MAX_SUBSCRIPTIONS, type RtmSession } from './rtm-session.js';
import { isStaff } from '../../protocol/desk.js';
import { readGuidedSteps } from '../../protocol/validate-steps.js';

export interface RtmInboundParts {
  user: UserRef;
  channels: RtmChannels;
  clock: SeqClock;
  presence: RtmPresence;
  directory: ConversationDirectory;
  events: EventSink;
  /** Reads the latest history page of a conversation (for catching up). */
  latest(conversationId: string, limit: number): Promise<HistoryPage>;
}

export class RtmInbound {
  private readonly seen = new RecentMap<string, true>(10_000);

  constructor(private readonly parts: RtmInboundParts) {}

  /** Our own sends: RTM echoes them back to us, and they must not come out as `message`. */
  markSeen(clientMsgId: string): void {
    this.seen.set(clientMsgId, true);
  }

  /** Registers the SDK listeners of a session. */
  listen(session: RtmSession, onTokenWarning: () => void, onFatal: (error: SupportError) => void): void {
    session.listen('message', (event) => {
      if (event.channelType === 'MESSAGE') session.deliver(() => this.onMessage(session, event));
    });
    session.listen('presence', (event) => this.parts.presence.onEvent(session, event));
    session.listen('linkState', (event) => {
      session.lastLink = `${event.currentState}/${event.reasonCode}`;
      this.onLinkState(session, event, onFatal);
    });
    session.listen('tokenPrivilegeWillExpire', () => onTokenWarning());
    session.listen('token', (event) => {
      if (event.eventType === 'WILL_EXPIRE') onTokenWarning();
      else session.deliver(() => this.parts.events.emit('error', new SupportError('forbidden', event.reason, { retryable: false })));
    });
  }

  /** A history page deduplicated, sorted by seq and trimmed to `limit` below `beforeSeq`. */
  normalizePage(conversationId: string, page: HistoryPage, beforeSeq: number | undefined, limit: number): HistoryPage {
    const byId = new Map<string, WireMessage>();
    for (const message of page.messages) {
      if (message.conversationId !== conversationId) continue;
      if (beforeSeq !== undefined && message.seq >= beforeSeq) continue;
      if (!byId.has(message.clientMsgId)) byId.set(message.clientMsgId, message);
    }
    const sorted = [...byId.values()].sort((a, b) => a.seq - b.seq);
    for (const message of sorted) this.parts.clock.observe(conversationId, message.seq);
    return { messages: sorted.slice(-limit), hasMore: page.hasMore || sorted.length > limit };
  }

  /**
   * After connecting: emits the stored messages above `resume[id]` not delivered yet, for the
   * conversations in `resume` (as the relay replays them after its welcome).
   */
  async catchUp(session: RtmSession, resume: Record<string, number>): Promise<void> {
    for (const [id, lastSeq] of Object.entries(resume)) {
      try {
        if (!session.open || !session.channels.has(this.parts.channels.of(id))) continue;
        const page = await this.parts.latest(id, LIMITS.maxHistoryPage);
        for (const message of page.messages) {
          if (message.seq > lastSeq && session.open) this.accept(message);
          // A checklist already here may have been ticked meanwhile: its folded states.
          else if (message.kind === 'steps' && session.open) this.parts.events.emit('steps', { conversationId: id, seq: message.seq, done: readGuidedSteps(message.body)?.done ?? [], at: Date.now() });
        }
      } catch (error) {
        if (session.open) this.parts.events.emit('error', toSupportError(error));
      }
    }
  }

  /** Where each followed conversation stands, to catch up after RTM restored a dropped link. */
  private resumePoints(session: RtmSession): Record<string, number> {
    const resume: Record<string, number> = {};
    for (const channel of session.channels) {
      const id = this.parts.channels.conversationOf(channel);
      if (id !== undefined) resume[id] = this.parts.directory.get(id)?.lastSeq ?? 0;
    }
    return resume;
  }

  private onMessage(session: RtmSession, event: RTMEvents.MessageEvent): void {
    const { user, channels } = this.parts;
    if (event.publisher === user.id) return;
    if (event.channelName === channels.queue) {
      const envelope = decodeEnvelope(event.message, event.publisher, 'queue');
      if (envelope?.t === 'conv') this.onAnnouncement(session, envelope.from, envelope.conversation);
      return;
    }
    const conversationId = channels.conversationOf(event.channelName);
    if (conversationId === undefined) return;
    const envelope = decodeEnvelope(event.message, event.publisher, conversationId);
    if (envelope) this.dispatch(conversationId, envelope);
  }

  private dispatch(conversationId: string, envelope: RtmEnvelope): void {
    const { events, directory } = this.parts;
    const from = envelope.from;
    // Only the conversation's own customer (and agents) may speak in it.
    if (from.role === 'customer' && directory.ownedByOther(conversationId, from.id)) return;
    switch (envelope.t) {
      case 'msg':
        if (from.role === 'customer' && envelope.kind !== 'text') return;
        this.accept(toWireMessage(envelope, conversationId));
        return;
      case 'typing':
        events.emit('typing', { conversationId, user: from, typing: envelope.typing });
        return;
      case 'receipt':
        directory.noteReceipt(conversationId, from.id, envelope.kind, envelope.upTo);
        events.emit('receipt', { conversationId, userId: from.id, kind: envelope.kind, upTo: envelope.upTo });
        return;
      case 'signal': {
        const { callId, action, payload } = envelope;
        events.emit('signal', payload === undefined ? { conversationId, callId, action, from } : { conversationId, callId, action, payload, from });
        return;
      }
      case 'context':
        events.emit('conversation', directory.setContext(conversationId, envelope.context));
        return;
      case 'steps':
        events.emit('steps', { conversationId, seq: envelope.seq, done: envelope.done, by: from, at: Date.now() });
        return;
      case 'conv':
        return;
    }
  }

  /** Emits a message once; a customer's first message also introduces the conversation. */
  private accept(message: WireMessage): void {
    if (this.seen.has(message.clientMsgId)) return;
    this.seen.set(message.clientMsgId, true);
    const { clock, directory, events } = this.parts;
    clock.observe(message.conversationId, message.seq);
    const known = directory.get(message.conversationId)?.customer.id;
    const summary = directory.noteMessage(message);
    if (!known && summary.customer.id) events.emit('conversation', summary);
    events.emit('message', message);
  }

  /** Agents: a customer announced a conversation; follow its channel. */
  private onAnnouncement(session: RtmSession, from: UserRef, announced: ConversationSummary): void {
    const { user, channels, directory, events } = this.parts;
    if (!isStaff(user.role)) return;
    if (from.role === 'customer' && announced.customer.id !== from.id) return;
    if (directory.ownedByOther(announced.id, announced.customer.id)) return;
    let channel: string;
    try {
      channel = channels.of(announced.id);
    } catch {
      return;
    }
    events.emit('conversation', directory.merge(announced));
    if (announced.lastMessage) this.accept(announced.lastMessage);
    if (!session.channels.has(channel)) {
      this.follow(session, channel).catch((error: unknown) => {
        if (session.open) events.emit('error', toSupportError(error));
      });
    }
  }

  /**
   * Subscribes to a conversation channel (for typing, receipts, signals). At RTM's channel limit
   * the quietest followed conversation is dropped: its messages still arrive as announcements.
   */
  private async follow(session: RtmSession, channel: string): Promise<void> {
    if (session.channels.size >= RTM_MAX_SUBSCRIPTIONS) {
      const { channels, directory } = this.parts;
      let quietest: { channel: string; updatedAt: number } | undefined;
      for (const followed of session.channels) {
        const id = channels.conversationOf(followed);
        if (id === undefined) continue;
        const updatedAt = directory.get(id)?.updatedAt ?? 0;
        if (!quietest || updatedAt < quietest.updatedAt) quietest = { channel: followed, updatedAt };
      }
      if (quietest) {
        await session.unsubscribe(quietest.channel);
        this.parts.presence.roster.forget(quietest.channel);
      }
    }
    await session.subscribe(channel);
    await this.parts.presence.publishState(session, channel);
  }

  private onLinkState(session: RtmSession, event: RTMEvents.LinkStateEvent, onFatal: (error: SupportError) => void): void {
    if (!session.open) return;
    const state = event.currentState;
    if (state === 'FAILED' || state === 'SUSPENDED' || state === 'IDLE') {
      onFatal(fromLinkState(event));
    } else if (state === 'CONNECTED' && event.previousState !== 'CONNECTED') {
      // RTM restored the link itself; without restored channels we start over, else fetch the gap.
      if (!event.isResumed || event.unrestoredChannels.length > 0) {
        onFatal(new SupportError('network', 'Agora RTM reconnected without restoring the channels'));
      } else {
        void this.catchUp(session, this.resumePoints(session));
      }
    }
  }
}
