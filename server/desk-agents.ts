/**
 * The shop's staff as the desk's roster shows them: everyone who connected with an agent or admin
 * token (name and role as their last token said), their capacity and whether they said they are
 * away (both kept across reconnects), and when routing last gave them a conversation (round-robin
 * order). Presence comes from the hub: connected is online unless they said away.
 */
import type Database from 'better-sqlite3';
import { DESK_LIMITS } from 'support-widget/protocol';
import type { AgentInfo, AgentPresence, UserRef } from 'support-widget/protocol';

/** Most agents a roster lists (the most recently seen). */
const MAX_ROSTER = 500;

interface AgentRow {
  id: string;
  name: string;
  role: string;
  capacity: number;
  away: number;
  last_routed_at: number;
}

/** A roster entry with what routing orders by. */
export interface RosterEntry extends AgentInfo {
  lastRoutedAt: number;
}

function prepareStatements(db: Database.Database) {
  return {
    seen: db.prepare(
      `INSERT INTO desk_agents (shop, id, name, role, capacity, last_seen) VALUES (@shop, @id, @name, @role, @capacity, @now)
       ON CONFLICT (shop, id) DO UPDATE SET name = excluded.name, role = excluded.role, last_seen = excluded.last_seen`,
    ),
    presence: db.prepare('UPDATE desk_agents SET away = @away, capacity = coalesce(@capacity, capacity) WHERE shop = @shop AND id = @id'),
    routed: db.prepare('UPDATE desk_agents SET last_routed_at = ? WHERE shop = ? AND id = ?'),
    list: db.prepare<[string, number], AgentRow>('SELECT id, name, role, capacity, away, last_routed_at FROM (SELECT * FROM desk_agents WHERE shop = ? ORDER BY last_seen DESC LIMIT ?) ORDER BY name, id'),
    one: db.prepare<[string, string], AgentRow>('SELECT id, name, role, capacity, away, last_routed_at FROM desk_agents WHERE shop = ? AND id = ?'),
  };
}

export class DeskAgents {
  private readonly stmt: ReturnType<typeof prepareStatements>;

  constructor(db: Database.Database) {
    this.stmt = prepareStatements(db);
  }

  /** Records a staff member's hello (a new one gets the default capacity and is not away). */
  seen(shop: string, user: UserRef, now: number): void {
    this.stmt.seen.run({ shop, id: user.id, name: user.name, role: user.role, capacity: DESK_LIMITS.defaultCapacity, now });
  }

  /** What they said: online or away, and (when given) their capacity. */
  setPresence(shop: string, id: string, presence: 'online' | 'away', capacity: number | undefined): void {
    this.stmt.presence.run({ shop, id, away: presence === 'away' ? 1 : 0, capacity: capacity ?? null });
  }

  /** Routing gave them a conversation now (they go to the back of the round-robin). */
  routed(shop: string, id: string, now: number): void {
    this.stmt.routed.run(now, shop, id);
  }

  /** Staff the relay has seen in this shop, by id (who a conversation may be assigned to). */
  find(shop: string, id: string): { id: string; name: string } | undefined {
    const row = this.stmt.one.get(shop, id);
    return row === undefined ? undefined : { id: row.id, name: row.name };
  }

  /** The roster, by name: presence from `connected`, load from `loads` (open and pending conversations assigned). */
  roster(shop: string, connected: (id: string) => boolean, loads: ReadonlyMap<string, number>): RosterEntry[] {
    return this.stmt.list.all(shop, MAX_ROSTER).map((row) => ({
      id: row.id,
      name: row.name,
      role: row.role === 'admin' ? 'admin' : 'agent',
      presence: presenceOf(connected(row.id), row.away === 1),
      load: loads.get(row.id) ?? 0,
      capacity: row.capacity,
      lastRoutedAt: row.last_routed_at,
    }));
  }
}

function presenceOf(connected: boolean, away: boolean): AgentPresence {
  if (!connected) return 'offline';
  return away ? 'away' : 'online';
}

/** A roster entry as the wire carries it (without routing's bookkeeping). */
export function agentInfo({ lastRoutedAt: _lastRoutedAt, ...info }: RosterEntry): AgentInfo {
  return info;
}
