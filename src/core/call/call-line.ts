/**
 * The calls of one `SupportClient` (`client.calls`): one `CallSession` for the signed-in user
 * across all conversations (so a second call gets `busy`), fed by the client's `signal` events;
 * the media of the current call (`media`: devices, streams, quality, controls) while a call UI
 * uses it; and the call-summary message posted once per call when it ends. DOM-free.
 *
 * The state machine and the media are loaded on first use (a first invite, or `start()`), so a
 * page that never calls does not download them with the chat launcher.
 */
import { Emitter } from '../../base/emitter.js';
import { SupportError, toSupportError } from '../../protocol/errors.js';
import type { UserRef } from '../../protocol/model.js';
import type { SignalEvent } from '../../transports/types.js';
import type { CallStateChange } from './call-events.js';
import type { CallLineEvents, CallLineOptions, IncomingCall } from './call-line-types.js';
import type { CallMedia } from './call-media.js';
import type { CallMediaSlot } from './call-media-slot.js';
import type { CallMediaUse } from './call-media-types.js';
import type { CallSession, StartCallOptions } from './call-session.js';
import type * as SessionModule from './call-session-module.js';
import { isCallActive, type CallState } from './call-states.js';
import type { CallSummaryPoster } from './call-summary-poster.js';
import { isStaff } from '../../protocol/desk.js';

/** Signals kept while the state machine loads. */
const MAX_QUEUED_SIGNALS = 100;

/**
 * The client's one phone line. Start, answer and end calls here. While a call UI uses the media
 * (`attachMedia()`), the line opens the devices, joins the backend's media and mirrors it into the
 * call; the UI renders `media` and forwards the user's controls to it. Only invites from the other
 * role ring (a customer's call rings every agent of the shop; an agent's call rings the customer,
 * not the other agents). When a call ends, the agent's side posts one `call-summary` message
 * (see `CallSummaryPoster`).
 *
 * @example
 * ```ts
 * client.calls.on('incoming', ({ from }) => showRinging(from.name));
 * const release = client.calls.attachMedia({});
 * client.calls.on('media', (media) => (remote.srcObject = media?.remoteStream ?? null));
 * await client.calls.start(conversationId, { video: true, askRearCamera: true });
 * client.calls.media?.toggleMic();
 * await client.calls.hangup();
 * ```
 */
export class CallLine {
  private readonly emitter = new Emitter<CallLineEvents>();
  private readonly mediaUsers = new Set<CallMediaUse>();
  private current: CallSession | undefined;
  private offSession: (() => void)[] = [];
  private loading: Promise<CallSession> | undefined;
  private summaries: CallSummaryPoster | undefined;
  private mediaSlot: CallMediaSlot | undefined;
  /** Signals that arrived while the state machine was loading, replayed in order. */
  private queued: SignalEvent[] = [];
  private disposed = false;

  constructor(private readonly options: CallLineOptions) {}

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

  /** The media of the current call, while a user of `attachMedia()` handles it. */
  get media(): CallMedia | undefined {
    return this.mediaSlot?.current;
  }

  /** Subscribes to an event; returns the unsubscribe function. */
  on<K extends keyof CallLineEvents>(event: K, listener: (payload: CallLineEvents[K]) => void): () => void {
    return this.emitter.on(event, listener);
  }

  /**
   * Lets the line drive the media of the calls `use` handles (all by default): the caller previews
   * while ringing, both sides open devices and join once accepted. Returns the release function;
   * the media of a call nobody handles any more is left (every track stopped).
   */
  attachMedia(use: CallMediaUse): () => void {
    const entry = { ...use };
    this.mediaUsers.add(entry);
    this.mediaSlot?.sync(this.current);
    return () => {
      if (this.mediaUsers.delete(entry)) this.mediaSlot?.sync(this.current);
    };
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
    void this.loadSession().catch((error: unknown) => this.emitter.emit('error', toSupportError(error)));
    return true;
  }

  private route(session: CallSession, signal: SignalEvent): boolean {
    this.summaries?.noteSignal(session, signal);
    return session.handleSignal(signal);
  }

  /** Hangs up any call and drops every listener. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.queued = [];
    this.releaseSession();
    this.mediaUsers.clear();
    void this.mediaSlot?.end();
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
        this.adopt(module);
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
        throw toSupportError(error);
      });
    return this.loading;
  }

  /** The loaded module's summary poster and media slot, made once. */
  private adopt(module: typeof SessionModule): void {
    this.summaries ??= new module.CallSummaryPoster(this.options, this.emitter);
    this.mediaSlot ??= new module.CallMediaSlot(this.mediaUsers, this.options, this.emitter);
  }

  private createSession(Session: typeof CallSession, self: UserRef): CallSession {
    // The line's options carry the session's timing, ids and signaller; the session reads only those.
    const session = new Session({
      ...this.options,
      selfId: self.id,
      // An agent busy on a call stays silent, so another agent can answer; a customer answers busy.
      answerBusy: !isStaff(self.role),
    });
    this.current = session;
    this.offSession = [
      session.on('state', (change) => this.onState(session, change)),
      session.on('summary', (summary) => {
        this.emitter.emit('summary', summary);
        this.summaries?.onSummary(summary);
      }),
      session.on('remote-media-state', (state) => {
        this.mediaSlot?.onRemoteMedia(state);
        this.emitter.emit('remote-media-state', state);
      }),
      session.on('annotation', (event) => this.emitter.emit('annotation', event)),
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
    this.summaries?.noteState(session, change);
    // Media first: on `connecting` its transport must listen before anything else runs.
    this.mediaSlot?.onState(session, change);
    this.emitter.emit('call-state', change);
    if (change.state === 'incoming-ringing') this.emitter.emit('incoming', incomingOf(session));
  }
}

function incomingOf(session: CallSession): IncomingCall {
  return {
    callId: session.callId ?? '',
    conversationId: session.conversationId ?? '',
    from: session.peer ?? { id: '', name: '', role: 'customer' },
    invite: session.invite ?? { video: true, askRearCamera: false },
  };
}
