/**
 * What `<support-call>` shows for each state of the call: the ringing card, the video stage with
 * the self-view, the status line, the controls and the device picker, and the end of the call.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { CallSession } from '../../core/call/call-session.js';
import type { SupportClient } from '../../core/support-client.js';
import { isCallAccepted, type CallEndReason, type CallState } from '../../core/call/call-states.js';
import { closeCallIcon } from './call-icons.js';
import type { CallMedia } from '../../core/call/call-media.js';
import { renderCancelControl, renderDevicePicker, renderInCallControls, renderRingingControls } from './call-controls.js';
import { formatDuration, renderCallStatus } from './call-status.js';
import { renderCameraHelp, renderCameraRequest } from './camera-help-view.js';
import { renderNetworkPauseNotice } from './network-pause-notice.js';
import { renderVoiceStage } from './voice-stage.js';
import type { SelfViewPlacement } from './self-view-corner.js';
import type { CallTermKey } from '../../i18n/en/call.js';
import type { Terms } from '../../i18n/localize-controller.js';

const END_TERMS: Record<CallEndReason, CallTermKey> = {
  hangup: 'call.end.hangup',
  'remote-hangup': 'call.end.remoteHangup',
  declined: 'call.end.declined',
  cancelled: 'call.end.cancelled',
  busy: 'call.end.busy',
  timeout: 'call.end.timeout',
  failed: 'call.error.failed',
  'peer-left': 'call.error.network',
  'media-denied': 'call.error.mediaDenied',
  'no-device': 'call.error.noDeviceEnded',
};

/** The other side's name; before anyone answers, "Support" for a customer or the conversation's customer. */
export function peerNameOf(session: CallSession, client: SupportClient | undefined, s: Terms<CallTermKey>): string {
  if (session.peer?.name) return session.peer.name;
  if (client?.user?.role === 'customer') return s.term('call.support');
  const customer = session.conversationId ? client?.conversation(session.conversationId)?.customer.name : undefined;
  return customer || s.term('call.customer');
}

/** What the element does when a control is used. */
export interface CallViewActions {
  accept(): void;
  decline(): void;
  hangup(): void;
  snapshot(): void;
  toggleDevices(): void;
  enableSound(): void;
  dismiss(): void;
  playRemote(event: Event): void;
  toggleChat(): void;
}

export interface CallViewModel {
  session: CallSession;
  view: CallState;
  media: CallMedia | undefined;
  strings: Terms<CallTermKey>;
  /** The other side's name as the UI says it. */
  peerName: string;
  dir: 'ltr' | 'rtl';
  notice: { text: string; alert: boolean } | undefined;
  devicesOpen: boolean;
  soundBlocked: boolean;
  /** Talk time of a call that ended after connecting (for "Call ended · 4:12"). */
  talkMs: number | undefined;
  /** The self-view's corner and its drag and key handlers. */
  selfView: SelfViewPlacement;
  /** The stage's swipe-up listeners (the chat drawer), when the host offers one full screen. */
  swipe: { pointerdown(event: PointerEvent): void; pointerup(event: PointerEvent): void } | undefined;
  /** The chat drawer button's state, when the host offers one. */
  chat: { open: boolean; unread: number } | undefined;
  actions: CallViewActions;
  /** Freeze-and-draw and the pointer over the video (`AnnotationEntry.render`). */
  annotation?: TemplateResult | typeof nothing;
  /** The peer points at this side's camera: the self-view fills the stage under the pointer's dot. */
  selfPointed?: boolean;
}

/** The whole call region. */
export function renderCallView(model: CallViewModel): TemplateResult {
  const { strings: s, view, notice } = model;
  return html`<section part="call" class="call" dir=${model.dir} data-state=${view} role="region" aria-label=${s.term('call.region')}>
    ${view === 'incoming-ringing' ? renderIncoming(model) : renderStage(model)}
    ${notice ? html`<p part="notice" class="notice" role=${notice.alert ? 'alert' : 'status'}>${notice.text}</p>` : nothing}
  </section>`;
}

