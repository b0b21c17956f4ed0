/**
 * The relay's options for the long-term customer relationship (issue 17): the clock, replies by
 * email (SMTP) and how often the relationship's timers look. Part of `RelayServerOptions`.
 */
export interface RelationshipOptions {
  /** The relay's clock, ms since epoch (tests pass their own). Default `Date.now`. */
  now?: () => number;
  /** `SUPPORT_SMTP_URL`, e.g. `smtps://user:pass@mail.example:465`. Absent: no emails, and the widget is told so. */
  smtpUrl?: string;
  /** `SUPPORT_MAIL_FROM`, the sender of reply emails, e.g. `"Shop support" <support@shop.example>`. */
  mailFrom?: string;
  /** `SUPPORT_PUBLIC_URL`: the relay's public address (unsubscribe links; the page emails link back to unless a shop set its own). */
  publicUrl?: string;
  /** `SUPPORT_MAIL_DELAY_MINUTES` in ms: how long a reply stays unread before it is emailed. Default 10 minutes. */
  mailDelayMs?: number;
  /** Least time between two emails about one conversation. Default 1 hour. */
  mailMinIntervalMs?: number;
  /** First retry after SMTP failed (then doubling, at most an hour). Default 30 s. */
  mailRetryMs?: number;
  /** Longest sleep of the relationship's timers (follow-ups, office hours, mail), ms. Default 60 s. */
  timerMaxSleepMs?: number;
}
