/**
 * The calls of one `SupportClient` (`client.calls`): one `CallSession` for the signed-in user
 * across all conversations (so a second call gets `busy`), fed by the client's `signal` events,
 * and the call-summary message posted once per call when it ends. DOM-free.
 *
 * The state machine is loaded on first use (a first invite, or `start()`), so a page that never
 * calls does not download it with the chat launcher.
 */
import { Emitter } from '../../base/emitter.js';
import { SupportError } from '../../protocol/errors.js';
import type { UserRef } from '../../protocol/model.js';
import type { SignalEvent } from '../../transports/types.js';
import type { CallSummary, CallStateChange, RemoteCallMediaState } from './call-events.js';
import type { CallSession, CallSessionOptions, StartCallOptions } from './call-session.js';
import type * as SessionModule from './call-session-module.js';
import type { CallInvite, CallSignaller } from './call-signals.js';
import { isCallActive, type CallState } from './call-states.js';
import { RecentCallIds } from './recent-call-ids.js';

/** Signals kept while the state machine loads. */
const MAX_QUEUED_SIGNALS = 100;

/** Timing and ids of the underlying `CallSession` (tests shorten the 45 s ring). */
export type CallTimingOptions = Pick<
  CallSessionOptions,
  'clock' | 'ringTimeoutMs' | 'connectTimeoutMs' | 'reconnectTimeoutMs' | 'createCallId'
>;

/** What `CallManager` needs from its client. */
export interface CallManagerOptions extends CallTimingOptions {
  /** The signed-in user, once the first welcome has arrived. */
  self(): UserRef | undefined;
  signaller: CallSignaller;
  /**
   * Posts the summary message (kind `call-summary`) with this `clientMsgId`. Only called on an
   * agent's client: the relay refuses other kinds than `text` from customers.
   */
  postSummary(conversationId: string, body: string, clientMsgId: string): void;
}

/** A call ringing on this side. */
export interface IncomingCall {
  callId: string;
  conversationId: string;
  /** The caller. */
  from: UserRef;
  /** What the caller asked for (video, rear camera). */
  invite: CallInvite;
}

/** Events of `CallManager`. */
export interface CallManagerEvents {
  /** The call moved (ringing, connecting, connected, reconnecting, ended with a reason). */
  'call-state': CallStateChange;
  /** A call started ringing on this side. */
  incoming: IncomingCall;
  /** A call ended (once per call, right after `call-state: ended`). */
  summary: CallSummary;
  /** The peer's mute / camera / screen-share state, as sent over signalling. */
  'remote-media-state': RemoteCallMediaState;
  /** A signal nobody awaits could not be sent. */
  error: SupportError;
}

/**
 * The client's one phone line. Start, answer and end calls here; a call UI (`<support-call>`)
 * attaches the media to `session`. Only invites from the other role ring (a customer's call rings
 * every agent of the shop; an agent's call rings the customer, not the other agents).
 *
 * Summaries: when a call ends, the agent's side posts one `call-summary` message (see
 * `CallSummaryRecord`) whose `clientMsgId` is derived from the call id, so several agents (or
 * tabs) that rang for the same missed call store it once. A ringing that stopped because
 * someone else answered posts nothing: the one who answered does.
 *
 * @example
 * ```ts
 * client.calls.on('incoming', ({ from }) => showRinging(from.name));
 * await client.calls.start(conversationId, { video: true, askRearCamera: true });
 * await client.calls.hangup();
 * ```
 */
export class CallManager {
  private readonly emitter = new Emitter<CallManagerEvents>();
  private readonly answeredElsewhere = new RecentCallIds();
  private readonly summarised = new RecentCallIds();
  private readonly accepted = new RecentCallIds();
  private current: CallSession | undefined;
  private offSession: (() => void)[] = [];
  private loading: Promise<CallSession> | undefined;
  private loaded: typeof SessionModule | undefined;
  /** Signals that arrived while the state machine was loading, replayed in order. */
  private queued: SignalEvent[] = [];
  private disposed = false;

