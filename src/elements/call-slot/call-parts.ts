/**
 * The parts of `<support-call>` that a chat or inbox exports when it renders the call inside its
 * own shadow root, each under a `call-` prefix (`support-chat::part(call-hangup-button)`); the
 * call's own region (`part="call"` inside it) becomes `call-region`, as `call` already names the
 * `<support-call>` element itself. A unit test keeps this list equal to the call's `@csspart`s.
 */
export const CALL_PARTS = [
  'call',
  'remote-video',
  'local-video',
  'remote-state',
  'network-notice',
  'voice-stage',
  'camera-help',
  'torch-button',
  'zoom-in-button',
  'zoom-out-button',
  'camera-request',
  'allow-button',
  'refuse-button',
  'status',
  'quality',
  'notice',
  'accept-button',
  'decline-button',
  'cancel-button',
  'hangup-button',
  'mute-button',
  'camera-button',
  'switch-camera-button',
  'screen-share-button',
  'snapshot-button',
  'devices-button',
  'devices',
  'camera-select',
  'microphone-select',
  'sound-button',
  'close-button',
  'chat-button',
  'chat-badge',
  // Freeze-and-draw (the entry buttons, then the lazily loaded layer's parts, which it exports as the call's).
  'annotation-toolbar',
  'freeze-button',
  'pointer-button',
  'annotation-still',
  'annotation-canvas',
  'annotation-pointer',
  'annotation-notice',
  'tool-arrow',
  'tool-circle',
  'tool-pen',
  'tool-text',
  'undo-button',
  'clear-button',
  'send-button',
  'unfreeze-button',
  'stop-pointer-button',
] as const;

/** The name a call part has outside its host: `call-<part>`, and `call-region` for the region. */
export function exportedCallPart(part: string): string {
  return part === 'call' ? 'call-region' : `call-${part}`;
}

/** The `exportparts` value for the `<support-call>` a chat or inbox renders. */
export const CALL_EXPORT_PARTS = CALL_PARTS.map((part) => `${part}: ${exportedCallPart(part)}`).join(', ');
