import type { MessagingTransport } from '../transports/types.js';
import type { CallLine } from './call/call-line.js';
import type { ClientLink } from './client-link.js';
import type { ConversationFeed } from './conversation-feed.js';
import type { CustomerRelationship } from './customer-relationship.js';
import type { DeskClient } from './desk-client.js';
import type { GuidedStepsClient } from './guided-steps-client.js';
import type { Emitter } from '../base/emitter.js';
import type { SupportClientEvents } from './types.js';

/** Where a client's transport events go. */
export interface TransportSinks {
  feed: ConversationFeed;
  desk: DeskClient;
  calls: CallLine;
  link: ClientLink;
  relationship: CustomerRelationship;
  steps: GuidedStepsClient;
  events: Emitter<SupportClientEvents>;
}

/** Routes a messaging transport's events into the client's parts; returns the unsubscribers. */
export function listenToTransport(t: MessagingTransport, sinks: TransportSinks): (() => void)[] {
  const { feed, desk, calls, link, relationship, steps, events } = sinks;
  return [
    t.on('message', (message) => feed.message(message)),
    t.on('typing', (event) => feed.typing(event)),
    t.on('receipt', (event) => feed.receipt(event)),
    t.on('presence', (event) => feed.presence(event.agentsOnline)),
    t.on('conversation', (summary) => feed.conversation(summary)),
    t.on('agents', (agents) => desk.setRoster(agents)),
    t.on('hours', (hours) => relationship.setHours(hours)),
    t.on('followUpDue', (followUp) => events.emit('followUpDue', { followUp })),
    t.on('assistantDelta', (delta) => events.emit('assistantDelta', delta)),
    t.on('steps', (progress) => steps.progress(progress)),
    t.on('signal', (event) => {
      events.emit('signal', event);
      calls.handleSignal(event);
    }),
    t.on('error', (error) => events.emit('error', error)),
    t.on('close', ({ error, retryable }) => link.closed(error, retryable)),
  ];
}
