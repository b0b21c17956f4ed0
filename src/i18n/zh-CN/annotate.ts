import type { Strings } from '../catalog.js';
import type { AnnotateTermKey } from '../en/annotate.js';

/** Simplified Chinese annotation entry strings. */
export const strings: Strings<AnnotateTermKey> = {
  'annotate.tools': '远程标注',
  'annotate.freeze': '定格画面',
  'annotate.pointer': '在视频上指示位置',
};
