/**
 * Replies by email (issue 17), durable in SQLite. Planning: when an agent's text reply in a
 * conversation with a contact email stays unread by the customer for `delayMs`, one email is
 * composed with every reply not yet emailed (batched) into `mail_outbox`, in the same transaction
 * that marks them emailed, and at most one per conversation every `minIntervalMs`. Sending: each
 * outbox row goes to SMTP until the server accepts it; a failure is retried with backoff (doubling
 * from `retryMs`, at most an hour), never dropped; a row is marked sent once accepted and never
 * picked again, and one row is never in flight twice.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { createTransport } from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type { ContactStore } from './contact-store.js';
import { DueTimer } from './due-timer.js';
import type { RelayLog } from './log.js';
import { errorText } from './log.js';
import { attachmentNames, conversationLink, replyEmail, unsubscribeLink } from './mail-text.js';
import type { MailedReply } from './mail-text.js';

const HOUR = 3_600_000;
const MAX_REPLIES_PER_EMAIL = 20;

export interface ReplyMailerConfig {
  smtpUrl: string;
  from: string;
  /** The relay's public address (unsubscribe links; the default page emails link back to). */
  publicUrl: string;
  secret: string;
  delayMs: number;
  minIntervalMs: number;
  retryMs: number;
  maxSleepMs?: number;
}

interface PendingRow {
  shop: string;
  conversation_id: string;
  email: string;
  customer_name: string;
  from_seq: number;
  first_unread_at: number | null;
  last_mail_at: number | null;
}

interface OutboxRow {
  id: string;
  recipient: string;
  subject: string;
  text: string;
  unsubscribe_url: string;
  attempts: number;
}

const PENDING_SQL = `
SELECT c.shop, c.conversation_id, c.email, conv.customer_name, c.last_mail_at,
       max(c.notified_seq, coalesce(r.read_up_to, 0)) AS from_seq,
       (SELECT min(m.at) FROM messages m WHERE m.shop = c.shop AND m.conversation_id = c.conversation_id
          AND m.seq > max(c.notified_seq, coalesce(r.read_up_to, 0)) AND m.sender = 'agent' AND m.kind = 'text') AS first_unread_at
FROM contacts c
JOIN conversations conv ON conv.shop = c.shop AND conv.id = c.conversation_id
LEFT JOIN receipts r ON r.shop = c.shop AND r.conversation_id = c.conversation_id AND r.user_id = conv.customer_id
WHERE NOT EXISTS (SELECT 1 FROM mail_optouts o WHERE o.shop = c.shop AND o.email = c.email)`;

export class ReplyMailer {
  private readonly transport: Transporter;
  private readonly timer: DueTimer;
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly stmt;
  private readonly planTx;
  private stopped = false;

  constructor(
    private readonly db: Database.Database,
    private readonly contacts: ContactStore,
    private readonly pageUrl: (shop: string) => string | undefined,
    private readonly config: ReplyMailerConfig,
    private readonly now: () => number,
    private readonly log: RelayLog,
  ) {
    this.transport = createTransport(config.smtpUrl);
    this.stmt = {
      pending: db.prepare<[], PendingRow>(PENDING_SQL),
      replies: db.prepare<[string, string, number, number], { seq: number; from_user: string; body: string; attachments: string | null }>(
        "SELECT seq, from_user, body, attachments FROM messages WHERE shop = ? AND conversation_id = ? AND seq > ? AND sender = 'agent' AND kind = 'text' ORDER BY seq LIMIT ?",
      ),
      enqueue: db.prepare(
        `INSERT INTO mail_outbox (id, shop, conversation_id, recipient, subject, text, unsubscribe_url, created_at, next_attempt_at)
         VALUES (@id, @shop, @conversationId, @recipient, @subject, @text, @unsubscribeUrl, @now, @now)`,
      ),
      notified: db.prepare<[number, number, string, string]>('UPDATE contacts SET notified_seq = ?, last_mail_at = ? WHERE shop = ? AND conversation_id = ?'),
      dueOutbox: db.prepare<[number], OutboxRow>('SELECT id, recipient, subject, text, unsubscribe_url, attempts FROM mail_outbox WHERE sent_at IS NULL AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT 20'),
      nextOutbox: db.prepare<[], { at: number | null }>('SELECT min(next_attempt_at) AS at FROM mail_outbox WHERE sent_at IS NULL'),
      sent: db.prepare<[number, string]>('UPDATE mail_outbox SET sent_at = ?, last_error = NULL WHERE id = ? AND sent_at IS NULL'),
      failed: db.prepare<[number, string, string]>('UPDATE mail_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?'),
    };
    this.planTx = db.transaction((row: PendingRow, now: number) => this.compose(row, now));
    this.timer = new DueTimer({
      next: () => this.next(),
      fire: (now) => this.fire(now),
      now,
      log,
      failureEvent: 'mail-plan-failed',
      ...(config.maxSleepMs === undefined ? {} : { maxSleepMs: config.maxSleepMs }),
    });
    this.timer.arm();
  }

