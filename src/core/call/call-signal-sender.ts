/**
 * The outgoing side of a call's signalling: sends through the client's `CallSignaller` and codes
 * every failure as a `SupportError` (`network` unless it says otherwise), so the state machine
 * decides with one kind of error. A best-effort send reports its failure instead of rejecting.
 */
import { toSupportError, type SupportError } from '../../protocol/errors.js';
import type { SignalMessage } from '../../transports/types.js';
import type { CallSignaller } from './call-signals.js';

/**
 * Sends a session's signals.
 *
 * @example
 * ```ts
 * const signals = new CallSignalSender(signaller, (error) => emitter.emit('error', error));
 * await signals.send({ conversationId, callId, action: 'invite', payload });
 * ```
 */
export class CallSignalSender {
  constructor(
    private readonly signaller: CallSignaller,
    private readonly onError: (error: SupportError) => void,
  ) {}

  /** Sends `signal`; rejects with a coded `SupportError` (also when the signaller throws synchronously). */
  send(signal: SignalMessage): Promise<void> {
    try {
      return this.signaller.send(signal).catch((error: unknown) => {
        throw toSupportError(error, 'network');
      });
    } catch (error) {
      return Promise.reject(toSupportError(error, 'network'));
    }
  }

  /** Sends `signal` that nobody awaits (ending, busy): a failure is reported, never thrown. */
  bestEffort(signal: SignalMessage): Promise<void> {
    return this.send(signal).catch((error: SupportError) => this.onError(error));
  }
}
