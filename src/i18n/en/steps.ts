import { defineCatalog } from '../catalog.js';

/**
 * Guided steps in a thread (issue 20): a checklist's label, its progress, a tick that waits for the
 * connection and a refused one, and the line that previews it in lists of conversations. Loaded
 * with the thread (the chat panel's and the inbox's modules), never with the launcher.
 */
const en = {
  'steps.label': 'Steps to follow',
  'steps.progress': '{done} of {total} done',
  'steps.image': 'Picture for step {n}',
  'steps.waiting': 'Waiting for the connection to save this',
  'steps.failed': 'Your tick could not be saved: {reason}',
  'steps.preview': 'Steps: {title} ({done} of {total} done)',
} as const satisfies Record<string, string>;

/** A key of the guided steps' strings. */
export type StepsTermKey = keyof typeof en;

/** The guided steps' strings: English here, Simplified Chinese fetched when first shown. */
export const stepsCatalog = defineCatalog<StepsTermKey>(en, {
  zh: () => import('../zh-CN/steps.js').then((module) => module.strings),
});
