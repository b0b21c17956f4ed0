import { defineCatalog } from '../catalog.js';

/** `<support-inbox>`'s follow-ups and satisfaction: the "Follow-ups due" view, the schedule dialog, the CSAT results (loaded when first opened). */
const en = {
  'followups.title': 'Follow-ups due',
  'followups.close': 'Close',
  'followups.loading': 'Loading follow-ups…',
  'followups.empty': 'No follow-ups are due.',
  'followups.count': '{count} follow-ups due',
  'followups.message': 'Message to send',
  'followups.builtIn': 'Standard check-in',
  'followups.defaultText': 'Hi {{customer.name}}, this is {{agent.name}} from support. We wanted to check in: is everything working well since we last spoke?',
  'followups.due': 'Due {time}',
  'followups.scheduledBy': 'Scheduled by {name}',
  'followups.send': 'Send',
  'followups.sendLabel': 'Send the follow-up to {name}',
  'followups.dismiss': 'Dismiss',
  'followups.dismissLabel': 'Dismiss the follow-up for {name}',
  'followups.open': 'Open the conversation with {name}',
  'followups.sent': 'Follow-up sent to {name}.',
  'followups.dismissed': 'Follow-up for {name} dismissed.',
  'followups.conflict': 'Someone else already closed this follow-up.',
  'followups.failed': 'That did not work. Try again.',
  'schedule.title': 'Schedule a follow-up',
  'schedule.when': 'When',
  'schedule.inDays': 'In a number of days',
  'schedule.onDate': 'On a date',
  'schedule.days': 'Days from now',
  'schedule.date': 'Date and time',
  'schedule.note': 'Note: what to ask the customer',
  'schedule.submit': 'Schedule',
  'schedule.cancel': 'Cancel',
  'schedule.done': 'Follow-up scheduled for {time}.',
  'schedule.inThePast': 'That time has already passed. Choose a time in the future.',
  'schedule.invalid': 'Write a note (up to 1000 characters) and choose a time within two years.',
  'schedule.failed': 'The follow-up could not be scheduled. Try again.',
  'satisfaction.title': 'Satisfaction',
  'satisfaction.close': 'Close',
  'satisfaction.period': 'Period',
  'satisfaction.days': 'Last {days} days',
  'satisfaction.loading': 'Loading the results…',
  'satisfaction.failed': 'The results could not be loaded.',
  'satisfaction.retry': 'Try again',
  'satisfaction.total': '{count} answers, average {average} of 5',
  'satisfaction.none': 'No answers in this period.',
  'satisfaction.byAgent': 'Satisfaction by agent',
  'satisfaction.byWeek': 'Satisfaction by week',
  'satisfaction.agent': 'Agent',
  'satisfaction.week': 'Week',
  'satisfaction.count': 'Answers',
  'satisfaction.average': 'Average',
  'satisfaction.score': 'Score {score}',
  'satisfaction.nobody': 'Nobody assigned',
} as const satisfies Record<string, string>;

/** A key of the follow-ups and satisfaction strings. */
export type DeskFollowUpsTermKey = keyof typeof en;

/** The follow-ups and satisfaction strings: English here, Simplified Chinese fetched when first shown. */
export const deskFollowUpsCatalog = defineCatalog<DeskFollowUpsTermKey>(en, {
  zh: () => import('../zh-CN/desk-followups.js').then((module) => module.strings),
});
