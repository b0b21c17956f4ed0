import type { DeskEvent, StaffRef } from '../../protocol/desk.js';
import { formatMoment } from '../../i18n/date-format.js';
import type { DeskTermKey } from '../../i18n/en/desk.js';
import type { Terms } from '../../i18n/localize-controller.js';

/** A desk event's body (JSON, written by the relay) as a `DeskEvent`; undefined when it is not one. */
export function parseDeskEvent(body: string): DeskEvent | undefined {
  try {
    const value: unknown = JSON.parse(body);
    if (typeof value !== 'object' || value === null) return undefined;
    const type = (value as { type?: unknown }).type;
    return type === 'assigned' || type === 'unassigned' || type === 'status' || type === 'labels' || type === 'csat' ? (value as DeskEvent) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A desk event in the reader's words, one line: "Alex resolved the conversation", "Sam assigned
 * this to Alex: <note>", "You took the conversation" (the reader's own actions read "You").
 */
export function deskEventText(body: string, terms: Terms<DeskTermKey>, selfId: string | undefined): string {
  const event = parseDeskEvent(body);
  if (event === undefined) return terms.term('desk.event.unknown');
  const name = (who: StaffRef | undefined): string => (who === undefined ? terms.term('desk.someone') : who.id === selfId ? terms.term('desk.you') : who.name || terms.term('desk.someone'));
  const by = name('by' in event ? event.by : undefined);
  switch (event.type) {
    case 'assigned': {
      if (event.by === undefined) return terms.term('desk.event.routed', { to: name(event.to) });
      if (event.by.id === event.to.id) return terms.term('desk.event.took', { by });
      const to = name(event.to);
      return event.note ? terms.term('desk.event.assignedNote', { by, to, note: event.note }) : terms.term('desk.event.assigned', { by, to });
    }
    case 'unassigned':
      return terms.term('desk.event.unassigned', { by });
    case 'status':
      if (event.status === 'open') return terms.term(event.by === undefined ? 'desk.event.reopened' : 'desk.event.open', { by });
      if (event.status === 'snoozed') return terms.term('desk.event.snoozed', { by, until: event.until === undefined ? '' : formatMoment(terms.lang, event.until) });
      return terms.term(event.status === 'pending' ? 'desk.event.pending' : 'desk.event.resolved', { by });
    case 'labels': {
      const added = event.added.join(', ');
      const removed = event.removed.join(', ');
      if (added && removed) return terms.term('desk.event.labelsChanged', { by, added, removed });
      return added ? terms.term('desk.event.labelsAdded', { by, labels: added }) : terms.term('desk.event.labelsRemoved', { by, labels: removed });
    }
    case 'csat':
      return event.comment ? terms.term('desk.event.csatComment', { score: String(event.score), comment: event.comment }) : terms.term('desk.event.csat', { score: String(event.score) });
  }
}