function renderIncoming({ session, strings: s, peerName, actions }: CallViewModel): TemplateResult {
  const invite = session.invite;
  return html`<div class="ringing-card">
    <p class="caller" role="alert">${s.term(invite?.video === false ? 'call.incomingAudio' : 'call.incomingVideo', { name: peerName })}</p>
    ${invite?.askRearCamera ? html`<p class="hint">${s.term('call.asksRearCamera')}</p>` : nothing}
    ${renderRingingControls(s, { accept: actions.accept, decline: actions.decline })}
  </div>`;
}

/** A call that ended folds into one line (how it ended, and the close button): no empty black stage. */
function renderEnded(model: CallViewModel): TemplateResult {
  return html`${renderCallStatus({ text: statusText(model), i18n: model.strings })} ${renderControls(model)}`;
}

function renderStage(model: CallViewModel): TemplateResult {
  const { strings: s, media, view, peerName: name, actions } = model;
  if (view === 'ended') return renderEnded(model);
  const accepted = isCallAccepted(view);
  const running = view === 'connected' || view === 'reconnecting';
  const self = model.selfView;
  // The pointer's dot needs the whole frame as the peer sees it: letterboxed, not mirrored, not movable.
  const pointed = accepted && model.selfPointed === true;
  const movable = accepted && !pointed;
  // No black box while the other side sends no video (a voice call): their name instead.
  const voice = accepted ? !!media && !media.remote.video && !media.remote.screen : !media?.selfStream && model.session.invite?.video === false;
  return html`<div
      class="stage"
      ?data-audio=${voice}
      data-sharing=${media?.remote.screen ? 'remote' : media?.sharing ? 'local' : 'none'}
      @pointerdown=${model.swipe?.pointerdown}
      @pointerup=${model.swipe?.pointerup}
    >
      ${accepted
        ? html`<video
            part="remote-video"
            class="remote"
            autoplay
            playsinline
            aria-label=${s.term('call.remoteVideo', { name })}
            .srcObject=${live(media?.remoteStream ?? null)}
            @loadedmetadata=${actions.playRemote}
          ></video>`
        : nothing}
      ${voice ? renderVoiceStage(s, name) : nothing}
      <video
        part="local-video"
        class="local ${pointed ? 'large' : accepted ? 'pip' : 'preview'}"
        autoplay
        playsinline
        .muted=${true}
        ?data-mirrored=${!pointed && !media?.sharing && media?.facing !== 'environment'}
        ?hidden=${!media?.selfStream || !media.cameraOn}
        data-corner=${self.corner}
        tabindex=${movable ? '0' : nothing}
        aria-label=${s.term(movable ? 'call.moveSelfView' : 'call.localVideo')}
        aria-keyshortcuts=${movable ? 'ArrowUp ArrowDown ArrowLeft ArrowRight' : nothing}
        @pointerdown=${movable ? self.pointerdown : nothing}
        @pointermove=${movable ? self.pointermove : nothing}
        @pointerup=${movable ? self.pointerup : nothing}
        @pointercancel=${movable ? self.pointerup : nothing}
        @keydown=${movable ? self.keydown : nothing}
        .srcObject=${live(media?.selfStream ?? null)}
      ></video>
      ${accepted && media ? renderRemoteState(s, media, name, model.session.invite?.video !== false) : nothing}
      ${accepted && media ? renderNetworkPauseNotice(s, media.networkVideoPause, name) : nothing}
      ${model.annotation ?? nothing}
      ${model.soundBlocked
        ? html`<button type="button" part="sound-button" class="sound" @click=${actions.enableSound}>${s.term('call.enableSound')}</button>`
        : nothing}
    </div>
    ${renderCallStatus({
      text: statusText(model),
      ...(running && media?.connectedAt !== undefined ? { elapsedMs: Date.now() - media.connectedAt } : {}),
      ...(running && media?.quality ? { quality: media.quality } : {}),
      ...(media && (media.networkVideoPause.local || media.networkVideoPause.remote) ? { weak: true } : {}),
      i18n: s,
    })}
    ${renderControls(model)}
    ${accepted && media ? renderCameraRequest(s, media.cameraHelp, name) : nothing}
    ${accepted && media && model.session.peer?.role === 'customer' ? renderCameraHelp(s, media.cameraHelp, name) : nothing}
    ${accepted && media && model.devicesOpen
      ? renderDevicePicker(s, media.devices.lists, media.devices, {
          chooseCamera: (id) => void media.chooseCamera(id),
          chooseMicrophone: (id) => void media.chooseMicrophone(id),
        })
      : nothing}`;
}

