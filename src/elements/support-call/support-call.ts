import { nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import type { CallLine } from '../../core/call/call-line.js';
import type { CallSession, StartCallOptions } from '../../core/call/call-session.js';
import type { CallStateChange } from '../../core/call/call-events.js';
import type { CallState } from '../../core/call/call-states.js';
import { SupportError, toSupportError } from '../../protocol/errors.js';
import { callCatalog } from '../../i18n/en/call.js';
import { LocalizeController } from '../../i18n/localize-controller.js';
import type { UploadProvider } from '../../uploads/types.js';
import { SupportElement } from '../base.js';
import { themeStyles } from '../theme/theme.styles.js';
import { focusForView, returnFocusToHost } from './call-focus.js';
import { errorTermOf } from './call-error-terms.js';
import { CallLineController } from './call-line-controller.js';
import { shareSnapshot } from './call-snapshot.js';
import { peerNameOf, renderCallView, type CallViewActions } from './call-view.js';
import { EndNotice } from './end-notice.js';
import { RemoteSound } from './remote-sound.js';
import { SelfViewPlacement } from './self-view-corner.js';
import { stageSwipe } from './stage-swipe.js';
import { defaultUploadProvider } from './snapshot-upload.js';
import { fullscreenCallStyles } from './fullscreen.styles.js';
import { networkPauseNoticeStyles } from './network-pause-notice.styles.js';
import { callStyles } from './support-call.styles.js';

export type { SupportSnapshotDetail } from './call-snapshot.js';

/** What the element shows: the call's state, or `idle` when there is no call (or its end notice closed). */
export type SupportCallView = CallState;

/**
 * The voice or video call of a `SupportClient`: ringing with accept/decline, the remote video (a
 * name card while the other side sends none) with a self-view picture-in-picture (dragged, or moved
 * with the arrow keys), mute, camera on/off (turning it on makes a voice call video), camera switch,
 * device picker, screen share, snapshots, torch and zoom requests (the agent asks, the customer
 * allows or refuses), call timer and network quality. When the call ends, a short notice ("Call
 * ended · 4:12") shows, then the element closes by itself. `layout="fullscreen"` covers the viewport
 * edge to edge (a phone). Set `client` (the chat's or the inbox's `activeClient`); the element
 * follows the client's one call (`client.calls`) and renders nothing while there is none.
 *
 * The client owns the media (`client.calls.media`: devices, browser-to-browser WebRTC on the relay
 * backend, Agora RTC on the agora backend; both load on demand): the element renders its streams
 * and forwards the buttons to it. The module is loaded only when a call starts (script tag:
 * `SupportWidget.load('support-call')`).
 *
 * @tagname support-call
 * @summary Video call UI for remote diagnosis: ringing, videos, controls, snapshots.
 *
 * @csspart call - The call's region (carries `data-state`).
 * @csspart remote-video - The other side's video (with their audio).
 * @csspart local-video - The self-view (picture-in-picture once connected).
 * @csspart remote-state - Badges about the other side: muted, camera off, sharing the screen.
 * @csspart network-notice - Over the picture while a weak network holds a video back (audio goes on): the peer's, this side's or both; empty otherwise.
 * @csspart voice-stage - Instead of the other side's video while it sends none (a voice call): their initial and name.
 * @csspart camera-help - The agent's torch and zoom buttons for the customer's camera, shown only when it has them.
 * @csspart torch-button - Asks the customer to turn the torch on or off (`aria-pressed` while it is on).
 * @csspart zoom-in-button - Asks the customer's camera to zoom in.
 * @csspart zoom-out-button - Asks the customer's camera to zoom out.
 * @csspart camera-request - The customer's prompt: what the agent asked of the camera, with Allow and Refuse.
 * @csspart allow-button - Applies the agent's camera request.
 * @csspart refuse-button - Refuses the agent's camera request.
 * @csspart status - State, call timer and network quality.
 * @csspart quality - The network quality indicator inside `status` (carries `data-level`).
 * @csspart notice - A visible message: permission denied, no device, connection lost, snapshot sent.
 * @csspart accept-button - Answers an incoming call.
 * @csspart decline-button - Refuses an incoming call.
 * @csspart cancel-button - Gives up an outgoing call (also `hangup-button`).
 * @csspart hangup-button - Ends the call.
 * @csspart mute-button - Toggles the microphone (`aria-pressed` when muted).
 * @csspart camera-button - Toggles the camera (`aria-pressed` when off).
 * @csspart switch-camera-button - Switches front/rear camera (or to the next camera).
 * @csspart screen-share-button - Starts/stops sharing the screen (`aria-pressed` while sharing).
 * @csspart snapshot-button - Captures the video into the conversation.
 * @csspart devices-button - Shows the device picker.
 * @csspart devices - The device picker.
 * @csspart camera-select - Camera choice.
 * @csspart microphone-select - Microphone choice.
 * @csspart sound-button - Shown when the browser blocked sound: turns it on.
 * @csspart close-button - Closes the ended call's notice at once (it closes by itself after a few seconds).
 * @csspart chat-button - With `chat`: opens the conversation over the call (`aria-expanded`); also a swipe up on the video.
 * @csspart annotation-toolbar - Freeze-and-draw over the video: the freeze and pointer buttons; over a still or while pointing, the drawing tools and their buttons (docs/freeze-and-draw.md).
 * @csspart freeze-button - Freezes the received video on both screens.
 * @csspart pointer-button - The agent points at the customer's live video.
 * @csspart annotation-still - The frozen still (full resolution, letterboxed).
 * @csspart annotation-canvas - The drawing over the still.
 * @csspart annotation-pointer - The pointer's dot (over the peer's video, or over this side's self-view while the peer points at it).
 * @csspart annotation-notice - What is happening ("Drawing added to the conversation.").
 * @csspart tool-arrow - Draws arrows (`aria-pressed` while chosen; so do the other tools).
 * @csspart tool-circle - Draws circles and ellipses.
 * @csspart tool-pen - Draws freehand.
 * @csspart tool-text - Places a text label.
 * @csspart undo-button - Removes this side's newest stroke.
 * @csspart clear-button - Removes every stroke.
 * @csspart send-button - "Send to chat": the still with its drawing, as an image message.
 * @csspart unfreeze-button - Back to live video on both screens.
 * @csspart stop-pointer-button - Stops pointing.
 * @csspart chat-badge - On the chat button: how many messages came while the chat was closed (`chat-unread`).
 *
 * @cssprop --support-primary-color - Accept button and focus.
 * @cssprop --support-danger-color - Decline and hang-up buttons.
 * @cssprop --support-success-color - Good network quality.
 * @cssprop --support-surface-color - Background of the ringing card.
 * @cssprop --support-text-color - Text colour.
 * @cssprop --support-radius - Corner radius.
 * @cssprop --support-font-family - Font stack.
 * @cssprop --support-call-height - Height of the video stage (inline layout). Default 420px.
 * @cssprop --support-call-background - Background behind the videos (and the whole screen in the fullscreen layout). Default #0b0d12.
 * @cssprop --support-z-index - Stacking order of the fullscreen layout. Default 2147483000.
 *
 * @fires support-call-state - The call moved; `detail: {state, previous, callId, conversationId, reason?}`.
 * @fires support-snapshot - Cancelable; `detail: {blob, width, height, source, conversationId}`. Cancel to keep it out of the conversation.
 * @fires support-error - `detail: {error, code, message}`; codes `media-denied`, `camera-denied`, `no-device`, `network`, ...
 * @fires support-call-chat - The user asks for the chat over the call (the chat button, a swipe up); `detail: {open}`. The host shows its thread and sets `chatOpen`.
 * @fires support-call-close - The ended call's notice closed (by itself or with the close button); focus that was in the call is the host's to place.
 *
 * @example
 * ```js
 * await SupportWidget.load('support-call');
 * const call = document.createElement('support-call');
 * call.client = document.querySelector('support-chat').activeClient;
 * call.conversationId = call.client.primaryConversationId;
 * document.body.append(call);
 * await call.start({ video: true });
 * ```
 */
export class SupportCall extends SupportElement {
  static override styles = [themeStyles, ...callStyles, networkPauseNoticeStyles, fullscreenCallStyles];

  static override properties: PropertyDeclarations = {
    conversationId: { attribute: 'conversation-id' },
    iceServers: { attribute: false },
    uploadProvider: { attribute: false },
    view: { attribute: 'state', reflect: true },
    theme: { reflect: true },
    layout: { reflect: true },
    chat: { type: Boolean },
    chatOpen: { attribute: 'chat-open', type: Boolean },
    chatUnread: { attribute: 'chat-unread', type: Number },
  };

  /** The conversation `start()` calls in; when set, only that conversation's calls are shown. */
  declare conversationId: string;
  /** STUN/TURN servers for the media connection; default none (same machine or LAN). */
  declare iceServers: RTCIceServer[] | undefined;
  /** Where snapshots are stored; default the relay (`server` + `tokenProvider` or `token-endpoint`). */
  declare uploadProvider: UploadProvider | undefined;
  /** What is shown (reflected as the `state` attribute): `idle` when nothing is. Read-only. */
  declare view: SupportCallView;
  /** Force a colour scheme; default follows `prefers-color-scheme`. */
  declare theme: 'dark' | 'light' | undefined;
  /** `inline` (default): in the page flow. `fullscreen`: covers the viewport while a call shows (phones). */
  declare layout: 'inline' | 'fullscreen';
  /** Offer the chat button (the host shows its conversation when `support-call-chat` fires). */
  declare chat: boolean;
  /** The host's chat is open over the call (the chat button's `aria-expanded`). */
  declare chatOpen: boolean;
  /** Messages that came while the chat was closed: the chat button's badge. */
  declare chatUnread: number;

  private readonly i18n = new LocalizeController(this);
  private readonly terms = this.i18n.use(callCatalog);
  private readonly line = new CallLineController(this, {
    iceServers: () => this.iceServers,
    handles: (conversationId) => this.handles(conversationId),
    onCallState: (change) => this.onCallState(change),
    onError: (error) => this.report(error),
  });
  private readonly placement = new SelfViewPlacement(() => this.requestUpdate());
  private readonly swipe = stageSwipe(() => this.askChat(true));
  private readonly ending = new EndNotice(this, () => this.dismiss());
  private readonly sound = new RemoteSound(
    () => this.renderRoot.querySelector<HTMLVideoElement>('video[part~="remote-video"]'),
    () => this.requestUpdate(),
  );
  private notice: { text: string; alert: boolean } | undefined;
  private devicesOpen = false;
  private dismissedCallId: string | undefined;

  constructor() {
    super();
    this.conversationId = '';
    this.view = 'idle';
    this.layout = 'inline';
    this.chat = false;
    this.chatOpen = false;
    this.chatUnread = 0;
  }

  /** Places a call in `conversationId` (default: a customer's own conversation). */
  async start(options: StartCallOptions = {}): Promise<void> {
    const calls = this.requireCalls();
    const conversationId = this.conversationId || this.client?.primaryConversationId;
    if (!conversationId) throw new SupportError('config', '<support-call>: set `conversationId` before start()');
    this.notice = undefined;
    await this.guard(calls.start(conversationId, options));
  }

  /** Answers the ringing call. */
  async accept(): Promise<void> {
    await this.guard(this.requireCalls().accept());
  }

  /** Refuses the ringing call. */
  async decline(): Promise<void> {
    await this.guard(this.requireCalls().decline());
  }

  /** Ends the call whatever its stage. */
  async hangup(): Promise<void> {
    await this.guard(this.line.calls?.hangup() ?? Promise.resolve());
  }

  /**
   * Captures the remote video (or the self-view) as a JPEG, fires `support-snapshot` and, unless
   * a listener cancels it, stores it and sends it into the conversation as an image message.
   */
  async snapshot(source: 'remote' | 'local' = this.line.media?.remoteStream ? 'remote' : 'local'): Promise<void> {
    const client = this.client;
    const conversationId = this.session?.conversationId;
    const video = this.renderRoot.querySelector<HTMLVideoElement>(`video[part~="${source}-video"]`);
    if (!client || !conversationId || !video) return;
    try {
      const done = await shareSnapshot({
        video,
        source,
        conversationId,
        client,
        uploads: this.uploadProvider ?? defaultUploadProvider(this, client),
        offer: (detail) => this.emit('support-snapshot', detail, { cancelable: true }),
        sending: () => this.show(this.terms.term('call.snapshotSending')),
      });
      if (done !== 'cancelled') this.show(this.terms.term(done === 'sent' ? 'call.snapshotSent' : 'call.snapshotTaken'));
    } catch (error) {
      this.report(toSupportError(error));
    }
  }

  /** Tracks this element opened for the current call that are still live (0 once it ended). */
  get liveTracks(): number {
    return this.line.media?.liveLocalTracks ?? 0;
  }

  /** The call's strings in a language other than English, while they are fetched. */
  protected override pendingRender(): Promise<unknown> | undefined {
    return this.i18n.loading;
  }

  protected override willUpdate(): void {
    this.line.follow(this.isConnected ? this.client?.calls : undefined);
    this.view = this.currentView();
    const session = this.session;
    if (session && this.view !== 'idle') this.ending.follow(session.callId, session.state, this.line.media?.connectedAt);
  }

  protected override render(): TemplateResult | typeof nothing {
    const session = this.session;
    if (!session || this.view === 'idle') return nothing;
    return renderCallView({
      session,
      view: this.view,
      media: this.line.media,
      strings: this.terms,
      peerName: peerNameOf(session, this.client, this.terms),
      dir: this.i18n.dir,
      notice: this.notice,
      devicesOpen: this.devicesOpen,
      soundBlocked: this.sound.blocked,
      talkMs: this.ending.talkMs,
      selfView: this.placement,
      swipe: this.layout === 'fullscreen' && this.chat ? this.swipe : undefined,
      chat: this.chat ? { open: this.chatOpen, unread: this.chatUnread } : undefined,
      actions: this.actions,
      annotation: this.line.annotation.render(this.view, this.line.media),
      selfPointed: this.line.annotation.pointedAtSelf,
    });
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('view')) focusForView(this, this.renderRoot, this.view);
  }

  private get session(): CallSession | undefined {
    return this.line.calls?.session;
  }

  private currentView(): SupportCallView {
    const session = this.session;
    if (!session || !session.conversationId || !this.handles(session.conversationId)) return 'idle';
    if (session.state === 'ended' && session.callId === this.dismissedCallId) return 'idle';
    return session.state;
  }

  /** Calls of `conversationId` are this element's (all calls when no conversation is set). */
  private handles(conversationId: string): boolean {
    return !this.conversationId || this.conversationId === conversationId;
  }

  private onCallState(change: CallStateChange): void {
    if (!this.handles(change.conversationId)) return;
    if (change.state === 'outgoing-ringing' || change.state === 'incoming-ringing') {
      this.notice = undefined;
      this.devicesOpen = false;
      this.sound.blocked = false;
    }
    if (change.state === 'ended' && (change.reason === 'peer-left' || change.reason === 'failed')) {
      this.report(new SupportError('network', change.reason === 'peer-left' ? 'The other side vanished' : 'The call could not connect'));
    }
    this.emit('support-call-state', { ...change });
    this.requestUpdate();
  }

  /** Shows a failure and fires `support-error` (codes `media-denied`, `no-device`, `network`, ...). */
  private report(error: SupportError): void {
    this.notice = { text: this.terms.term(errorTermOf(error.code)), alert: true };
    this.emit('support-error', { error, code: error.code, message: error.message });
    this.requestUpdate();
  }

  private show(text: string): void {
    this.notice = { text, alert: false };
    this.requestUpdate();
  }

  private async guard(action: Promise<void>): Promise<void> {
    try {
      await action;
    } catch (error) {
      this.report(toSupportError(error));
      throw error;
    } finally {
      this.requestUpdate();
    }
  }

  private requireCalls(): CallLine {
    const calls = this.client?.calls;
    if (!calls) throw new SupportError('config', '<support-call> needs `client` (a connected SupportClient)');
    this.line.follow(calls);
    return calls;
  }

  private readonly actions: CallViewActions = {
    accept: () => void this.accept().catch(() => undefined),
    decline: () => void this.decline().catch(() => undefined),
    hangup: () => void this.hangup().catch(() => undefined),
    snapshot: () => void this.snapshot(),
    toggleDevices: () => {
      this.devicesOpen = !this.devicesOpen;
      this.requestUpdate();
    },
    enableSound: this.sound.enable,
    dismiss: () => this.dismiss(),
    playRemote: this.sound.play,
    toggleChat: () => this.askChat(!this.chatOpen),
  };

  private askChat(open: boolean): void {
    if (this.chat) this.emit('support-call-chat', { open });
  }

  private dismiss(): void {
    if (this.view === 'idle') return;
    returnFocusToHost(this);
    this.dismissedCallId = this.session?.callId;
    this.notice = undefined;
    this.requestUpdate();
    this.emit('support-call-close', {});
  }
}
