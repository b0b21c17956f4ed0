import type { Strings } from '../catalog.js';
import type { UnavailableTermKey } from '../en/unavailable.js';

/** Simplified Chinese unavailable-state strings (the type makes a missing or extra key an error). */
export const strings: Strings<UnavailableTermKey> = {
  'unavailable.message': '客服暂时无法使用。',
  'unavailable.retry': '重试',
};
