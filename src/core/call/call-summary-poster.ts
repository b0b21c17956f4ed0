/**
 * Who posts a call's `call-summary` message: the agent's side, once per call. Its `clientMsgId` is
 * derived from the call id, so several agents (or tabs) that rang for the same missed call store
 * it once; a ringing that stopped because someone else answered posts nothing (the one who
 * answered does). Loaded with the state machine, on first use.
 */
import type { Emitter } from '../../base/emitter.js';
import { toSupportError } from '../../protocol/errors.js';
import type { SignalEvent } from '../../transports/types.js';
import type { CallStateChange, CallSummary } from './call-events.js';
import type { CallLineEvents, CallLineOptions } from './call-line-types.js';
import type { CallSession } from './call-session.js';
import { callSummaryMessageId, callSummaryRecord, encodeCallSummary } from './call-summary-message.js';
import { RecentCallIds } from './recent-call-ids.js';
import { isStaff } from '../../protocol/desk.js';

/** What the poster takes from its line's options: who is signed in, and how to post. */
export type CallSummaryPosterOptions = Pick<CallLineOptions, 'self' | 'postSummary'>;

/**
 * Follows the calls of one line and posts each call's summary from an agent's client.
 *
 * @example
 * ```ts
 * const poster = new CallSummaryPoster(lineOptions, lineEvents); // a failure is the line's `error`
 * session.on('summary', (summary) => poster.onSummary(summary));
 * ```
 */
export class CallSummaryPoster {
  private readonly answeredElsewhere = new RecentCallIds();
  private readonly summarised = new RecentCallIds();
  private readonly accepted = new RecentCallIds();

  constructor(
    private readonly options: CallSummaryPosterOptions,
    private readonly events: Emitter<CallLineEvents>,
  ) {}

  /** A signal about to reach `session`: another agent or another tab of ours took (or refused) the ringing call. */
  noteSignal(session: CallSession, signal: SignalEvent): void {
    if (
      session.state === 'incoming-ringing' &&
      signal.callId === session.callId &&
      signal.from.id !== session.peer?.id &&
      (signal.action === 'accept' || signal.action === 'decline' || signal.action === 'busy')
    ) {
      this.answeredElsewhere.add(signal.callId);
    }
  }

  /** The call moved: an incoming call this side answered is summarised as answered here. */
  noteState(session: CallSession, change: CallStateChange): void {
    if (change.state === 'connecting' && session.direction === 'incoming') this.accepted.add(change.callId);
  }

  /** The call ended: an agent posts its summary, once. */
  onSummary(summary: CallSummary): void {
    const self = this.options.self();
    if (!self || !isStaff(self.role) || this.answeredElsewhere.has(summary.callId) || this.summarised.has(summary.callId)) return;
    this.summarised.add(summary.callId);
    try {
      const body = encodeCallSummary(callSummaryRecord(summary, self, this.accepted.has(summary.callId)));
      this.options.postSummary(summary.conversationId, body, callSummaryMessageId(summary.callId));
    } catch (error) {
      this.events.emit('error', toSupportError(error));
    }
  }
}
