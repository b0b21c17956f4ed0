import { defineCatalog } from '../catalog.js';

/** Freeze-and-draw and the pointer: the toolbar over a frozen still or the live video (loaded on first use). */
const en = {
  'annotateTools.toolbar': 'Drawing tools',
  'annotateTools.arrow': 'Arrow',
  'annotateTools.circle': 'Circle',
  'annotateTools.pen': 'Freehand',
  'annotateTools.text': 'Text label',
  'annotateTools.undo': 'Undo',
  'annotateTools.clear': 'Clear the drawing',
  'annotateTools.send': 'Send to chat',
  'annotateTools.unfreeze': 'Back to live video',
  'annotateTools.stopPointer': 'Stop pointing',
  'annotateTools.still': 'Frozen picture of the video',
  'annotateTools.stillLoading': 'Freezing the picture…',
  'annotateTools.canvas': 'Drawing surface: drag to draw with the chosen tool',
  'annotateTools.pointerSurface': 'Pointer surface: move over the video, or use the arrow keys, to point',
  'annotateTools.label': 'Label text',
  'annotateTools.frozenByPeer': 'The picture is frozen so they can show you something',
  'annotateTools.pointedByPeer': 'They are pointing at your camera picture',
  'annotateTools.sending': 'Adding the drawing to the conversation…',
  'annotateTools.sent': 'Drawing added to the conversation.',
} as const satisfies Record<string, string>;

/** A key of the annotation toolbar strings. */
export type AnnotateToolsTermKey = keyof typeof en;

/** The annotation toolbar strings: English here, Simplified Chinese fetched when first shown. */
export const annotateToolsCatalog = defineCatalog<AnnotateToolsTermKey>(en, {
  zh: () => import('../zh-CN/annotate-tools.js').then((module) => module.strings),
});
