import { defineCatalog } from '../catalog.js';

/** A call-summary message in a thread ("Video call · 3:12", "Started by Ada at 14:05"). */
const en = {
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
  'call.summary.you': 'You',
  'call.summary.customer': 'Customer',
} as const satisfies Record<string, string>;

/** A key of the call-summary strings. */
export type CallSummaryTermKey = keyof typeof en;

/** The call-summary strings: English here, Simplified Chinese fetched when first shown. */
export const callSummaryCatalog = defineCatalog<CallSummaryTermKey>(en, {
  zh: () => import('../zh-CN/call-summary.js').then((module) => module.strings),
});
