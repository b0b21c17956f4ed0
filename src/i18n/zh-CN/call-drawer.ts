import type { Strings } from '../catalog.js';
import type { CallDrawerTermKey } from '../en/call-drawer.js';

/** Simplified Chinese call-drawer strings (the type makes a missing or extra key an error). */
export const strings: Strings<CallDrawerTermKey> = {
  'drawer.title': '聊天',
  'drawer.back': '返回通话',
};
