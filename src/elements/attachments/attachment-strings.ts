/**
 * The strings of attachments (composer, recorders, thread, lightbox), en and zh-CN. They travel
 * with the panel's code instead of the shared catalog, so the launcher's download (size-budgeted)
 * does not carry them. The language is the element's, resolved by its `LocalizeController`.
 */
import type { LocalizeController } from '../../i18n/localize-controller.js';

const attachmentEn = {
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

/** A key of the attachment strings. */
export type AttachmentTermKey = keyof typeof attachmentEn;

const attachmentZhCN: Readonly<Record<AttachmentTermKey, string>> = {
  'attach.button': '添加附件',
  'attach.list': '附件',
  'attach.dropHere': '将文件拖放到此处即可添加',
  'attach.preparing': '正在处理 {name}…',
  'attach.uploading': '正在上传 {name}',
  'attach.uploaded': '{name}，可以发送',
  'attach.cancel': '取消上传 {name}',
  'attach.remove': '移除 {name}',
  'attach.retry': '重试',
  'attach.retryLabel': '重新上传 {name}',
  'attach.dismiss': '关闭',
  'attach.error.tooLarge': '“{name}”太大（{size}）。文件不能超过 {limit}。',
  'attach.error.unsupported': '无法发送“{name}”：不支持此类文件。',
  'attach.error.tooMany': '每条消息最多可添加 {count} 个附件。',
  'attach.error.failed': '上传失败。',
  'attach.error.network': '上传失败：无法连接到服务器。',
  'attach.error.forbidden': '上传被拒绝：您无权在此添加文件。',
  'attach.error.unavailable': '当前无法发送文件。',
  'upload.list': '正在发送的文件',
  'upload.progress': '正在上传 {name}：{percent}%',
  'upload.waiting': '网络恢复后将发送 {name}',
  'upload.failed': '{name} 上传失败',
  'record.voice': '录制语音消息',
  'record.video': '录制视频',
  'record.stop': '停止录制',
  'record.cancel': '取消录制',
  'record.stopShort': '停止',
  'record.cancelShort': '取消',
  'record.starting': '正在启动…',
  'record.voiceActive': '正在录制语音消息',
  'record.videoActive': '正在录制视频',
  'record.timer': '{elapsed} / {limit}',
  'record.preview': '摄像头预览',
  'record.error.denied': '麦克风或摄像头权限被禁止。请在浏览器的网站设置中允许后重试。',
  'record.error.noDevice': '未找到麦克风或摄像头。',
  'record.error.unsupported': '此浏览器无法录制。',
  'record.error.failed': '录制失败。',
  'media.photo': '图片',
  'media.voice': '语音消息',
  'media.video': '视频',
  'media.file': '文件',
  'media.open': '查看大图：{name}',
  'media.download': '下载 {name}',
  'media.duration': '时长：{time}',
  'lightbox.close': '关闭',
  'lightbox.zoomIn': '放大',
  'lightbox.zoomOut': '缩小',
  'lightbox.zoom': '缩放 {percent}%',
};

/** The attachment strings of a language tag: Simplified Chinese for every `zh*`, else English. */
export function attachmentCatalog(lang: string): Readonly<Record<AttachmentTermKey, string>> {
  return /^zh(-|$)/i.test(lang) ? attachmentZhCN : attachmentEn;
}

/**
 * Attachment strings in the language of an element's `LocalizeController`.
 *
 * @example
 * ```ts
 * const strings = new AttachmentStrings(this.i18n);
 * strings.term('attach.remove', { name: 'receipt.pdf' });
 * ```
 */
export class AttachmentStrings {
  constructor(private readonly i18n: Pick<LocalizeController, 'lang'>) {}

  get lang(): string {
    return this.i18n.lang;
  }

  /** A string with `{name}` placeholders filled in. */
  term(key: AttachmentTermKey, params?: Record<string, string | number>): string {
    const text = attachmentCatalog(this.i18n.lang)[key];
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
  }
}
