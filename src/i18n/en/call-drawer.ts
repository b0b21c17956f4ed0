import { defineCatalog } from '../catalog.js';

/** The chat over a full-screen call on a phone (the drawer). Loaded with the chat's panel. */
const en = {
  'drawer.title': 'Chat',
  'drawer.back': 'Back to the call',
} as const satisfies Record<string, string>;

/** A key of the call-drawer strings. */
export type CallDrawerTermKey = keyof typeof en;

/** The call-drawer strings: English here, Simplified Chinese fetched when first shown. */
export const callDrawerCatalog = defineCatalog<CallDrawerTermKey>(en, {
  zh: () => import('../zh-CN/call-drawer.js').then((module) => module.strings),
});
