/**
 * The buttons of `<support-call>`: answer/decline while ringing, cancel while calling, and the
 * in-call bar (mute, camera, switch camera, screen share, snapshot, devices, hang up). Toggles
 * carry `aria-pressed`; every button has a label, since most show only an icon.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { CallTermKey } from '../../i18n/en/call.js';
import type { Terms } from '../../i18n/localize-controller.js';
import type { MediaDeviceLists } from '../../core/call/call-media-types.js';
import {
  hangupIcon,
  micIcon,
  micOffIcon,
  phoneIcon,
  screenIcon,
  settingsIcon,
  snapshotIcon,
  switchCameraIcon,
  videoIcon,
  videoOffIcon,
} from './call-icons.js';
import { chatIcon } from '../icons.js';

/** A round call control: an icon with its label (`aria-label`, `title`), a toggle when `pressed` is given. */
export function iconButton(
  part: string,
  label: string,
  icon: TemplateResult,
  onClick: () => void,
  options: { pressed?: boolean; disabled?: boolean; danger?: boolean } = {},
): TemplateResult {
  return html`<button
    type="button"
    part=${part}
    class="control ${options.danger ? 'danger' : ''}"
    aria-label=${label}
    title=${label}
    aria-pressed=${options.pressed === undefined ? nothing : String(options.pressed)}
    ?disabled=${options.disabled ?? false}
    @click=${onClick}
  >
    ${icon}
  </button>`;
}

export interface RingingActions {
  accept(): void;
  decline(): void;
}

/** Accept and decline, for an incoming call. */
export function renderRingingControls(i18n: Terms<CallTermKey>, actions: RingingActions): TemplateResult {
  return html`<div class="controls ringing">
    <button type="button" part="decline-button" class="answer danger" @click=${actions.decline}>
      ${hangupIcon}<span>${i18n.term('call.decline')}</span>
    </button>
    <button type="button" part="accept-button" class="answer accept" @click=${actions.accept}>
      ${phoneIcon}<span>${i18n.term('call.accept')}</span>
    </button>
  </div>`;
}

/** The red button alone: cancel an outgoing call, or hang up before media flows. */
export function renderCancelControl(i18n: Terms<CallTermKey>, label: CallTermKey, hangup: () => void): TemplateResult {
  return html`<div class="controls">
    ${iconButton('cancel-button hangup-button', i18n.term(label), hangupIcon, hangup, { danger: true })}
  </div>`;
}

export interface InCallState {
  micOn: boolean;
  cameraOn: boolean;
  sharing: boolean;
  canSwitchCamera: boolean;
  canShareScreen: boolean;
  canSnapshot: boolean;
  devicesOpen: boolean;
  /** This side has a camera to switch (the camera button itself is always there: it turns a voice call into video). */
  video: boolean;
  /** The chat drawer button, when the host offers one: its state and the unread count for its badge. */
  chat?: { open: boolean; unread: number } | undefined;
}

export interface InCallActions {
  toggleMic(): void;
  toggleCamera(): void;
  switchCamera(): void;
  toggleScreenShare(): void;
  snapshot(): void;
  toggleDevices(): void;
  hangup(): void;
  /** Asks the host to open (or close) the chat drawer. */
  toggleChat(): void;
}

/** The bar shown once the call is accepted. */
export function renderInCallControls(i18n: Terms<CallTermKey>, state: InCallState, actions: InCallActions): TemplateResult {
  const t = (key: CallTermKey): string => i18n.term(key);
  return html`<div class="controls" role="toolbar" aria-label=${t('call.controls')}>
    ${iconButton('mute-button', t('call.mute'), state.micOn ? micIcon : micOffIcon, actions.toggleMic, { pressed: !state.micOn })}
    ${iconButton('camera-button', t('call.cameraOff'), state.cameraOn ? videoIcon : videoOffIcon, actions.toggleCamera, { pressed: !state.cameraOn })}
    ${state.video && state.canSwitchCamera
      ? iconButton('switch-camera-button', t('call.switchCamera'), switchCameraIcon, actions.switchCamera, { disabled: state.sharing })
      : nothing}
    ${state.canShareScreen
      ? iconButton('screen-share-button', t('call.shareScreen'), screenIcon, actions.toggleScreenShare, { pressed: state.sharing })
      : nothing}
    ${iconButton('snapshot-button', t('call.snapshot'), snapshotIcon, actions.snapshot, { disabled: !state.canSnapshot })}
    ${iconButton('devices-button', t('call.devices'), settingsIcon, actions.toggleDevices, { pressed: state.devicesOpen })}
    ${state.chat ? renderChatButton(i18n, state.chat, actions.toggleChat) : nothing}
    ${iconButton('hangup-button', t('call.hangup'), hangupIcon, actions.hangup, { danger: true })}
  </div>`;
}

/** The chat drawer's button, with a badge counting the messages that came while the drawer was closed. */
function renderChatButton(i18n: Terms<CallTermKey>, chat: { open: boolean; unread: number }, toggle: () => void): TemplateResult {
  const label = chat.unread > 0 ? i18n.term('call.chatUnread', { count: chat.unread }) : i18n.term('call.chat');
  return html`<button type="button" part="chat-button" class="control chat" aria-label=${label} title=${label} aria-expanded=${String(chat.open)} @click=${toggle}>
    ${chatIcon}${chat.unread > 0 ? html`<span part="chat-badge" class="chat-badge" aria-hidden="true">${chat.unread > 99 ? '99+' : chat.unread}</span>` : nothing}
  </button>`;
}

export interface DevicePickerActions {
  chooseCamera(deviceId: string): void;
  chooseMicrophone(deviceId: string): void;
}

/** Camera and microphone selects, from `enumerateDevices()`. */
export function renderDevicePicker(
  i18n: Terms<CallTermKey>,
  devices: MediaDeviceLists,
  selected: { cameraId: string; microphoneId: string },
  actions: DevicePickerActions,
): TemplateResult {
  const option = (device: MediaDeviceInfo, index: number, fallback: CallTermKey, current: string): TemplateResult =>
    html`<option value=${device.deviceId} ?selected=${device.deviceId === current}>
      ${device.label || `${i18n.term(fallback)} ${index + 1}`}
    </option>`;
  return html`<div part="devices" class="devices">
    <label>
      <span>${i18n.term('call.camera')}</span>
      <select
        part="camera-select"
        ?disabled=${devices.cameras.length === 0}
        @change=${(event: Event) => actions.chooseCamera((event.target as HTMLSelectElement).value)}
      >
        ${devices.cameras.map((device, index) => option(device, index, 'call.camera', selected.cameraId))}
      </select>
    </label>
    <label>
      <span>${i18n.term('call.microphone')}</span>
      <select
        part="microphone-select"
        ?disabled=${devices.microphones.length === 0}
        @change=${(event: Event) => actions.chooseMicrophone((event.target as HTMLSelectElement).value)}
      >
        ${devices.microphones.map((device, index) => option(device, index, 'call.microphone', selected.microphoneId))}
      </select>
    </label>
  </div>`;
}
