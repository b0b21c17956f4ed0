import { defineCatalog } from '../catalog.js';

/** Attachments: composer chips, recorders, files in the thread, the lightbox. */
const en = {
  'attach.button': 'Attach files',
  'attach.list': 'Attachments',
  'attach.dropHere': 'Drop files here to attach them',
  'attach.preparing': 'Preparing {name}…',
  'attach.uploading': 'Uploading {name}',
  'attach.uploaded': '{name}, ready to send',
  'attach.cancel': 'Cancel upload of {name}',
  'attach.remove': 'Remove {name}',
  'attach.retry': 'Retry',
  'attach.retryLabel': 'Retry upload of {name}',
  'attach.dismiss': 'Dismiss',
  'attach.error.tooLarge': '“{name}” is too large ({size}). Files can be up to {limit}.',
  'attach.error.unsupported': '“{name}” cannot be sent: this kind of file is not supported.',
  'attach.error.tooMany': 'A message can carry up to {count} attachments.',
  'attach.error.failed': 'Upload failed.',
  'attach.error.network': 'Upload failed: cannot reach the server.',
  'attach.error.forbidden': 'Upload refused: you are not allowed to add files here.',
  'attach.error.unavailable': 'Files cannot be sent right now.',
  'upload.list': 'Files on their way',
  'upload.progress': 'Uploading {name}: {percent}%',
  'upload.waiting': '{name} is sent when the connection is back',
  'upload.failed': '{name} could not be uploaded',
  'record.voice': 'Record a voice message',
  'record.video': 'Record a video',
  'record.stop': 'Stop recording',
  'record.cancel': 'Cancel recording',
  'record.stopShort': 'Stop',
  'record.cancelShort': 'Cancel',
  'record.starting': 'Starting…',
  'record.voiceActive': 'Recording a voice message',
  'record.videoActive': 'Recording a video',
  'record.timer': '{elapsed} of {limit}',
  'record.preview': 'Camera preview',
  'record.error.denied': 'Microphone or camera access is blocked. Allow it in your browser’s site settings, then try again.',
  'record.error.noDevice': 'No microphone or camera was found.',
  'record.error.unsupported': 'This browser cannot record.',
  'record.error.failed': 'The recording failed.',
  'scan.button': 'Scan a serial number or IMEI',
  'media.photo': 'Photo',
  'media.voice': 'Voice message',
  'media.video': 'Video',
  'media.file': 'File',
  'media.open': 'View {name} larger',
  'media.download': 'Download {name}',
  'media.duration': 'Duration: {time}',
  'lightbox.close': 'Close',
  'lightbox.zoomIn': 'Zoom in',
  'lightbox.zoomOut': 'Zoom out',
  'lightbox.zoom': 'Zoom {percent}%',
} as const satisfies Record<string, string>;

/** A key of the attachments strings. */
export type AttachmentTermKey = keyof typeof en;

/** The attachments strings: English here, Simplified Chinese fetched when first shown. */
export const attachmentsCatalog = defineCatalog<AttachmentTermKey>(en, {
  zh: () => import('../zh-CN/attachments.js').then((module) => module.strings),
});
