/**
 * The call signalling state machine: DOM-free, driven by `signal` frames, testable in Node.
 * It decides who is calling whom and when a call is over; media is someone else's job
 * (`MediaTransport`), which reports back with `markConnected()` / `markReconnecting()` / `markFailed()`.
 */
import { Emitter } from '../../base/emitter.js';
import { SupportError } from '../../protocol/errors.js';
import type { SignalAction, UserRef } from '../../protocol/model.js';
import type { SignalEvent } from '../../transports/types.js';
import type { MediaSignalAction, MediaSignalChannel } from '../../transports/media-types.js';
import type { CallClock } from './call-clock.js';
import type { CallSessionEvents } from './call-events.js';
import { INCOMING_RING_GRACE_MS, sessionSettings, type CallSessionOptions, type CallSessionSettings, type StartCallOptions } from './call-session-options.js';
import { CallSignalSender } from './call-signal-sender.js';
import { CallTimer } from './call-timer.js';
import { incomingCall, summarizeCall, type CallRecord } from './call-record.js';
import { decideSignal } from './call-signal-routing.js';
import type { CallInvite, CallMediaState, PeerSignalAction } from './call-signals.js';
import { CALL_FAILURE_REASONS, canTransition, isCallAccepted, isCallActive, type CallDirection, type CallEndReason, type CallFailureReason, type CallState } from './call-states.js';
import { deliverAnnotation, type AnnotationOp } from './call-annotation-ops.js';
import { RecentCallIds } from './recent-call-ids.js';

export type { CallSessionOptions, StartCallOptions } from './call-session-options.js';

/**
 * One call at a time, over any number of conversations (keep one per conversation, or one per
 * user to get `busy` across conversations). A finished call leaves the session in `ended`, from
 * which the next call may start.
 *
 * Methods called in the wrong state throw a `SupportError` with code `config` (a programming
 * error, never retryable) synchronously and change nothing. Ending an already ended call is a
 * no-op, since hangups and media failures race with the peer's. Conversations are two-party:
 * the first member to answer an invite is the peer.
 *
 * @example
 * ```ts
 * const session = new CallSession({ selfId: me.id, signaller: { send: (s) => transport.sendSignal(s) } });
 * transport.on('signal', (signal) => session.handleSignal(signal));
 * session.on('state', ({ state, reason }) => render(state, reason));
 * await session.start(conversationId, { video: true });
 * ```
 */
export class CallSession implements MediaSignalChannel {
  /** The current user's id. */
  readonly selfId: string;
  private readonly settings: CallSessionSettings;
  private readonly clock: CallClock;
  private readonly signals: CallSignalSender;
  private readonly emitter = new Emitter<CallSessionEvents>();
  private readonly pastCalls = new RecentCallIds();
  private readonly timer: CallTimer;
  private current: CallState = 'idle';
  private call: CallRecord | undefined;
  private reason: CallEndReason | undefined;
  private remoteMedia: CallMediaState | undefined;
  private disposed = false;

  constructor(options: CallSessionOptions) {
    this.settings = sessionSettings(options);
    this.selfId = options.selfId;
    this.clock = this.settings.clock;
    this.timer = new CallTimer(this.clock);
    this.signals = new CallSignalSender(options.signaller, (error) => this.emitter.emit('error', error));
  }

  /** Where the current (or last) call stands. */
  get state(): CallState { return this.current; }
  /** Id of the current (or last) call. */
  get callId(): string | undefined { return this.call?.callId; }
  get conversationId(): string | undefined { return this.call?.conversationId; }
  get direction(): CallDirection | undefined { return this.call?.direction; }
  /** The other side: the caller of an incoming call, or whoever accepted an outgoing one. */
  get peer(): UserRef | undefined { return this.call?.peer; }
  /** What the caller asked for (video, rear camera). */
  get invite(): CallInvite | undefined { return this.call && { ...this.call.invite }; }
  /** Why the last call ended; undefined until it has. */
  get endReason(): CallEndReason | undefined { return this.reason; }
  /** Perfect-negotiation role for the media layer: the callee is polite, the caller is not. */
  get polite(): boolean { return this.call?.direction === 'incoming'; }
  /** The peer's last reported media state in this call. */
  get remoteMediaState(): CallMediaState | undefined { return this.remoteMedia && { ...this.remoteMedia }; }

