import { defineCatalog } from '../catalog.js';

/**
 * The assistant's strings in a thread (issue 18): its label, its sources, the feedback buttons and
 * what a handoff says. Loaded with the thread (the chat panel's and the inbox's modules), never
 * with the launcher.
 */
const en = {
  'assistant.label': 'Assistant',
  'assistant.sources': 'From our help articles',
  'assistant.feedback': 'Was this answer helpful?',
  'assistant.helped': 'That helped',
  'assistant.notHelped': "That didn't help",
  'assistant.person': 'Talk to a person',
  'assistant.thanks': 'Thanks for telling us.',
  'assistant.sorry': "Sorry about that. Ask another way, or talk to a person.",
  'assistant.failed': 'Your answer could not be sent: {reason}',
  'assistant.handoffPerson': "I've asked a person to help you. They'll reply here.",
  'assistant.handoffMessage': "Our team is away right now. Leave a message here and we'll reply as soon as we're back.",
} as const satisfies Record<string, string>;

/** A key of the assistant's strings. */
export type AssistantTermKey = keyof typeof en;

/** The assistant's strings: English here, Simplified Chinese fetched when first shown. */
export const assistantCatalog = defineCatalog<AssistantTermKey>(en, {
  zh: () => import('../zh-CN/assistant.js').then((module) => module.strings),
});
