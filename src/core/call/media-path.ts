/**
 * How a call's media path and the call go together: what the media transport joins (`joinOptionsOf`),
 * and how the path's state moves the call (`mirrorMediaState`): connected, reconnecting, or failed
 * (lost after it had worked: the peer vanished; never connected: the call could not connect).
 */
import type { MediaConnectionState, MediaJoinOptions } from '../../transports/media-types.js';
import type { CallSession } from './call-session.js';
import { isCallActive } from './call-states.js';

/** Applies the media path's `state` to `session`'s active call (no-op once it ended); throws what the session throws. */
export function mirrorMediaState(session: CallSession, state: MediaConnectionState, wasConnected: boolean): void {
  if (!isCallActive(session.state)) return;
  if (state === 'connected') session.markConnected();
  else if (state === 'reconnecting') session.markReconnecting();
  // The call UI reports the end.
  else if (state === 'failed') void session.markFailed(wasConnected ? 'peer-left' : 'failed').catch(() => undefined);
}

/** What the media transport of `session`'s call joins: the call, both sides, the negotiation role; aborted with `signal`. */
export function joinOptionsOf(session: CallSession, signal: AbortSignal, timeoutMs = 25_000): MediaJoinOptions {
  return {
    callId: session.callId ?? '',
    conversationId: session.conversationId ?? '',
    selfId: session.selfId,
    ...(session.peer ? { peerId: session.peer.id } : {}),
    polite: session.polite,
    signal,
    timeoutMs,
  };
}
