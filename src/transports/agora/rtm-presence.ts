/**
 * Presence on RTM: each client publishes `{ role, name }` as its presence state on the channels
 * it subscribes to; agents see each other in the queue channel, customers count the agents there
 * with `getOnlineUsers` (without joining it, so customers never see each other) and see the
 * agents who join their conversation channel live.
 */
import type { RTMEvents } from 'agora-rtm-sdk';
import { toSupportError } from '../../protocol/errors.js';
import type { UserRef } from '../../protocol/model.js';
import type { EventSink } from './event-sink.js';
import { presenceState, type PresenceRoster, type RosterChange } from './presence-roster.js';
import type { RtmChannels } from './rtm-channels.js';
import type { RtmSession } from './rtm-session.js';
import { isStaff } from '../../protocol/desk.js';

/** Pages of `getOnlineUsers` read per count (RTM pages hold 50 users by default). */
const MAX_PAGES = 4;

export class RtmPresence {
  constructor(
    private readonly user: UserRef,
    private readonly channels: RtmChannels,
    readonly roster: PresenceRoster,
    private readonly events: EventSink,
    /** Customer: an agent appeared in the queue (so re-announce our conversations to them). */
    private readonly onAgentArrived: (session: RtmSession) => void = () => undefined,
  ) {}

  /** Tells the members of `channel` who we are; failures are reported, not fatal. */
  async publishState(session: RtmSession, channel: string): Promise<void> {
    try {
      await session.call(session.client.presence.setState(channel, 'MESSAGE', presenceState(this.user)), 'setting presence state');
    } catch (error) {
      session.deliver(() => this.events.emit('error', toSupportError(error)));
    }
  }

  /** Customer: recounts the agents in the queue channel. Failures keep the last count. */
  async countAgents(session: RtmSession, timeoutMs?: number): Promise<void> {
    const occupants: { userId: string; states: Record<string, string> }[] = [];
    try {
      let page: string | undefined;
      for (let i = 0; i < MAX_PAGES; i++) {
        const response = await session.call(
          session.client.presence.getOnlineUsers(this.channels.queue, 'MESSAGE', {
            includedUserId: true,
            includedState: true,
            ...(page ? { page } : {}),
          }),
          'counting agents online',
          timeoutMs,
        );
        occupants.push(...response.occupants);
        page = response.nextPage;
        if (!page) break;
      }
    } catch {
      return;
    }
    if (session.ended) return;
    const changes = this.roster.replace(this.channels.queue, occupants);
    this.emit(session, changes);
    if (changes.some((c) => c.online && isStaff(c.user.role))) this.onAgentArrived(session);
  }

  onEvent(session: RtmSession, event: RTMEvents.PresenceEvent): void {
    if (event.channelType !== 'MESSAGE') return;
    this.emit(session, this.roster.apply(event));
    // Customers' view of the queue is a poll: someone leaving our conversation may have left the shop.
    const leaving = event.eventType === 'REMOTE_LEAVE' || event.eventType === 'REMOTE_TIMEOUT' || event.eventType === 'INTERVAL';
    if (this.user.role === 'customer' && leaving && session.open) void this.countAgents(session);
  }

  private emit(session: RtmSession, changes: RosterChange[]): void {
    if (changes.length === 0) return;
    const agentsOnline = this.roster.agentsOnline();
    session.deliver(() => {
      for (const { user, online } of changes) this.events.emit('presence', { agentsOnline, user, online });
    });
  }
}
