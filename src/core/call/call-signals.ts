/**
 * The signal payloads a call exchanges, and lenient parsers for what arrives: a peer running an
 * older or newer SDK must not be able to break the state machine with an odd payload.
 */
import type { SignalMessage } from '../../transports/types.js';

/** Sends one signal frame to the other members of the conversation (`MessagingTransport.sendSignal` fits). */
export interface CallSignaller {
  send(signal: SignalMessage): Promise<void>;
}

/** What the caller asks for, carried by the `invite` signal. */
export interface CallInvite {
  /** True for a video call, false for audio only. */
  video: boolean;
  /** The caller (an agent) asks to see the device: the callee starts on the rear camera. */
  askRearCamera: boolean;
  /** The caller's ring timeout, so the callee stops ringing at about the same time. */
  ringTimeoutMs?: number;
}

/** What one side is sending, carried by the `state` signal (mute, camera off, screen share). */
export interface CallMediaState {
  audio: boolean;
  video: boolean;
  screen: boolean;
}

/** Signals of an accepted call that the session hands to the call's media as they came (`peer-signal`). */
export type PeerSignalAction = 'camera';

/** Payload of `cancel`, `decline` and `hangup`: why the sender ended the call (informative). */
export interface CallEndPayload {
  reason?: string;
}

/** Longest ring timeout an invite may ask the callee to honour, ms. */
export const MAX_RING_TIMEOUT_MS = 10 * 60_000;

function asObject(payload: unknown): Record<string, unknown> {
  return typeof payload === 'object' && payload !== null && !Array.isArray(payload)
    ? (payload as Record<string, unknown>)
    : {};
}

/** Reads an invite payload; missing or odd fields fall back to a video call on the default camera. */
export function parseInvite(payload: unknown): CallInvite {
  const o = asObject(payload);
  const invite: CallInvite = {
    video: o['video'] !== false,
    askRearCamera: o['askRearCamera'] === true,
  };
  const ring = o['ringTimeoutMs'];
  if (typeof ring === 'number' && Number.isFinite(ring) && ring > 0 && ring <= MAX_RING_TIMEOUT_MS) {
    invite.ringTimeoutMs = ring;
  }
  return invite;
}

/** Reads a media-state payload; `undefined` unless `audio`, `video` and `screen` are booleans (`screen` defaults to false). */
export function parseMediaState(payload: unknown): CallMediaState | undefined {
  const o = asObject(payload);
  const { audio, video } = o;
  const screen = o['screen'] ?? false;
  if (typeof audio !== 'boolean' || typeof video !== 'boolean' || typeof screen !== 'boolean') return undefined;
  return { audio, video, screen };
}

/** Reads the `reason` of a cancel/decline/hangup payload. */
export function parseEndPayload(payload: unknown): CallEndPayload {
  const reason = asObject(payload)['reason'];
  return typeof reason === 'string' ? { reason } : {};
}