  /** Subscribes to an event; returns the unsubscribe function. */
  on<K extends keyof CallSessionEvents>(event: K, listener: (payload: CallSessionEvents[K]) => void): () => void {
    return this.emitter.on(event, listener);
  }

  /**
   * Places a call: sends `invite` and rings until answered or `ringTimeoutMs` passes (then `cancel`
   * is sent and the call ends with `timeout`). Allowed in `idle` and `ended`. Rejects (after ending
   * the call with `failed`) when the invite cannot be sent.
   */
  start(conversationId: string, options: StartCallOptions = {}): Promise<void> {
    this.assertState('start', ['idle', 'ended']);
    if (this.disposed) throw new SupportError('config', 'CallSession is disposed');
    if (!conversationId) throw new SupportError('config', 'start() needs a conversationId');
    const invite: CallInvite = {
      video: options.video ?? true,
      askRearCamera: options.askRearCamera ?? false,
      ringTimeoutMs: this.settings.ringTimeoutMs,
    };
    const call = this.begin({
      callId: this.settings.createCallId(),
      conversationId,
      direction: 'outgoing',
      initiator: this.selfId,
      invite,
      startedAt: this.clock.now(),
    });
    // State first, then the wire: a peer that answers synchronously must find us ringing.
    this.transition('outgoing-ringing');
    this.arm(this.settings.ringTimeoutMs, () => this.finish('timeout', 'cancel', { reason: 'timeout' }));
    const sent = this.signals.send({ conversationId, callId: call.callId, action: 'invite', payload: { ...invite } });
    return this.failIfUnsent(sent, call, 'outgoing-ringing');
  }

  /** Answers the ringing incoming call: sends `accept` and moves to `connecting`. */
  accept(): Promise<void> {
    this.assertState('accept', ['incoming-ringing']);
    return this.enterConnecting(true);
  }

  /** Refuses the ringing incoming call; both sides end with `declined`. */
  decline(): Promise<void> {
    this.assertState('decline', ['incoming-ringing']);
    return this.finish('declined', 'decline');
  }

  /** Gives up the outgoing call before it is answered; both sides end with `cancelled`. */
  cancel(): Promise<void> {
    this.assertState('cancel', ['outgoing-ringing']);
    return this.finish('cancelled', 'cancel');
  }

  /**
   * Ends the call whatever its stage (the red button): cancels an outgoing ring, declines an
   * incoming one, hangs up an accepted call (the peer ends with `remote-hangup`). No-op once ended.
   */
  hangup(): Promise<void> {
    if (this.current === 'ended') return Promise.resolve();
    this.assertState('hang up', ['outgoing-ringing', 'incoming-ringing', 'connecting', 'connected', 'reconnecting']);
    if (this.current === 'outgoing-ringing') return this.cancel();
    if (this.current === 'incoming-ringing') return this.decline();
    return this.finish('hangup', 'hangup');
  }

  /** The media path is up: `connecting`/`reconnecting` -> `connected`. No-op when connected or ended. */
  markConnected(): void {
    if (this.current === 'connected' || this.current === 'ended') return;
    this.assertState('mark connected', ['connecting', 'reconnecting']);
    const call = this.requireCall();
    this.timer.clear();
    call.connectedAt ??= this.clock.now();
    this.transition('connected');
  }

  /**
   * The media path dropped and is recovering: `connected` -> `reconnecting`, ending with
   * `peer-left` after `reconnectTimeoutMs`. No-op while connecting (its own timeout runs), reconnecting or ended.
   */
  markReconnecting(): void {
    if (this.current === 'connecting' || this.current === 'reconnecting' || this.current === 'ended') return;
    this.assertState('mark reconnecting', ['connected']);
    this.transition('reconnecting');
    this.arm(this.settings.reconnectTimeoutMs, () => this.finish('peer-left', 'hangup', { reason: 'peer-left' }));
  }

