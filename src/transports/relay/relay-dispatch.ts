/** Where the relay transport sends each server frame (errors excepted: they may end the connection). */
import type { Emitter } from '../../base/emitter.js';
import type { DeskResult } from '../../protocol/desk.js';
import type { ErrorFrame, ServerFrame } from '../../protocol/frames.js';
import type { CustomerResult } from '../../protocol/relationship.js';
import type { ConversationPage, HistoryPage, MessagingTransportEvents, SearchResults, TransportAck } from '../types.js';
import type { PendingRequests } from './pending-requests.js';

/** The transport's events and the replies its callers wait for. */
export interface FrameSinks {
  events: Emitter<MessagingTransportEvents>;
  acks: PendingRequests<TransportAck>;
  pages: PendingRequests<HistoryPage>;
  conversationPages: PendingRequests<ConversationPage>;
  searches: PendingRequests<SearchResults>;
  desks: PendingRequests<DeskResult>;
  customers: PendingRequests<CustomerResult>;
}

/** Delivers a frame other than `error` (returned for the caller to handle). */
export function dispatchFrame(frame: ServerFrame, sinks: FrameSinks): ErrorFrame | undefined {
  const { events } = sinks;
  switch (frame.type) {
    case 'ack': {
      const { type: _type, ...ack } = frame;
      sinks.acks.resolve(ack.clientMsgId, ack);
      return undefined;
    }
    case 'message': {
      const { type: _type, ...message } = frame;
      events.emit('message', message);
      return undefined;
    }
    case 'typing':
      events.emit('typing', { conversationId: frame.conversationId, user: frame.user, typing: frame.typing });
      return undefined;
    case 'receipt': {
      const { conversationId, userId, kind, upTo } = frame;
      events.emit('receipt', { conversationId, userId, kind, upTo });
      return undefined;
    }
    case 'presence': {
      const { type: _type, ...presence } = frame;
      events.emit('presence', presence);
      return undefined;
    }
    case 'conversation':
      events.emit('conversation', frame.conversation);
      return undefined;
    case 'history':
      sinks.pages.resolve(frame.requestId, { messages: frame.messages, hasMore: frame.hasMore });
      return undefined;
    case 'conversations':
      sinks.conversationPages.resolve(frame.requestId, frame.nextCursor === undefined ? { conversations: frame.conversations } : { conversations: frame.conversations, nextCursor: frame.nextCursor });
      return undefined;
    case 'search':
      sinks.searches.resolve(frame.requestId, { hits: frame.hits, partial: frame.partial === true });
      return undefined;
    case 'desk':
      sinks.desks.resolve(frame.requestId, frame.result);
      return undefined;
    case 'agents':
      events.emit('agents', frame.agents);
      return undefined;
    case 'customer':
      sinks.customers.resolve(frame.requestId, frame.result);
      return undefined;
    case 'hours':
      events.emit('hours', frame.hours);
      return undefined;
    case 'followup-due':
      events.emit('followUpDue', frame.followUp);
      return undefined;
    case 'steps': {
      const { type: _type, ...progress } = frame;
      events.emit('steps', progress);
      return undefined;
    }
    case 'assistant-delta':
      events.emit('assistantDelta', { conversationId: frame.conversationId, replyTo: frame.replyTo, text: frame.text });
      return undefined;
    case 'signal': {
      const { type: _type, ...signal } = frame;
      events.emit('signal', signal);
      return undefined;
    }
    case 'error':
      return frame;
    case 'pong':
    case 'welcome':
      return undefined;
  }
}
