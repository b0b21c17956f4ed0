/**
 * Who is connected: authenticated connections grouped by shop, the shop's agents, and the
 * customers holding each conversation. Fan-out and presence counts read from here.
 */
import { isStaff } from 'support-widget/protocol';
import type { ErrorCode, ServerFrame, UserRef } from 'support-widget/protocol';

/** An authenticated connection as the hub sees it. */
export interface Member {
  readonly user: UserRef;
  readonly shop: string;
  /** Conversations a customer may reach; undefined for staff (agents and admins: the whole shop queue). */
  readonly conversations: ReadonlySet<string> | undefined;
  send(frame: ServerFrame): void;
  /** Sends a frame serialised once for every recipient of a broadcast (`serializeFrame`). */
  sendSerialized(frame: Buffer): void;
  /** Holds the member's writes until `release()` (see `Connection.hold`); false when already held. */
  hold(): boolean;
  release(): void;
  /** Sends a fatal coded error and closes the socket (e.g. the customer was deleted). */
  close?(code: ErrorCode, message: string): void;
}

interface ShopRoom {
  readonly members: Set<Member>;
  /** The shop's staff connections (agents and admins). */
  readonly agents: Set<Member>;
  /** Open sockets per staff user id: presence counts agents, not tabs. */
  readonly agentSockets: Map<string, number>;
  readonly customersByConversation: Map<string, Set<Member>>;
}

export class Hub {
  private readonly rooms = new Map<string, ShopRoom>();

  /** Registers a member; true when the shop's number of online agents changed. */
  join(member: Member): boolean {
    const room = this.room(member.shop);
    room.members.add(member);
    if (isStaff(member.user.role)) {
      room.agents.add(member);
      const sockets = room.agentSockets.get(member.user.id) ?? 0;
      room.agentSockets.set(member.user.id, sockets + 1);
      return sockets === 0;
    }
    for (const conversationId of member.conversations ?? []) {
      let holders = room.customersByConversation.get(conversationId);
      if (holders === undefined) room.customersByConversation.set(conversationId, (holders = new Set()));
      holders.add(member);
    }
    return false;
  }

  /** Unregisters a member; true when the shop's number of online agents changed. */
  leave(member: Member): boolean {
    const room = this.rooms.get(member.shop);
    if (room === undefined || !room.members.delete(member)) return false;
    let changed = false;
    if (isStaff(member.user.role)) {
      room.agents.delete(member);
      const sockets = (room.agentSockets.get(member.user.id) ?? 1) - 1;
      if (sockets > 0) room.agentSockets.set(member.user.id, sockets);
      else changed = room.agentSockets.delete(member.user.id);
    }
    for (const conversationId of member.conversations ?? []) {
      const holders = room.customersByConversation.get(conversationId);
      holders?.delete(member);
      if (holders?.size === 0) room.customersByConversation.delete(conversationId);
    }
    if (room.members.size === 0) this.rooms.delete(member.shop);
    return changed;
  }

  /** Distinct agents of the shop with at least one open connection. */
  agentsOnline(shop: string): number {
    return this.rooms.get(shop)?.agentSockets.size ?? 0;
  }

  /** True while the staff member `userId` of the shop has at least one open connection. */
  isConnected(shop: string, userId: string): boolean {
    return this.rooms.get(shop)?.agentSockets.has(userId) === true;
  }

  /** Calls `visit` for each staff connection of the shop (the fan-out of notes and events). */
  forEachAgentOf(shop: string, visit: (member: Member) => void): void {
    this.rooms.get(shop)?.agents.forEach(visit);
  }

  /** Every connection that may see the conversation: the shop's agents and the customers holding it. */
  membersOf(shop: string, conversationId: string): Member[] {
    const room = this.rooms.get(shop);
    if (room === undefined) return [];
    return [...room.agents, ...(room.customersByConversation.get(conversationId) ?? [])];
  }

  /** Calls `visit` for each member `membersOf` lists, without building the list (the send path's fan-out). */
  forEachMemberOf(shop: string, conversationId: string, visit: (member: Member) => void): void {
    const room = this.rooms.get(shop);
    if (room === undefined) return;
    room.agents.forEach(visit);
    room.customersByConversation.get(conversationId)?.forEach(visit);
  }

  /** A customer started a conversation (issue 17): each of their connections in the shop may reach it from now on. */
  grant(shop: string, customerId: string, conversationId: string): void {
    const room = this.rooms.get(shop);
    if (room === undefined) return;
    for (const member of room.members) {
      if (member.user.role !== 'customer' || member.user.id !== customerId || !(member.conversations instanceof Set)) continue;
      (member.conversations as Set<string>).add(conversationId);
      let holders = room.customersByConversation.get(conversationId);
      if (holders === undefined) room.customersByConversation.set(conversationId, (holders = new Set()));
      holders.add(member);
    }
  }

  /** Closes (with a fatal coded error) the customer connections holding any of `conversationIds` of the shop; returns how many. */
  closeCustomers(shop: string, conversationIds: Iterable<string>, code: ErrorCode, message: string): number {
    const room = this.rooms.get(shop);
    const found = new Set<Member>();
    for (const id of conversationIds) for (const member of room?.customersByConversation.get(id) ?? []) found.add(member);
    for (const member of found) member.close?.(code, message);
    return found.size;
  }

  /** The shop's staff connections (agents and admins). */
  agentsOf(shop: string): Member[] {
    return [...(this.rooms.get(shop)?.agents ?? [])];
  }

  /** Every connection of the shop. */
  membersOfShop(shop: string): Member[] {
    return [...(this.rooms.get(shop)?.members ?? [])];
  }

  private room(shop: string): ShopRoom {
    let room = this.rooms.get(shop);
    if (room === undefined) {
      room = { members: new Set(), agents: new Set(), agentSockets: new Map(), customersByConversation: new Map() };
      this.rooms.set(shop, room);
    }
    return room;
  }
}
