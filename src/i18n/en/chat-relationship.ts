import { defineCatalog } from '../catalog.js';

/**
 * `<support-chat>`'s long-term relationship strings (issue 17): office hours, leave a message (the
 * contact email), satisfaction (CSAT), the customer's own conversations, the page title badge.
 * Loaded with the chat panel's module, never with the launcher.
 */
const en = {
  'hours.backToday': "We're back today at {time}",
  'hours.backTomorrow': "We're back tomorrow at {time}",
  'hours.backWeekday': "We're back {day} at {time}",
  'hours.backDate': "We're back on {date} at {time}",
  'hours.closed': "We're away right now. Leave a message and we'll reply as soon as we're back.",
  'email.title': 'Want the reply by email too?',
  'email.intro': "No one is here to answer right now. Leave your email and we'll send you the reply, so you don't need to keep this page open.",
  'email.label': 'Email (optional)',
  'email.consent': 'We use this address only to tell you about replies in this conversation. You can unsubscribe from any email.',
  'email.save': 'Send replies to this email',
  'email.skip': 'No thanks',
  'email.invalid': 'Enter an email address like name@example.com.',
  'email.failed': 'Your email could not be saved: {reason}',
  'email.saved': "Thanks! We'll email replies to {email}.",
  'email.skipped': 'No email: replies will wait here for you.',
  'email.change': 'Change',
  'email.add': 'Add an email',
  'csat.title': 'How did we do?',
  'csat.score1': 'Very bad',
  'csat.score2': 'Bad',
  'csat.score3': 'OK',
  'csat.score4': 'Good',
  'csat.score5': 'Very good',
  'csat.scoreLabel': '{score} of 5: {name}',
  'csat.comment': 'Anything to add? (optional)',
  'csat.submit': 'Send feedback',
  'csat.pickScore': 'Choose a score from 1 to 5.',
  'csat.failed': 'Your feedback could not be sent: {reason}',
  'csat.thanks': 'Thank you for your feedback!',
  'history.title': 'Your conversations',
  'history.open': 'Your conversations',
  'history.back': 'Back to the chat',
  'history.empty': 'No earlier conversations.',
  'history.current': 'Current',
  'history.noDevice': 'No device',
  'history.new': 'New conversation about another device',
  'history.failed': 'Your conversations could not be loaded: {reason}',
  'history.retry': 'Retry',
  'title.unreadOne': '(1) {title}',
  'title.unread': '({count}) {title}',
} as const satisfies Record<string, string>;

/** A key of the chat's relationship strings. */
export type ChatRelationshipTermKey = keyof typeof en;

/** The chat's relationship strings: English here, Simplified Chinese fetched when first shown. */
export const chatRelationshipCatalog = defineCatalog<ChatRelationshipTermKey>(en, {
  zh: () => import('../zh-CN/chat-relationship.js').then((module) => module.strings),
});