  constructor(private readonly options: CallManagerOptions) {}

  /**
   * The session of the signed-in user, once a call has needed it (media layers attach to it);
   * `undefined` before the first call.
   */
  get session(): CallSession | undefined {
    return this.current;
  }

  /** Where the current (or last) call stands; `idle` before any call. */
  get state(): CallState {
    return this.current?.state ?? 'idle';
  }

  /** The call ringing on this side, if any. */
  get incoming(): IncomingCall | undefined {
    const session = this.current;
    if (!session || session.state !== 'incoming-ringing') return undefined;
    return incomingOf(session);
  }

  /** True while a call rings, connects or runs. */
  get active(): boolean {
    return isCallActive(this.state);
  }

  /** Subscribes to an event; returns the unsubscribe function. */
  on<K extends keyof CallManagerEvents>(event: K, listener: (payload: CallManagerEvents[K]) => void): () => void {
    return this.emitter.on(event, listener);
  }

  /**
   * Calls the other side of `conversationId`. Resolves once the invite is sent (or, when the other
   * side's call in that conversation is already ringing here, once it is accepted: glare). Throws
   * `closed` before the client has connected; rejects with `config` during another call.
   */
  start(conversationId: string, options: StartCallOptions = {}): Promise<void> {
    this.requireUser();
    return this.loadSession().then((session) => {
      // The other side called first (its invite arrived while we were loading): both want this call.
      if (session.state === 'incoming-ringing' && session.conversationId === conversationId) return session.accept();
      return session.start(conversationId, options);
    });
  }

  /** Answers the ringing call. */
  accept(): Promise<void> {
    return this.requireSession('accept').accept();
  }

  /** Refuses the ringing call. */
  decline(): Promise<void> {
    return this.requireSession('decline').decline();
  }

  /** Ends the call whatever its stage (cancels, declines or hangs up). No-op without a call. */
  hangup(): Promise<void> {
    const session = this.current;
    if (!session || !isCallActive(session.state)) return Promise.resolve();
    return session.hangup();
  }

  /**
   * Feeds a `signal` event of the client. Returns true when it concerned the call (or may: a
   * signal that arrives while the state machine loads is queued and returns true).
   */
  handleSignal(signal: SignalEvent): boolean {
    if (this.disposed) return false;
    const self = this.options.self();
    // Agents hear every call of the shop: another agent calling a customer is not for us.
    if (signal.action === 'invite' && signal.from.role === self?.role) return false;
    const session = this.usableSession();
    if (session) return this.route(session, signal);
    if (!this.loading && signal.action !== 'invite') return false; // no call here: nothing it could concern
    if (!self?.id) return false;
    this.queued.push(signal);
    if (this.queued.length > MAX_QUEUED_SIGNALS) this.queued.shift();
    void this.loadSession().catch((error: unknown) => this.emitter.emit('error', toError(error)));
    return true;
  }

  private route(session: CallSession, signal: SignalEvent): boolean {
    if (
      session.state === 'incoming-ringing' &&
      signal.callId === session.callId &&
      signal.from.id !== session.peer?.id &&
      (signal.action === 'accept' || signal.action === 'decline' || signal.action === 'busy')
    ) {
      // Another agent or another tab of ours took (or refused) the call: they post its summary.
      this.answeredElsewhere.add(signal.callId);
    }
    return session.handleSignal(signal);
  }

  /** Hangs up any call and drops every listener. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.queued = [];
    this.releaseSession();
    this.emitter.removeAllListeners();
  }

  private requireUser(): UserRef {
    if (this.disposed) throw new SupportError('closed', 'The client is disposed', { retryable: false });
    const self = this.options.self();
    if (!self?.id) throw new SupportError('closed', 'Calls need a connected client (the user is not known yet)');
    return self;
  }

  private requireSession(action: string): CallSession {
    this.requireUser();
    const session = this.current;
    if (!session) throw new SupportError('config', `Cannot ${action}: there is no call`);
    return session;
  }

  /** The current session while it belongs to the signed-in user (or still has a call). */
  private usableSession(): CallSession | undefined {
    const session = this.current;
    const self = this.options.self();
    if (!session) return undefined;
    if (session.selfId === self?.id || isCallActive(session.state)) return session;
    this.releaseSession();
    return undefined;
  }

