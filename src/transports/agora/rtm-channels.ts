/**
 * RTM channel names of the support widget: one message channel per conversation
 * (`<prefix>.<conversationId>`) and one shop queue channel (`<prefix>.queue`) where clients
 * announce conversation summaries to agents. With a shop (what the relay's token exchange names),
 * both carry it, as call channels do: `<prefix>.<shop>~<conversationId>` and
 * `<prefix>.<shop>~queue`, so two shops of one Agora project never share a message channel.
 */
import { SupportError } from '../../protocol/errors.js';
import { shopScopedName } from '../../protocol/shop-scoped-name.js';
import { isId } from '../../protocol/validate.js';

/** RTM's channel name limit: 64 bytes (the allowed characters include all of our id characters). */
export const RTM_MAX_CHANNEL_NAME_BYTES = 64;
/** The conversation id that would collide with the queue channel. */
const QUEUE_NAME = 'queue';
const PREFIX_PATTERN = /^[A-Za-z0-9_:@-]{1,32}$/;

/** Maps conversation ids to channel names and back, for one prefix (and shop). */
export class RtmChannels {
  readonly queue: string;
  /** Channel to conversation id, for shop-scoped names that became a digest (not readable back). */
  private readonly named = new Map<string, string>();

  constructor(
    private readonly prefix = 'support',
    private readonly shop?: string,
  ) {
    if (!PREFIX_PATTERN.test(prefix)) {
      throw new SupportError('config', `channel prefix must be 1-32 of A-Z a-z 0-9 _ : @ -`, { retryable: false });
    }
    this.queue = this.name(QUEUE_NAME);
  }

  /** The channel of a conversation; `config` error for ids RTM cannot carry. */
  of(conversationId: string): string {
    const channel = this.name(conversationId);
    if (!isId(conversationId) || conversationId === QUEUE_NAME || channel.length > RTM_MAX_CHANNEL_NAME_BYTES) {
      throw new SupportError(
        'config',
        `conversation id "${conversationId}" cannot be an RTM channel (ids: A-Z a-z 0-9 _ . : @ -, at most ${
          RTM_MAX_CHANNEL_NAME_BYTES - this.prefix.length - 1
        } characters, not "${QUEUE_NAME}")`,
        { retryable: false },
      );
    }
    if (this.shop !== undefined) this.named.set(channel, conversationId);
    return channel;
  }

  /** The conversation id of a conversation channel, undefined for the queue and foreign channels (another shop's too). */
  conversationOf(channel: string): string | undefined {
    if (channel === this.queue) return undefined;
    if (this.shop !== undefined) return this.named.get(channel) ?? this.plainId(channel, `${this.prefix}.${this.shop}~`);
    return this.plainId(channel, `${this.prefix}.`);
  }

  private name(id: string): string {
    if (this.shop === undefined) return `${this.prefix}.${id}`;
    return `${this.prefix}.${shopScopedName(this.shop, id, RTM_MAX_CHANNEL_NAME_BYTES - this.prefix.length - 1)}`;
  }

  private plainId(channel: string, start: string): string | undefined {
    if (!channel.startsWith(start)) return undefined;
    const id = channel.slice(start.length);
    return isId(id) && id !== QUEUE_NAME ? id : undefined;
  }
}
