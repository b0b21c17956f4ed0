/**
 * The call's strings, en and zh-CN. They travel with the call code (and the small call-summary
 * renderer) instead of the shared catalog, so the launcher's download does not carry them. The
 * language is the element's, resolved by its `LocalizeController`.
 */
import type { LocalizeController } from '../../i18n/localize-controller.js';
import { formatTime } from '../../i18n/date-format.js';

const callEn = {
  'call.region': 'Video call',
  'call.you': 'You',
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
  'call.summary.video': 'Video call',
  'call.summary.audio': 'Voice call',
  'call.summary.missed': 'missed',
  'call.summary.declined': 'declined',
  'call.summary.cancelled': 'cancelled',
  'call.summary.busy': 'line busy',
  'call.summary.failed': 'could not connect',
  'call.summary.dropped': 'connection lost',
  'call.summary.startedBy': 'Started by {name} at {time}',
  'call.summary.endedBy': 'ended by {name}',
} as const satisfies Record<string, string>;

/** A key of the call strings. */
export type CallTermKey = keyof typeof callEn;

const callZhCN: Readonly<Record<CallTermKey, string>> = {
  'call.region': '视频通话',
  'call.you': '您',
  'call.support': '客服',
  'call.customer': '客户',
  'call.incomingVideo': '{name} 邀请您视频通话',
  'call.incomingAudio': '{name} 来电',
  'call.asksRearCamera': '对方希望查看您的设备：将使用后置摄像头。',
  'call.outgoing': '正在呼叫 {name}…',
  'call.connecting': '正在连接…',
  'call.connected': '正在与 {name} 通话',
  'call.reconnecting': '连接中断，正在重新连接…',
  'call.accept': '接听',
  'call.decline': '拒绝',
  'call.cancel': '取消呼叫',
  'call.hangup': '挂断',
  'call.controls': '通话控制',
  'call.mute': '麦克风静音',
  'call.cameraOff': '关闭摄像头',
  'call.switchCamera': '切换摄像头',
  'call.shareScreen': '共享屏幕',
  'call.snapshot': '截图',
  'call.snapshotSending': '正在将截图添加到会话…',
  'call.snapshotSent': '截图已添加到会话。',
  'call.snapshotTaken': '已截图。',
  'call.devices': '摄像头和麦克风',
  'call.camera': '摄像头',
  'call.microphone': '麦克风',
  'call.remoteVideo': '{name} 的视频',
  'call.localVideo': '您的视频',
  'call.remoteMuted': '{name} 已静音',
  'call.remoteCameraOff': '{name} 已关闭摄像头',
  'call.remoteSharing': '{name} 正在共享屏幕',
  'call.enableSound': '打开声音',
  'call.timer': '通话时长',
  'call.quality.good': '网络良好',
  'call.quality.fair': '网络一般',
  'call.quality.poor': '网络较差',
  'call.close': '关闭',
  'call.end.hangup': '通话已结束。',
  'call.end.remoteHangup': '{name} 结束了通话。',
  'call.end.declined': '通话被拒绝。',
  'call.end.cancelled': '通话已取消。',
  'call.end.busy': '对方忙线，请稍后再试。',
  'call.end.timeout': '无人接听。',
  'call.error.mediaDenied': '摄像头或麦克风权限被禁止。请在浏览器的网站设置中允许后重新呼叫。',
  'call.error.noDevice': '未找到摄像头或麦克风，通话将使用可用的设备。',
  'call.error.noDeviceEnded': '未找到摄像头或麦克风，无法开始通话。',
  'call.error.network': '与对方的连接已断开。',
  'call.error.failed': '通话无法接通，请检查网络后重试。',
  'call.error.generic': '通话出现问题。',
  'call.summary.video': '视频通话',
  'call.summary.audio': '语音通话',
  'call.summary.missed': '未接听',
  'call.summary.declined': '已拒绝',
  'call.summary.cancelled': '已取消',
  'call.summary.busy': '忙线',
  'call.summary.failed': '未能接通',
  'call.summary.dropped': '连接中断',
  'call.summary.startedBy': '{name} 于 {time} 发起',
  'call.summary.endedBy': '{name} 挂断',
};

/** The call strings of a language tag: Simplified Chinese for every `zh*`, else English. */
export function callCatalog(lang: string): Readonly<Record<CallTermKey, string>> {
  return /^zh(-|$)/i.test(lang) ? callZhCN : callEn;
}

/**
 * Call strings in the language of an element's `LocalizeController`.
 *
 * @example
 * ```ts
 * const strings = new CallStrings(this.i18n);
 * strings.term('call.outgoing', { name: 'Ada' });
 * ```
 */
export class CallStrings {
  constructor(private readonly i18n: Pick<LocalizeController, 'lang'>) {}

  get lang(): string {
    return this.i18n.lang;
  }

  /** A string with `{name}` placeholders filled in. */
  term(key: CallTermKey, params?: Record<string, string | number>): string {
    const text = callCatalog(this.i18n.lang)[key];
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
  }

  /** Clock time, e.g. `14:05`. */
  time(ms: number): string {
    return formatTime(this.i18n.lang, ms);
  }
}
