import type { Strings } from '../catalog.js';
import type { CallSummaryTermKey } from '../en/call-summary.js';

/** Simplified Chinese call-summary strings (the type makes a missing or extra key an error). */
export const strings: Strings<CallSummaryTermKey> = {
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
  'call.summary.you': '您',
  'call.summary.customer': '客户',
};
