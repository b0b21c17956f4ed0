/**
 * What a `CallSession` is made with (who, how it signals, how long each stage may last) and
 * what `start()` asks for; `sessionSettings()` applies the defaults and checks the numbers.
 */
import { SupportError } from '../../protocol/errors.js';
import { systemClock, type CallClock } from './call-clock.js';
import { createCallId } from './call-id.js';
import type { CallSignaller } from './call-signals.js';

/** Options of `new CallSession()`. */
export interface CallSessionOptions {
  /** The current user's id (signals from it are our own echoes or other tabs). */
  selfId: string;
  signaller: CallSignaller;
  /** Injectable timers and time; default: the real ones. */
  clock?: CallClock;
  /** How long an outgoing call rings before it ends with `timeout` (and sends `cancel`). Default 45 000 ms. */
  ringTimeoutMs?: number;
  /** How long `connecting` may last before the call ends with `failed`. Default 30 000 ms. */
  connectTimeoutMs?: number;
  /** How long `reconnecting` may last before the call ends with `peer-left`. Default 30 000 ms. */
  reconnectTimeoutMs?: number;
  /** Answer `busy` to an invite that arrives during another call. Default true. */
  answerBusy?: boolean;
  /** Id factory for outgoing calls; default `createCallId`. */
  createCallId?: () => string;
}

/** Options of `CallSession.start()`. */
export interface StartCallOptions {
  /** Video call (default) or audio only. */
  video?: boolean;
  /** Ask the callee to start on the rear camera (an agent asking to see the device). */
  askRearCamera?: boolean;
}

/** The callee rings a little longer than the caller so the caller's `cancel` normally decides. */
export const INCOMING_RING_GRACE_MS = 5_000;

/** `CallSessionOptions` with every default applied and every number checked. */
export interface CallSessionSettings {
  clock: CallClock;
  ringTimeoutMs: number;
  connectTimeoutMs: number;
  reconnectTimeoutMs: number;
  answerBusy: boolean;
  createCallId: () => string;
}

/** The settings of a session. Throws `config` for a missing `selfId` or a timeout that is not a positive number. */
export function sessionSettings(options: CallSessionOptions): CallSessionSettings {
  if (!options.selfId) throw new SupportError('config', 'CallSession needs a selfId');
  return {
    clock: options.clock ?? systemClock,
    ringTimeoutMs: positive(options.ringTimeoutMs, 45_000, 'ringTimeoutMs'),
    connectTimeoutMs: positive(options.connectTimeoutMs, 30_000, 'connectTimeoutMs'),
    reconnectTimeoutMs: positive(options.reconnectTimeoutMs, 30_000, 'reconnectTimeoutMs'),
    answerBusy: options.answerBusy ?? true,
    createCallId: options.createCallId ?? createCallId,
  };
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new SupportError('config', `${name} must be a positive number of ms`);
  return value;
}

