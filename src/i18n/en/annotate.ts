import { defineCatalog } from '../catalog.js';

/** Freeze-and-draw and the pointer over a call's video: the two entry buttons (in the call's chunk). */
const en = {
  'annotate.tools': 'Visual help',
  'annotate.freeze': 'Freeze the picture',
  'annotate.pointer': 'Point at the video',
} as const satisfies Record<string, string>;

/** A key of the annotation entry strings. */
export type AnnotateTermKey = keyof typeof en;

/** The annotation entry strings: English here, Simplified Chinese fetched when first shown. */
export const annotateCatalog = defineCatalog<AnnotateTermKey>(en, {
  zh: () => import('../zh-CN/annotate.js').then((module) => module.strings),
});