/** Badges about the other side; "camera off" only in a video call (a voice call's name card says it). */
function renderRemoteState(s: Terms<CallTermKey>, media: CallMedia, name: string, videoCall: boolean): TemplateResult | typeof nothing {
  const remote = media.remote;
  const badges: string[] = [];
  if (!remote.video && videoCall) badges.push(s.term('call.remoteCameraOff', { name }));
  if (!remote.audio) badges.push(s.term('call.remoteMuted', { name }));
  if (remote.screen) badges.push(s.term('call.remoteSharing', { name }));
  if (!badges.length) return nothing;
  return html`<ul part="remote-state" class="remote-state" aria-live="polite">
    ${badges.map((badge) => html`<li>${badge}</li>`)}
  </ul>`;
}

function renderControls(model: CallViewModel): TemplateResult {
  const { strings: s, view, media, actions } = model;
  if (view === 'ended') {
    return html`<div class="controls">
      <button type="button" part="close-button" class="control" aria-label=${s.term('call.close')} title=${s.term('call.close')} @click=${actions.dismiss}>
        ${closeCallIcon}
      </button>
    </div>`;
  }
  if (view === 'outgoing-ringing' || !media) return renderCancelControl(s, view === 'outgoing-ringing' ? 'call.cancel' : 'call.hangup', actions.hangup);
  return renderInCallControls(
    s,
    {
      micOn: media.micOn,
      cameraOn: media.cameraOn,
      sharing: media.sharing,
      canSwitchCamera: media.canSwitchCamera,
      canShareScreen: media.canShareScreen,
      canSnapshot: view === 'connected',
      devicesOpen: model.devicesOpen,
      // Switching cameras needs one: a video call's, or a voice call's once turned on.
      video: model.session.invite?.video !== false || media.cameraOn,
      chat: model.chat,
    },
    {
      toggleMic: () => media.toggleMic(),
      toggleCamera: () => void media.toggleCamera(),
      switchCamera: () => void media.switchCamera(),
      toggleScreenShare: () => void media.toggleScreenShare(),
      snapshot: actions.snapshot,
      toggleDevices: actions.toggleDevices,
      hangup: actions.hangup,
      toggleChat: actions.toggleChat,
    },
  );
}

function statusText({ session, view, strings: s, peerName: name, talkMs }: CallViewModel): string {
  switch (view) {
    case 'outgoing-ringing':
      return s.term('call.outgoing', { name });
    case 'connecting':
      return s.term('call.connecting');
    case 'connected':
      return s.term('call.connected', { name });
    case 'reconnecting':
      return s.term('call.reconnecting');
    default:
      return endText(session.endReason ?? 'hangup', name, talkMs, s);
  }
}

/** How the call ended; after talking, "Call ended · 4:12" (or "Ada ended the call · 4:12"). */
function endText(reason: CallEndReason, name: string, talkMs: number | undefined, s: Terms<CallTermKey>): string {
  if (talkMs === undefined || (reason !== 'hangup' && reason !== 'remote-hangup')) return s.term(END_TERMS[reason], { name });
  const duration = formatDuration(talkMs);
  return reason === 'hangup' ? s.term('call.endedAfter', { duration }) : s.term('call.endedByAfter', { name, duration });
}
