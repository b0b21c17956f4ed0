/**
 * History from Agora RTM's own history service (`client.history.getMessages`), a feature each
 * Agora project must enable. When it is not enabled the provider answers with an empty page and
 * warns once (`config` error event) instead of failing every `history()` call.
 */
import { SupportError } from '../../protocol/errors.js';
import type { WireMessage } from '../../protocol/model.js';
import type { HistoryPage } from '../types.js';
import { withTimeout } from '../../base/deadline.js';
import type { HistoryLoadOptions, HistoryProvider, HistorySession } from './history-provider.js';
import { decodeEnvelope, toWireMessage } from './rtm-envelope.js';
import { fromRtmError, RTM_ERROR, rtmErrorNumber } from './rtm-errors.js';
import { seqTick } from './rtm-seq.js';
import { StepsHistory } from './rtm-steps.js';

/** RTM returns at most this many messages per `getMessages` (SDK parameter HISTORY_MSG_COUNT_LIMIT). */
export const RTM_HISTORY_MAX_COUNT = 100;
/** Pages read at most per `load` (when RTM returns only our own ephemeral or foreign payloads). */
const MAX_ROUNDS = 5;

const NOT_ENABLED = new Set<number>([
  RTM_ERROR.HISTORY_NOT_AVAILABLE,
  RTM_ERROR.HISTORY_PERMISSION_DENIED,
  RTM_ERROR.HISTORY_OPERATION_NOT_PERMITTED,
  RTM_ERROR.SERVICE_NOT_SUPPORTED,
]);

export interface RtmHistoryProviderOptions {
  /**
   * How far (ms) a message's RTM server timestamp may lie after the time encoded in its seq
   * (sender clock skew plus transit). Default 10 000.
   */
  skewMs?: number;
  /** Bound of one `getMessages` call. Default 10 000 ms. */
  timeoutMs?: number;
}

/**
 * Reads history from RTM (publishes of `t: 'msg'` are stored with `storeInHistory: true`).
 *
 * @example
 * new AgoraRtmMessagingTransport({ ..., history: rtmHistoryProvider() });
 */
export function rtmHistoryProvider(options: RtmHistoryProviderOptions = {}): HistoryProvider {
  const skewMs = options.skewMs ?? 10_000;
  const timeoutMs = options.timeoutMs ?? 10_000;
  let session: HistorySession | undefined;
  let warned = false;
  /** Checklists' states read from history: folded into their messages (issue 20). */
  const steps = new StepsHistory();

  async function fetch(current: HistorySession, conversationId: string, start: number | undefined, count: number, signal?: AbortSignal) {
    const request = start === undefined ? { messageCount: count } : { messageCount: count, start };
    try {
      return await withTimeout(
        current.history.getMessages(current.channelOf(conversationId), 'MESSAGE', request),
        timeoutMs,
        'RTM history',
        signal,
      );
    } catch (error) {
      const code = rtmErrorNumber(error);
      if (code === undefined || !NOT_ENABLED.has(code)) throw fromRtmError(error, 'RTM history');
      if (!warned) {
        warned = true;
        current.warn(
          new SupportError('config', `RTM history is not enabled for this Agora project (RTM ${code}); history is empty`, {
            cause: error,
            retryable: false,
          }),
        );
      }
      return undefined;
    }
  }

  async function load(conversationId: string, { beforeSeq, limit, signal }: HistoryLoadOptions): Promise<HistoryPage> {
    if (!session) throw new SupportError('closed', 'not connected');
    const current = session;
    // Over-fetch a little: messages near the boundary may be filtered out by seq below.
    const count = Math.min(RTM_HISTORY_MAX_COUNT, limit + 20);
    let start = beforeSeq === undefined ? undefined : seqTick(beforeSeq) + skewMs;
    const byId = new Map<string, WireMessage>();
    let more = false;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const response = await fetch(current, conversationId, start, count, signal);
      if (!response) return { messages: [], hasMore: false };
      for (const item of response.messageList) {
        const envelope = decodeEnvelope(item.message, item.publisher, conversationId);
        if (envelope?.t === 'steps') steps.note(conversationId, envelope, item.timestamp);
        if (envelope?.t !== 'msg' || (beforeSeq !== undefined && envelope.seq >= beforeSeq)) continue;
        if (!byId.has(envelope.clientMsgId)) byId.set(envelope.clientMsgId, toWireMessage(envelope, conversationId));
      }
      // RTM's newStart is 0 when nothing older is stored.
      more = response.newStart !== 0;
      if (byId.size > limit || !more) break;
      start = response.newStart;
    }
    const sorted = steps.fold([...byId.values()]).sort((a, b) => a.seq - b.seq);
    return { messages: sorted.slice(-limit), hasMore: more || sorted.length > limit };
  }

  return {
    load,
    attach(next) {
      session = next;
    },
    detach() {
      session = undefined;
    },
  };
}
