/**
 * The JSON shapes the relay media layer puts in `offer` / `answer` / `ice` signals, and their
 * validation on the way in: the peer's payload is untrusted, so anything malformed is dropped.
 * DOM-free (only TypeScript's DOM types).
 */

/** Payload of an `offer` or `answer` signal. */
export interface DescriptionPayload {
  type: 'offer' | 'answer';
  sdp: string;
}

/** Largest SDP accepted from the peer (a few kB in practice; this bounds a hostile one). */
const MAX_SDP_CHARS = 256 * 1024;
/** Largest candidate line accepted from the peer. */
const MAX_CANDIDATE_CHARS = 2048;

/**
 * Payload of an `ice` signal by which the polite side asks the impolite side to restart ICE.
 * Only the impolite side makes restart offers: a polite restart offer that collides with the
 * peer's gets rolled back, and Chromium then stops rendering the polite side's remote video.
 */
export const ICE_RESTART_REQUEST = { iceRestart: true } as const;

/** True when an `ice` payload is a restart request rather than a candidate. */
export function isIceRestartRequest(payload: unknown): boolean {
  return isRecord(payload) && payload.iceRestart === true && !('candidate' in payload);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function optionalString(value: unknown): string | null | undefined {
  if (value === undefined || value === null) return value;
  return typeof value === 'string' ? value : undefined;
}

/** The payload to send for a local description, or `undefined` when it is not an offer or answer. */
export function descriptionPayload(description: RTCSessionDescription | null): DescriptionPayload | undefined {
  if (!description || (description.type !== 'offer' && description.type !== 'answer')) return undefined;
  return { type: description.type, sdp: description.sdp };
}

/** The peer's description, when `payload` is a well-formed one of the kind `action` says. */
export function parseDescription(action: 'offer' | 'answer', payload: unknown): DescriptionPayload | undefined {
  if (!isRecord(payload) || payload.type !== action) return undefined;
  const sdp = payload.sdp;
  if (typeof sdp !== 'string' || sdp.length === 0 || sdp.length > MAX_SDP_CHARS) return undefined;
  return { type: action, sdp };
}

/** The peer's ICE candidate, when `payload` is a well-formed `RTCIceCandidateInit`. */
export function parseCandidate(payload: unknown): RTCIceCandidateInit | undefined {
  if (!isRecord(payload)) return undefined;
  const { candidate, sdpMid, sdpMLineIndex, usernameFragment } = payload;
  if (typeof candidate !== 'string' || candidate.length > MAX_CANDIDATE_CHARS) return undefined;
  const mid = optionalString(sdpMid);
  const ufrag = optionalString(usernameFragment);
  if (mid === undefined && sdpMid !== undefined) return undefined;
  if (ufrag === undefined && usernameFragment !== undefined) return undefined;
  const index = sdpMLineIndex;
  if (index !== undefined && index !== null && (typeof index !== 'number' || !Number.isInteger(index) || index < 0)) {
    return undefined;
  }
  if (mid == null && index == null) return undefined;
  const init: RTCIceCandidateInit = { candidate };
  if (mid !== undefined) init.sdpMid = mid;
  if (index !== undefined) init.sdpMLineIndex = index as number | null;
  if (ufrag !== undefined) init.usernameFragment = ufrag;
  return init;
}