  /**
   * Ends the call because media failed on this side (permission denied, no camera, ICE failed,
   * peer vanished). Tells the peer with `cancel`, `decline` or `hangup` according to the stage.
   * No-op once ended.
   */
  markFailed(reason: CallFailureReason = 'failed'): Promise<void> {
    if (!CALL_FAILURE_REASONS.includes(reason)) throw new SupportError('config', `Not a failure reason: ${String(reason)}`);
    if (this.current === 'ended') return Promise.resolve();
    this.assertState('fail', ['outgoing-ringing', 'incoming-ringing', 'connecting', 'connected', 'reconnecting']);
    const action = this.current === 'outgoing-ringing' ? 'cancel' : this.current === 'incoming-ringing' ? 'decline' : 'hangup';
    return this.finish(reason, action, { reason });
  }

  /** Tells the peer what this side sends (mute, camera off, screen share). Only once accepted. */
  sendMediaState(state: CallMediaState): Promise<void> {
    const call = this.requireAccepted('send media state');
    if (state.video) call.videoSeen = true;
    const payload: CallMediaState = { audio: state.audio, video: state.video, screen: state.screen };
    return this.signals.send({ conversationId: call.conversationId, callId: call.callId, action: 'state', payload });
  }

  /** Sends a freeze-and-draw or pointer operation (`annotate`) of the current call. Only once accepted. */
  sendAnnotation(op: AnnotationOp): Promise<void> {
    const call = this.requireAccepted('annotate');
    return this.signals.send({ conversationId: call.conversationId, callId: call.callId, action: 'annotate', payload: op });
  }

  /** Sends an offer, answer or ICE candidate (relay media layer), or camera help (`camera`), of the current call. Only once accepted. */
  sendMediaSignal(action: MediaSignalAction | PeerSignalAction, payload: unknown): Promise<void> {
    if (action !== 'offer' && action !== 'answer' && action !== 'ice' && action !== 'camera') {
      throw new SupportError('config', `Not a media signal: ${String(action)}`);
    }
    const call = this.requireAccepted('send a media signal');
    return this.signals.send({ conversationId: call.conversationId, callId: call.callId, action, payload });
  }

  /**
   * Feeds one incoming signal frame. Returns true when it changed or informed the call, false
   * when ignored (unknown or old call, own echo, out of place, malformed payload).
   */
  handleSignal(signal: SignalEvent): boolean {
    if (this.disposed) return false;
    const call = this.call;
    const decision = decideSignal(
      { state: this.current, call, selfId: this.selfId, isKnown: (id) => this.isKnown(id), answerBusy: this.settings.answerBusy },
      signal,
    );
    switch (decision.kind) {
      case 'ignore':
        return false;
      case 'ring':
        this.ring(signal);
        return true;
      case 'glare-keep':
        this.pastCalls.add(signal.callId);
        return true;
      case 'glare-yield':
        if (call) this.yieldTo(signal, call);
        return true;
      case 'busy':
        this.pastCalls.add(signal.callId);
        void this.signals.bestEffort({ conversationId: signal.conversationId, callId: signal.callId, action: 'busy' });
        return true;
      case 'accepted':
        if (call) call.peer = { ...signal.from };
        void this.enterConnecting(false);
        return true;
      case 'end':
        void this.finish(decision.reason);
        return true;
      case 'media-signal':
        this.emitter.emit('media-signal', decision.signal);
        return true;
      case 'media-state':
        this.remoteMedia = decision.media;
        if (call && decision.media.video) call.videoSeen = true;
        this.emitter.emit('remote-media-state', decision.event);
        return true;
      case 'annotation':
        return deliverAnnotation(decision, (event) => this.emitter.emit('annotation', event));
      case 'peer-signal':
        this.emitter.emit('peer-signal', decision.signal);
        return true;
    }
  }

  /** Ends any active call (hangup), clears timers and removes every listener. */
  dispose(): void {
    if (isCallActive(this.current)) void this.hangup();
    this.timer.clear();
    this.disposed = true;
    this.emitter.removeAllListeners();
  }

