/**
 * Announces conversation summaries on the shop queue channel, so agents learn about new and
 * updated conversations without subscribing to every conversation channel up front.
 */
import { toSupportError } from '../../protocol/errors.js';
import type { ConversationSummary, UserRef } from '../../protocol/model.js';
import type { EventSink } from './event-sink.js';
import type { RtmChannels } from './rtm-channels.js';
import { encodeEnvelope, RTM_MAX_MESSAGE_BYTES, utf8Bytes, type ConversationEnvelope } from './rtm-envelope.js';
import type { RtmSession } from './rtm-session.js';

export class QueueAnnouncer {
  constructor(
    private readonly user: UserRef,
    private readonly channels: RtmChannels,
    private readonly events: EventSink,
  ) {}

  /** Best effort: the first failure of a session is reported as an `error` event. */
  async announce(session: RtmSession, summary: ConversationSummary): Promise<void> {
    if (session.ended || summary.customer.id === '') return;
    let envelope: ConversationEnvelope = { v: 1, t: 'conv', from: this.user, conversation: summary };
    if (utf8Bytes(encodeEnvelope(envelope)) > RTM_MAX_MESSAGE_BYTES) {
      // A message near the size limit does not fit twice: announce without it.
      const { lastMessage: _dropped, ...rest } = summary;
      envelope = { ...envelope, conversation: rest };
    }
    try {
      await session.publish(this.channels.queue, envelope, 'announcing the conversation');
    } catch (error) {
      if (session.announceFailed || session.ended) return;
      session.announceFailed = true;
      session.deliver(() => this.events.emit('error', toSupportError(error)));
    }
  }
}
