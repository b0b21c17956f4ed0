/**
 * Who gets a conversation nobody has: the agent who last helped this customer when they are
 * online and under capacity ("the same person as last time"), else the online agent under
 * capacity whom routing served longest ago (round-robin, fewer open conversations first on a tie),
 * else nobody (it waits in `unassigned`). A pure function of the roster: no I/O.
 */
import type { AgentInfo } from 'support-widget/protocol';

/** What routing knows of an agent. */
export interface RoutingCandidate extends Pick<AgentInfo, 'id' | 'presence' | 'load' | 'capacity'> {
  /** When routing last gave them a conversation (ms since epoch; 0: never). */
  lastRoutedAt: number;
}

/**
 * The agent to assign, or undefined when no online agent has room.
 *
 * @example
 * routeTo(roster, lastHelper?.id)?.id
 */
export function routeTo<T extends RoutingCandidate>(roster: readonly T[], lastHelperId?: string): T | undefined {
  const free = roster.filter((agent) => agent.presence === 'online' && agent.load < agent.capacity);
  const helper = free.find((agent) => agent.id === lastHelperId);
  if (helper !== undefined) return helper;
  return [...free].sort((a, b) => a.lastRoutedAt - b.lastRoutedAt || a.load - b.load || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))[0];
}
