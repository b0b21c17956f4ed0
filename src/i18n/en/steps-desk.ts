import { defineCatalog } from '../catalog.js';

/**
 * The agent desk's guided steps dialog (issue 20): pick one of the shop's step lists for the
 * conversation's product, edit it, send it. Loaded with the dialog, when an agent first opens it.
 */
const en = {
  'stepsDesk.title': 'Send guided steps',
  'stepsDesk.lists': 'Step lists for {product}',
  'stepsDesk.listsGeneral': 'Step lists',
  'stepsDesk.loading': 'Loading the step lists…',
  'stepsDesk.none': 'No step lists for this product yet: write the steps below.',
  'stepsDesk.loadFailed': 'The step lists could not be loaded: {reason}',
  'stepsDesk.use': 'Use “{title}”',
  'stepsDesk.general': 'general',
  'stepsDesk.listTitle': 'Title',
  'stepsDesk.step': 'Step {n}',
  'stepsDesk.image': 'Picture address for step {n} (optional)',
  'stepsDesk.addStep': 'Add a step',
  'stepsDesk.removeStep': 'Remove step {n}',
  'stepsDesk.send': 'Send to the customer',
  'stepsDesk.saveList': 'Save as a list for this product',
  'stepsDesk.saved': 'Saved to the shop’s step lists.',
  'stepsDesk.close': 'Close',
  'stepsDesk.incomplete': 'Give the steps a title and write at least one step.',
  'stepsDesk.tooLong': 'These steps are too long for one message: shorten them.',
} as const satisfies Record<string, string>;

/** A key of the desk's guided steps strings. */
export type StepsDeskTermKey = keyof typeof en;

/** The desk's guided steps strings: English here, Simplified Chinese fetched when first shown. */
export const stepsDeskCatalog = defineCatalog<StepsDeskTermKey>(en, {
  zh: () => import('../zh-CN/steps-desk.js').then((module) => module.strings),
});
