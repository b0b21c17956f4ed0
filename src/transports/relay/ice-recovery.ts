/**
 * Maps an `RTCPeerConnection`'s connection and ICE states to the call's `MediaConnectionState`
 * and restarts ICE when the path breaks: after `disconnected` lasts a moment, once after
 * `failed` (a second failure is final), and when the device's network changes
 * (`navigator.connection` `change`, `online`). Both sides usually notice at the same moment
 * (one laptop: both tabs see `online`), so a burst of triggers makes one restart.
 */
import type { MediaConnectionState } from '../media-types.js';

/** Options of `IceRecovery`. */
export interface IceRecoveryOptions {
  pc: RTCPeerConnection;
  /** Aborting removes every listener and timer. */
  signal: AbortSignal;
  /** Called with every state (repeats included: the caller de-duplicates). */
  onState(state: MediaConnectionState): void;
  /** Starts an ICE restart (`pc.restartIce()` on the impolite side; a request to the peer on the polite side). */
  requestRestart(): void;
  /** How long `disconnected` may last before an ICE restart, ms. Default 2000. */
  disconnectedRestartMs?: number;
  /** How long an ICE restart after `failed` may take before the call is `failed`, ms. Default 15 000. */
  recoveryTimeoutMs?: number;
  /** Restarts closer together than this are one restart (both sides' triggers often fire together), ms. Default 1000. */
  minRestartIntervalMs?: number;
}

/** `navigator.connection` (Network Information API), where the browser has it. */
interface NetworkInformationLike {
  addEventListener(type: 'change', listener: () => void, options: AddEventListenerOptions): void;
}

function networkInformation(): NetworkInformationLike | undefined {
  const connection = (globalThis.navigator as { connection?: Partial<NetworkInformationLike> } | undefined)?.connection;
  return typeof connection?.addEventListener === 'function' ? (connection as NetworkInformationLike) : undefined;
}

/**
 * Watches one peer connection until `signal` aborts.
 *
 * @example
 * ```ts
 * const recovery = new IceRecovery({ pc, signal, onState: (state) => emit('connection-state', state) });
 * ```
 */
export class IceRecovery {
  private readonly pc: RTCPeerConnection;
  private readonly signal: AbortSignal;
  private readonly onState: IceRecoveryOptions['onState'];
  private readonly requestRestart: IceRecoveryOptions['requestRestart'];
  private readonly minRestartIntervalMs: number;
  private lastRestartAt = Number.NEGATIVE_INFINITY;
  private readonly disconnectedRestartMs: number;
  private readonly recoveryTimeoutMs: number;
  private everConnected = false;
  /** The restart allowed after `failed` has been used (reset once connected again). */
  private restartedAfterFailure = false;
  /** The connection left `failed` since that restart (so a new `failed` is a new failure). */
  private leftFailure = false;
  private disconnectedTimer: ReturnType<typeof setTimeout> | undefined;
  private recoveryTimer: ReturnType<typeof setTimeout> | undefined;
  private restarts = 0;
  private finalFailure = false;

  constructor(options: IceRecoveryOptions) {
    this.pc = options.pc;
    this.signal = options.signal;
    this.onState = options.onState;
    this.requestRestart = options.requestRestart;
    this.minRestartIntervalMs = options.minRestartIntervalMs ?? 1000;
    this.disconnectedRestartMs = options.disconnectedRestartMs ?? 2000;
    this.recoveryTimeoutMs = options.recoveryTimeoutMs ?? 15_000;
    const listen = { signal: options.signal };
    this.pc.addEventListener('connectionstatechange', () => this.update(), listen);
    this.pc.addEventListener('iceconnectionstatechange', () => this.update(), listen);
    const onNetworkChange = (): void => {
      if (this.everConnected) this.restart();
    };
    networkInformation()?.addEventListener('change', onNetworkChange, listen);
    if (typeof globalThis.addEventListener === 'function') globalThis.addEventListener('online', onNetworkChange, listen);
    options.signal.addEventListener('abort', () => this.clearTimers(), { once: true });
  }

  /** ICE restarts started so far (repeats within `minRestartIntervalMs` not counted). */
  get restartCount(): number {
    return this.restarts;
  }

  /** Asks for new ICE credentials and candidates, unless a restart has just been started. */
  restart(): void {
    if (this.closed || this.finalFailure) return;
    const now = performance.now();
    if (now - this.lastRestartAt < this.minRestartIntervalMs) return;
    this.lastRestartAt = now;
    this.restarts++;
    this.requestRestart();
  }

  private get closed(): boolean {
    return this.signal.aborted || this.pc.signalingState === 'closed' || this.pc.connectionState === 'closed';
  }

  private get recovering(): MediaConnectionState {
    return this.everConnected ? 'reconnecting' : 'connecting';
  }

  private update(): void {
    if (this.closed) {
      this.clearTimers();
      this.onState('closed');
      return;
    }
    if (this.finalFailure) return;
    const { connectionState, iceConnectionState } = this.pc;
    if (connectionState === 'failed' || iceConnectionState === 'failed') {
      this.onFailed();
      return;
    }
    this.leftFailure = true;
    if (connectionState === 'disconnected' || iceConnectionState === 'disconnected') {
      this.onDisconnected();
    } else if (connectionState === 'connected') {
      this.everConnected = true;
      this.restartedAfterFailure = false;
      this.clearTimers();
      this.onState('connected');
    } else {
      this.onState(this.recovering);
    }
  }

  private onDisconnected(): void {
    this.onState(this.recovering);
    if (this.disconnectedTimer !== undefined) return;
    this.disconnectedTimer = setTimeout(() => {
      this.disconnectedTimer = undefined;
      const { connectionState, iceConnectionState } = this.pc;
      if (connectionState === 'disconnected' || iceConnectionState === 'disconnected') this.restart();
    }, this.disconnectedRestartMs);
  }

  private onFailed(): void {
    if (this.disconnectedTimer !== undefined) clearTimeout(this.disconnectedTimer);
    this.disconnectedTimer = undefined;
    if (!this.restartedAfterFailure) {
      this.restartedAfterFailure = true;
      this.leftFailure = false;
      this.onState(this.recovering);
      this.recoveryTimer = setTimeout(() => this.fail(), this.recoveryTimeoutMs);
      this.restart();
      return;
    }
    // Still the failure the restart is working on: wait for it (or for the recovery timeout).
    if (!this.leftFailure) return;
    this.fail();
  }

  private fail(): void {
    if (this.closed || this.finalFailure) return;
    this.finalFailure = true;
    this.clearTimers();
    this.onState('failed');
  }

  private clearTimers(): void {
    if (this.disconnectedTimer !== undefined) clearTimeout(this.disconnectedTimer);
    if (this.recoveryTimer !== undefined) clearTimeout(this.recoveryTimer);
    this.disconnectedTimer = undefined;
    this.recoveryTimer = undefined;
  }
}