  /** Loads the state machine (once) and makes the user's session; queued signals are then replayed. */
  private loadSession(): Promise<CallSession> {
    const ready = this.usableSession();
    if (ready) return Promise.resolve(ready);
    this.loading ??= import('./call-session-module.js')
      .then((module) => {
        this.loading = undefined;
        this.loaded = module;
        if (this.disposed) throw new SupportError('closed', 'The client is disposed', { retryable: false });
        const session = this.usableSession() ?? this.createSession(module.CallSession, this.requireUser());
        const queued = this.queued;
        this.queued = [];
        for (const signal of queued) this.route(session, signal);
        return session;
      })
      .catch((error: unknown) => {
        this.loading = undefined;
        this.queued = [];
        throw toError(error);
      });
    return this.loading;
  }

  private createSession(Session: typeof CallSession, self: UserRef): CallSession {
    const session = new Session({
      selfId: self.id,
      signaller: this.options.signaller,
      // An agent busy on a call stays silent, so another agent can answer; a customer answers busy.
      answerBusy: self.role !== 'agent',
      ...timing(this.options),
    });
    this.current = session;
    this.offSession = [
      session.on('state', (change) => this.onState(session, change)),
      session.on('summary', (summary) => this.onSummary(summary)),
      session.on('remote-media-state', (state) => this.emitter.emit('remote-media-state', state)),
      session.on('error', (error) => this.emitter.emit('error', error)),
    ];
    return session;
  }

  /** Ends the session (a running call is hung up, and summarised), then drops its listeners. */
  private releaseSession(): void {
    const session = this.current;
    this.current = undefined;
    session?.dispose();
    for (const off of this.offSession) off();
    this.offSession = [];
  }

  private onState(session: CallSession, change: CallStateChange): void {
    if (change.state === 'connecting' && session.direction === 'incoming') this.accepted.add(change.callId);
    this.emitter.emit('call-state', change);
    if (change.state === 'incoming-ringing') this.emitter.emit('incoming', incomingOf(session));
  }

  private onSummary(summary: CallSummary): void {
    this.emitter.emit('summary', summary);
    const self = this.options.self();
    if (self?.role !== 'agent' || this.answeredElsewhere.has(summary.callId) || this.summarised.has(summary.callId)) return;
    this.summarised.add(summary.callId);
    const format = this.loaded;
    if (!format) return;
    try {
      const body = format.encodeCallSummary(format.callSummaryRecord(summary, self, this.accepted.has(summary.callId)));
      this.options.postSummary(summary.conversationId, body, format.callSummaryMessageId(summary.callId));
    } catch (error) {
      this.emitter.emit('error', toError(error));
    }
  }
}

function toError(error: unknown): SupportError {
  return error instanceof SupportError ? error : new SupportError('internal', error instanceof Error ? error.message : String(error), { cause: error });
}

function incomingOf(session: CallSession): IncomingCall {
  return {
    callId: session.callId ?? '',
    conversationId: session.conversationId ?? '',
    from: session.peer ?? { id: '', name: '', role: 'customer' },
    invite: session.invite ?? { video: true, askRearCamera: false },
  };
}

function timing(options: CallTimingOptions): CallTimingOptions {
  const picked: CallTimingOptions = {};
  if (options.clock) picked.clock = options.clock;
  if (options.ringTimeoutMs !== undefined) picked.ringTimeoutMs = options.ringTimeoutMs;
  if (options.connectTimeoutMs !== undefined) picked.connectTimeoutMs = options.connectTimeoutMs;
  if (options.reconnectTimeoutMs !== undefined) picked.reconnectTimeoutMs = options.reconnectTimeoutMs;
  if (options.createCallId) picked.createCallId = options.createCallId;
  return picked;
}
