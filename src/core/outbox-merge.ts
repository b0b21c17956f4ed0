import type { OutboxEntry } from './outbox.js';

/** Why an entry left the outbox: sent (acknowledged or echoed), or discarded by the user. */
export interface Tombstone {
  at: number;
  discarded?: true;
}

/** An outbox as stored: its entries, and the ids that left it lately (so another tab does not bring them back). */
export interface OutboxState {
  entries: OutboxEntry[];
  removed: Record<string, Tombstone>;
}

/** How long a removed id is remembered. */
export const TOMBSTONE_MS = 24 * 60 * 60 * 1000;
/** At most this many removed ids are remembered (the newest). */
const MAX_TOMBSTONES = 300;

function isEntry(value: unknown): value is OutboxEntry {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Partial<OutboxEntry>;
  return (
    typeof e.clientMsgId === 'string' &&
    typeof e.conversationId === 'string' &&
    typeof e.kind === 'string' &&
    typeof e.body === 'string' &&
    typeof e.at === 'number' &&
    (e.files === undefined || Array.isArray(e.files))
  );
}

/** Reads a stored outbox: the current shape, or the list of entries stored before tombstones existed. */
export function parseOutbox(raw: string | null): OutboxState {
  if (!raw) return { entries: [], removed: {} };
  try {
    const value: unknown = JSON.parse(raw);
    if (Array.isArray(value)) return { entries: value.filter(isEntry), removed: {} };
    const state = value as Partial<OutboxState> | null;
    const entries = Array.isArray(state?.entries) ? state.entries.filter(isEntry) : [];
    const removed: Record<string, Tombstone> = {};
    if (state?.removed && typeof state.removed === 'object') {
      for (const [id, tombstone] of Object.entries(state.removed)) {
        if (typeof tombstone?.at === 'number') removed[id] = tombstone.discarded ? { at: tombstone.at, discarded: true } : { at: tombstone.at };
      }
    }
    return { entries, removed };
  } catch {
    return { entries: [], removed: {} };
  }
}

/**
 * Merges this tab's outbox with the one another tab stored, so neither loses the other's
 * messages: every entry of either that neither removed, the newer revision of an entry both
 * have (`preferMine` breaks ties), ordered by send time; removed ids are united and the old
 * ones forgotten.
 */
export function mergeOutbox(mine: OutboxState, stored: OutboxState, now: number, preferMine: boolean): OutboxState {
  const removed: Record<string, Tombstone> = {};
  for (const source of [stored.removed, mine.removed]) {
    for (const [id, tombstone] of Object.entries(source)) {
      const known = removed[id];
      const at = Math.max(known?.at ?? 0, tombstone.at);
      removed[id] = known?.discarded || tombstone.discarded ? { at, discarded: true } : { at };
    }
  }
  const kept = Object.entries(removed)
    .filter(([, tombstone]) => now - tombstone.at < TOMBSTONE_MS)
    .sort(([, a], [, b]) => b.at - a.at)
    .slice(0, MAX_TOMBSTONES);
  const byId = new Map<string, OutboxEntry>();
  const pick = (entry: OutboxEntry, isMine: boolean): void => {
    if (removed[entry.clientMsgId]) return;
    const known = byId.get(entry.clientMsgId);
    const rev = entry.rev ?? 0;
    const knownRev = known?.rev ?? 0;
    if (!known || rev > knownRev || (rev === knownRev && isMine === preferMine)) byId.set(entry.clientMsgId, entry);
  };
  for (const entry of stored.entries) pick(entry, false);
  for (const entry of mine.entries) pick(entry, true);
  // Stable: entries sent in the same millisecond keep the order they were stored in.
  const entries = [...byId.values()].sort((a, b) => a.at - b.at);
  return { entries, removed: Object.fromEntries(kept) };
}
