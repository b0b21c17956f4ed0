import { defineCatalog } from '../catalog.js';

/** The call entry points of the chat and the inbox (the call button, "incoming call" on the launcher and in the queue). Loaded with the launcher. */
const en = {
  'call.start': 'Start video call',
  'call.startVoice': 'Start voice call',
  'call.incoming': 'Incoming video call',
  'call.incomingVoice': 'Incoming voice call',
} as const satisfies Record<string, string>;

/** A key of the call-slot strings. */
export type CallSlotTermKey = keyof typeof en;

/** The call-slot strings: English here, Simplified Chinese fetched when first shown. */
export const callSlotCatalog = defineCatalog<CallSlotTermKey>(en, {
  zh: () => import('../zh-CN/call-slot.js').then((module) => module.strings),
});
