import { defineCatalog } from '../catalog.js';

/** `<support-call>`: ringing, in-call controls, devices, notices, how a call ended. */
const en = {
  'call.region': 'Video call',
  'call.support': 'Support',
  'call.customer': 'Customer',
  'call.incomingVideo': '{name} is calling you (video)',
  'call.incomingAudio': '{name} is calling you',
  'call.asksRearCamera': 'They would like to see your device: your rear camera will be used.',
  'call.outgoing': 'Calling {name}…',
  'call.connecting': 'Connecting…',
  'call.connected': 'In call with {name}',
  'call.reconnecting': 'Connection lost. Reconnecting…',
  'call.accept': 'Accept',
  'call.decline': 'Decline',
  'call.cancel': 'Cancel call',
  'call.hangup': 'Hang up',
  'call.controls': 'Call controls',
  'call.mute': 'Mute microphone',
  'call.cameraOff': 'Turn camera off',
  'call.switchCamera': 'Switch camera',
  'call.shareScreen': 'Share screen',
  'call.snapshot': 'Take a snapshot',
  'call.snapshotSending': 'Adding the snapshot to the conversation…',
  'call.snapshotSent': 'Snapshot added to the conversation.',
  'call.snapshotTaken': 'Snapshot taken.',
  'call.devices': 'Camera and microphone',
  'call.camera': 'Camera',
  'call.microphone': 'Microphone',
  'call.remoteVideo': 'Video of {name}',
  'call.localVideo': 'Your video',
  'call.remoteMuted': '{name} is muted',
  'call.remoteCameraOff': '{name} turned the camera off',
  'call.remoteSharing': '{name} is sharing the screen',
  'call.enableSound': 'Turn on sound',
  'call.timer': 'Call duration',
  'call.quality.good': 'Good connection',
  'call.quality.fair': 'Fair connection',
  'call.quality.poor': 'Poor connection',
  'call.close': 'Close',
  'call.end.hangup': 'Call ended.',
  'call.end.remoteHangup': '{name} ended the call.',
  'call.end.declined': 'The call was declined.',
  'call.end.cancelled': 'The call was cancelled.',
  'call.end.busy': 'The line is busy. Please try again later.',
  'call.end.timeout': 'No answer.',
  'call.error.mediaDenied': 'Camera or microphone access is blocked. Allow it in your browser’s site settings, then call again.',
  'call.error.noDevice': 'No camera or microphone was found. The call uses what is available.',
  'call.error.noDeviceEnded': 'No camera or microphone was found, so the call could not start.',
  'call.error.network': 'The connection to the other side was lost.',
  'call.error.failed': 'The call could not connect. Check your network and try again.',
  'call.error.generic': 'Something went wrong with the call.',
} as const satisfies Record<string, string>;

/** A key of the call strings. */
export type CallTermKey = keyof typeof en;

/** The call strings: English here, Simplified Chinese fetched when first shown. */
export const callCatalog = defineCatalog<CallTermKey>(en, {
  zh: () => import('../zh-CN/call.js').then((module) => module.strings),
});
