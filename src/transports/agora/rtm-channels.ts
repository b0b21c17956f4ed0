/**
 * RTM channel names of the support widget: one message channel per conversation
 * (`<prefix>.<conversationId>`) and one shop queue channel (`<prefix>.queue`) where clients
 * announce conversation summaries to agents.
 */
import { SupportError } from '../../protocol/errors.js';
import { isId } from '../../protocol/validate.js';

/** RTM's channel name limit: 64 bytes (the allowed characters include all of our id characters). */
export const RTM_MAX_CHANNEL_NAME_BYTES = 64;
/** The conversation id that would collide with the queue channel. */
const QUEUE_NAME = 'queue';
const PREFIX_PATTERN = /^[A-Za-z0-9_:@-]{1,32}$/;

/** Maps conversation ids to channel names and back, for one prefix. */
export class RtmChannels {
  readonly queue: string;

  constructor(private readonly prefix = 'support') {
    if (!PREFIX_PATTERN.test(prefix)) {
      throw new SupportError('config', `channel prefix must be 1-32 of A-Z a-z 0-9 _ : @ -`, { retryable: false });
    }
    this.queue = `${prefix}.${QUEUE_NAME}`;
  }

  /** The channel of a conversation; `config` error for ids RTM cannot carry. */
  of(conversationId: string): string {
    const channel = `${this.prefix}.${conversationId}`;
    if (!isId(conversationId) || conversationId === QUEUE_NAME || channel.length > RTM_MAX_CHANNEL_NAME_BYTES) {
      throw new SupportError(
        'config',
        `conversation id "${conversationId}" cannot be an RTM channel (ids: A-Z a-z 0-9 _ . : @ -, at most ${
          RTM_MAX_CHANNEL_NAME_BYTES - this.prefix.length - 1
        } characters, not "${QUEUE_NAME}")`,
        { retryable: false },
      );
    }
    return channel;
  }

  /** The conversation id of a conversation channel, undefined for the queue and foreign channels. */
  conversationOf(channel: string): string | undefined {
    if (!channel.startsWith(`${this.prefix}.`) || channel === this.queue) return undefined;
    const id = channel.slice(this.prefix.length + 1);
    return isId(id) ? id : undefined;
  }
}