  private ring(signal: SignalEvent): void {
    const call = this.begin(incomingCall(signal, this.clock.now()));
    this.transition('incoming-ringing');
    this.arm((call.invite.ringTimeoutMs ?? this.settings.ringTimeoutMs) + INCOMING_RING_GRACE_MS, () => this.finish('timeout'));
  }

  /** Glare lost: withdraw our invite (for any other member still ringing) and accept the winner. */
  private yieldTo(signal: SignalEvent, own: CallRecord): void {
    this.timer.clear();
    void this.signals.bestEffort({ conversationId: own.conversationId, callId: own.callId, action: 'cancel', payload: { reason: 'glare' } });
    this.begin(incomingCall(signal, own.startedAt));
    // Nobody awaits this accept: a failure ends the call with `failed` and is reported as an event.
    this.enterConnecting(true).catch((error: SupportError) => this.emitter.emit('error', error));
  }

  private begin(call: CallRecord): CallRecord {
    this.call = call;
    this.reason = undefined;
    this.remoteMedia = undefined;
    return call;
  }

  /** Moves to `connecting`; the callee (or the glare loser) also sends `accept`. */
  private enterConnecting(sendAccept: boolean): Promise<void> {
    const call = this.requireCall();
    this.transition('connecting');
    this.arm(this.settings.connectTimeoutMs, () => this.finish('failed', 'hangup', { reason: 'timeout' }));
    if (!sendAccept) return Promise.resolve();
    const sent = this.signals.send({ conversationId: call.conversationId, callId: call.callId, action: 'accept' });
    return this.failIfUnsent(sent, call, 'connecting');
  }

  /** Ends the current call: tells the peer first (wire order), then emits `state: ended` and `summary`. */
  private finish(reason: CallEndReason, action?: SignalAction, payload?: unknown): Promise<void> {
    const call = this.requireCall();
    this.timer.clear();
    this.pastCalls.add(call.callId);
    const sent = action
      ? this.signals.bestEffort({ conversationId: call.conversationId, callId: call.callId, action, ...(payload === undefined ? {} : { payload }) })
      : Promise.resolve();
    this.reason = reason;
    const endedAt = this.clock.now();
    this.transition('ended', reason);
    this.emitter.emit('summary', summarizeCall(call, reason, endedAt));
    return sent;
  }

  /** A send that must succeed for the call to go on: on failure the call ends with `failed` and the promise rejects. */
  private failIfUnsent(sent: Promise<void>, call: CallRecord, state: CallState): Promise<void> {
    return sent.catch((error: SupportError) => {
      if (this.call === call && this.current === state) void this.finish('failed');
      throw error;
    });
  }

  private transition(next: CallState, reason?: CallEndReason): void {
    const previous = this.current;
    if (!canTransition(previous, next)) throw new SupportError('internal', `Call state ${previous} -> ${next} is not allowed`);
    const { callId, conversationId } = this.requireCall();
    this.current = next;
    this.emitter.emit('state', { state: next, previous, callId, conversationId, ...(reason ? { reason } : {}) });
  }

  /** Sets the call's one timeout. Every move of the state machine sets or clears it, so it never outlives its stage. */
  private arm(ms: number, onTimeout: () => unknown): void {
    this.timer.set(ms, () => void onTimeout());
  }

  private isKnown(callId: string): boolean {
    return callId === this.call?.callId || this.pastCalls.has(callId);
  }

  private requireCall(): CallRecord {
    if (!this.call) throw new SupportError('internal', 'No current call');
    return this.call;
  }

  private requireAccepted(action: string): CallRecord {
    if (!isCallAccepted(this.current)) throw new SupportError('config', `Cannot ${action} in call state "${this.current}"`);
    return this.requireCall();
  }

  private assertState(action: string, allowed: readonly CallState[]): void {
    if (!allowed.includes(this.current)) {
      throw new SupportError('config', `Cannot ${action} a call in state "${this.current}"`);
    }
  }
}
