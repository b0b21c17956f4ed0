import type { Strings } from '../catalog.js';
import type { CallSlotTermKey } from '../en/call-slot.js';

/** Simplified Chinese call-slot strings (the type makes a missing or extra key an error). */
export const strings: Strings<CallSlotTermKey> = {
  'call.start': '发起视频通话',
  'call.startVoice': '发起语音通话',
  'call.incoming': '视频来电',
  'call.incomingVoice': '语音来电',
};
