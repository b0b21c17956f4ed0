/**
 * Who is online, from RTM presence. Each client publishes its role and name as presence state
 * (`{ role, name }`) on the channels it subscribes to; the roster folds RTM presence events (and
 * `getOnlineUsers` answers) into per-channel member lists and counts the distinct agents.
 */
import type { RTMEvents, StateDetail } from 'agora-rtm-sdk';
import type { UserRef } from '../../protocol/model.js';
import { parseUserRef } from './wire-message.js';
import { isStaff } from '../../protocol/desk.js';

/** A member whose online state changed (only members whose state told us who they are). */
export interface RosterChange {
  user: UserRef;
  online: boolean;
}

/** The presence state a client publishes about itself. */
export function presenceState(user: UserRef): StateDetail {
  // State values are small strings in RTM; a display name longer than 128 is cut.
  return { role: user.role, name: user.name.slice(0, 128) };
}

function userFrom(userId: string, states: StateDetail | undefined): UserRef | undefined {
  return states ? parseUserRef({ id: userId, name: states['name'] ?? '', role: states['role'] }) : undefined;
}

export class PresenceRoster {
  /** channel -> userId -> who they are (undefined until their state arrives). */
  private readonly channels = new Map<string, Map<string, UserRef | undefined>>();

  constructor(private readonly selfId: string) {}

  /** Distinct agents online in any channel we watch, not counting ourselves. */
  agentsOnline(): number {
    const agents = new Set<string>();
    for (const members of this.channels.values()) {
      for (const [id, user] of members) if (user !== undefined && isStaff(user.role) && id !== this.selfId) agents.add(id);
    }
    return agents.size;
  }

  /** Replaces a channel's member list (a snapshot or a `getOnlineUsers` answer). */
  replace(channel: string, occupants: readonly { userId: string; states: StateDetail }[]): RosterChange[] {
    return this.mutate(channel, (members) => {
      members.clear();
      for (const { userId, states } of occupants) members.set(userId, userFrom(userId, states));
    });
  }

  /** Applies one RTM presence event. */
  apply(event: RTMEvents.PresenceEvent): RosterChange[] {
    const channel = event.channelName;
    switch (event.eventType) {
      case 'SNAPSHOT':
        return this.replace(channel, event.snapshot ?? []);
      case 'REMOTE_JOIN':
        return this.mutate(channel, (m) => {
          if (!m.has(event.publisher)) m.set(event.publisher, undefined);
        });
      case 'REMOTE_LEAVE':
      case 'REMOTE_TIMEOUT':
        return this.mutate(channel, (m) => m.delete(event.publisher));
      case 'REMOTE_STATE_CHANGED':
        return this.mutate(channel, (m) => m.set(event.publisher, userFrom(event.publisher, event.stateChanged)));
      case 'INTERVAL': {
        const interval = event.interval;
        if (!interval) return [];
        return this.mutate(channel, (m) => {
          for (const id of interval.join.users) if (!m.has(id)) m.set(id, undefined);
          for (const id of [...interval.leave.users, ...interval.timeout.users]) m.delete(id);
          for (const { userId, states } of interval.userStateList) m.set(userId, userFrom(userId, states));
        });
      }
      default:
        return [];
    }
  }

  forget(channel: string): RosterChange[] {
    return this.mutate(channel, (m) => m.clear());
  }

  clear(): void {
    this.channels.clear();
  }

  private known(): Map<string, UserRef> {
    const users = new Map<string, UserRef>();
    for (const members of this.channels.values()) {
      for (const [id, user] of members) if (user && id !== this.selfId) users.set(id, user);
    }
    return users;
  }

  private mutate(channel: string, change: (members: Map<string, UserRef | undefined>) => void): RosterChange[] {
    const before = this.known();
    let members = this.channels.get(channel);
    if (!members) {
      members = new Map();
      this.channels.set(channel, members);
    }
    change(members);
    const after = this.known();
    const changes: RosterChange[] = [];
    for (const [id, user] of after) {
      const previous = before.get(id);
      if (!previous || previous.role !== user.role || previous.name !== user.name) changes.push({ user, online: true });
    }
    for (const [id, user] of before) if (!after.has(id)) changes.push({ user, online: false });
    return changes;
  }
}