  /** Something changed (a contact was given, a reply stored): look again now. */
  poke(): void {
    this.timer.arm();
  }

  /** Stops planning, waits (at most `graceMs`) for the emails in flight to be recorded, then closes SMTP. */
  async stop(graceMs = 5000): Promise<void> {
    this.stopped = true;
    this.timer.stop();
    let timeout: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([Promise.allSettled([...this.inFlight.values()]), new Promise((done) => (timeout = setTimeout(done, graceMs)))]);
    clearTimeout(timeout);
    this.transport.close();
  }

  private dueAt(row: PendingRow): number | undefined {
    if (row.first_unread_at === null) return undefined;
    return Math.max(row.first_unread_at + this.config.delayMs, row.last_mail_at === null ? 0 : row.last_mail_at + this.config.minIntervalMs);
  }

  private next(): number {
    let next = this.stmt.nextOutbox.get()?.at ?? undefined;
    for (const row of this.stmt.pending.all()) {
      const due = this.dueAt(row);
      if (due !== undefined && (next === undefined || due < next)) next = due;
    }
    // Nothing due yet: a reply stored from now on is due no sooner than `delayMs` from now, so look
    // again then (at most the timer's longest sleep): it is emailed within twice the delay.
    return next ?? this.now() + this.config.delayMs;
  }

  private fire(now: number): number {
    let planned = 0;
    for (const row of this.stmt.pending.all()) {
      const due = this.dueAt(row);
      if (due === undefined || due > now || this.contacts.isUnsubscribed(row.shop, row.email)) continue;
      if (this.planTx.immediate(row, now)) planned += 1;
    }
    this.send(now);
    return planned;
  }

  /** Composes one email from the replies after `from_seq` into the outbox and marks them emailed. */
  private compose(row: PendingRow, now: number): boolean {
    const rows = this.stmt.replies.all(row.shop, row.conversation_id, row.from_seq, MAX_REPLIES_PER_EMAIL);
    const last = rows.at(-1);
    if (last === undefined) return false;
    const replies: MailedReply[] = rows.map((r) => ({ agent: (JSON.parse(r.from_user) as { name: string }).name, body: r.body, attachments: attachmentNames(r.attachments) }));
    const link = conversationLink(this.pageUrl(row.shop) ?? this.config.publicUrl, row.conversation_id);
    const unsubscribeUrl = unsubscribeLink(this.config.publicUrl, this.config.secret, row.shop, row.conversation_id, row.email);
    const { subject, text } = replyEmail(row.customer_name, replies, link, unsubscribeUrl);
    this.stmt.enqueue.run({ id: randomUUID(), shop: row.shop, conversationId: row.conversation_id, recipient: row.email, subject, text, unsubscribeUrl, now });
    this.stmt.notified.run(last.seq, now, row.shop, row.conversation_id);
    return true;
  }

  /** Hands the due outbox rows to SMTP (each at most once at a time). */
  private send(now: number): void {
    for (const row of this.stmt.dueOutbox.all(now)) {
      if (this.inFlight.has(row.id)) continue;
      const flight = this.transport
        .sendMail({
          from: this.config.from,
          to: row.recipient,
          subject: row.subject,
          text: row.text,
          messageId: `<${row.id}@support-relay>`,
          headers: { 'List-Unsubscribe': `<${row.unsubscribe_url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click', 'Auto-Submitted': 'auto-generated' },
        })
        .then(
          () => this.settle(() => this.stmt.sent.run(this.now(), row.id)),
          (error: unknown) => {
            const wait = Math.min(HOUR, this.config.retryMs * 2 ** row.attempts);
            this.log({ level: 'warn', event: 'mail-send-failed', attempts: row.attempts + 1, error: errorText(error) });
            this.settle(() => this.stmt.failed.run(this.now() + wait, errorText(error), row.id));
          },
        )
        .finally(() => {
          this.inFlight.delete(row.id);
          if (!this.stopped) this.timer.arm();
        });
      this.inFlight.set(row.id, flight);
    }
  }

  /** Records a send's outcome unless the store closed meanwhile (`stop` waits for this first). */
  private settle(write: () => void): void {
    if (!this.db.open) return;
    try {
      write();
    } catch (error) {
      this.log({ level: 'error', event: 'mail-record-failed', error: errorText(error) });
    }
  }
}
