import type { AttachmentTermKey } from './en/attachments.js';
import type { CallTermKey } from './en/call.js';
import type { CallSlotTermKey } from './en/call-slot.js';
import type { CallSummaryTermKey } from './en/call-summary.js';
import type { ChatTermKey } from './en/chat.js';
import type { DeskToolsTermKey } from './en/desk-tools.js';
import type { InboxTermKey } from './en/inbox.js';
import type { ScanTermKey } from './en/scan.js';
import type { StepsTermKey } from './en/steps.js';
import type { StepsDeskTermKey } from './en/steps-desk.js';
import type { ThreadTermKey } from './en/thread.js';

/** A key of any of the elements' strings (the keys of `src/i18n/en/*.ts`, e.g. `header.support`). */
export type SupportTermKey =
  | ChatTermKey
  | CallSlotTermKey
  | ThreadTermKey
  | InboxTermKey
  | AttachmentTermKey
  | CallTermKey
  | CallSummaryTermKey
  | StepsTermKey
  | StepsDeskTermKey
  | DeskToolsTermKey
  | ScanTermKey;

/**
 * An integrator's own words for some of an element's strings, by key, in any language: they
 * replace the catalog's text whatever the element's language (set them per language if the page
 * switches). `{name}` placeholders are filled in as in the catalogs.
 *
 * @example
 * ```ts
 * chat.strings = { 'header.support': 'Acme Care', 'composer.placeholder': 'Describe the problem…' };
 * ```
 */
export type SupportStrings = Readonly<Partial<Record<SupportTermKey, string>>>;
