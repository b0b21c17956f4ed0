/**
 * The long-term customer relationship on the relay (issue 17), wired in one place: office hours
 * (`HoursClock`), the customer's `customer` frames (`CustomerRequests`), CSAT (`Csat`), follow-ups
 * and the CSAT report on the desk (`RelationshipDesk`), replies by email (`ReplyMailer`, only with
 * SMTP configured) and the admin and unsubscribe routes. `RelayProtocol` calls the hooks below.
 */
import type { ConversationSummary, CustomerRequestFrame, HoursStatus, TokenClaims, WelcomeFrame } from 'support-widget/protocol';
import type { Connection } from './connection.js';
import { ContactStore } from './contact-store.js';
import type { ContextImageOrigins } from './context-image.js';
import { Csat } from './csat.js';
import { CsatStore } from './csat-store.js';
import { CustomerRequests } from './customer-requests.js';
import type { DeskAnswer, RelationshipAction } from './desk-frame.js';
import type { DeskChange } from './desk-store.js';
import { FollowUpStore } from './followup-store.js';
import { HoursClock } from './hours-clock.js';
import type { Hub, Member } from './hub.js';
import type { RelayLog } from './log.js';
import { RelationshipDesk } from './relationship-desk.js';
import type { RelationshipOptions } from './relationship-options.js';
import { createRelationshipRoutes } from './relationship-routes.js';
import { prepareRelationshipSchema } from './relationship-schema.js';
import { ReplyMailer } from './reply-mailer.js';
import { ShopSettings } from './shop-settings.js';
import type { StoredConversation, SupportStore } from './store.js';

const MINUTE = 60_000;

export interface RelationshipDeps extends RelationshipOptions {
  store: SupportStore;
  hub: Hub;
  secret: string;
  log: RelayLog;
  adminToken?: string | undefined;
  contextImageOrigins?: ContextImageOrigins;
}

/** What `RelayProtocol` asks of the relationship. */
export interface RelationshipHooks {
  /** The welcome's office hours and whether replies by email are offered. */
  welcome(claims: TokenClaims): Pick<WelcomeFrame, 'hours' | 'emailOffered'>;
  /** The shop's office hours now (undefined: none set); the assistant's handoff reads it. */
  hours(shop: string): HoursStatus | undefined;
  /** Conversations stored as this signed-in customer's, beyond the token's `conv`. */
  ownedConversations(claims: TokenClaims): string[];
  /** A customer's summary with its contact and CSAT fields. */
  decorate(summary: ConversationSummary, shop: string): ConversationSummary;
  customer(connection: Connection, member: Member, frame: CustomerRequestFrame): void;
  desk(member: Member, action: RelationshipAction): DeskAnswer;
  /** A desk change was published (a resolution asks for CSAT). */
  deskChanged(shop: string, change: DeskChange, before: StoredConversation): void;
}

export class Relationship implements RelationshipHooks {
  readonly routes: ReturnType<typeof createRelationshipRoutes>;
  private readonly settings: ShopSettings;
  private readonly contacts: ContactStore;
  private readonly csatStore: CsatStore;
  private readonly clock: HoursClock;
  private readonly csat: Csat;
  private readonly requests: CustomerRequests;
  private readonly deskActions: RelationshipDesk;
  private readonly mailer: ReplyMailer | undefined;

  constructor(private readonly deps: RelationshipDeps) {
    const db = deps.store.database;
    prepareRelationshipSchema(db);
    const now = deps.now ?? Date.now;
    const maxSleep = deps.timerMaxSleepMs === undefined ? {} : { maxSleepMs: deps.timerMaxSleepMs };
    this.settings = new ShopSettings(db);
    this.contacts = new ContactStore(db);
    this.csatStore = new CsatStore(db);
    this.clock = new HoursClock({ settings: this.settings, hub: deps.hub, now, log: deps.log, ...maxSleep });
    this.csat = new Csat({ store: deps.store, hub: deps.hub, csat: this.csatStore, now });
    const { smtpUrl, mailFrom, publicUrl } = deps;
    if (smtpUrl !== undefined && mailFrom !== undefined && publicUrl !== undefined) {
      this.mailer = new ReplyMailer(
        db,
        this.contacts,
        (shop) => this.settings.pageUrl(shop),
        { smtpUrl, from: mailFrom, publicUrl, secret: deps.secret, delayMs: deps.mailDelayMs ?? 10 * MINUTE, minIntervalMs: deps.mailMinIntervalMs ?? 60 * MINUTE, retryMs: deps.mailRetryMs ?? 30_000, ...maxSleep },
        now,
        deps.log,
      );
    }
    this.requests = new CustomerRequests({
      store: deps.store,
      hub: deps.hub,
      contacts: this.contacts,
      csat: this.csat,
      now,
      summary: (c) => this.decorate(deps.store.visibility.forCustomer(deps.store.summary(c), c.shop), c.shop),
      ...(deps.contextImageOrigins === undefined ? {} : { contextImageOrigins: deps.contextImageOrigins }),
      contactChanged: () => this.mailer?.poke(),
    });
    this.deskActions = new RelationshipDesk({ store: deps.store, hub: deps.hub, followUps: new FollowUpStore(db), csat: this.csatStore, now, log: deps.log, ...maxSleep });
    this.routes = createRelationshipRoutes({
      settings: this.settings,
      clock: this.clock,
      csat: this.csatStore,
      contacts: this.contacts,
      secret: deps.secret,
      now,
      log: deps.log,
      ...(deps.adminToken === undefined ? {} : { adminToken: deps.adminToken }),
    });
  }

  hours(shop: string): HoursStatus | undefined {
    return this.clock.status(shop);
  }

  welcome(claims: TokenClaims): Pick<WelcomeFrame, 'hours' | 'emailOffered'> {
    const hours = this.clock.status(claims.shop);
    return { ...(hours === undefined ? {} : { hours }), ...(claims.role === 'customer' ? { emailOffered: this.mailer !== undefined } : {}) };
  }

  ownedConversations(claims: TokenClaims): string[] {
    return claims.role === 'customer' ? this.requests.ownedIds(claims.shop, claims.sub) : [];
  }

  decorate(summary: ConversationSummary, shop: string): ConversationSummary {
    const contact = this.contacts.get(shop, summary.id);
    const csat = this.csatStore.state(shop, summary.id);
    if (contact !== undefined) summary.contact = contact;
    if (csat !== undefined) summary.csat = { state: csat.state, askedAt: csat.askedAt, ...(csat.score === undefined ? {} : { score: csat.score }) };
    return summary;
  }

  customer(connection: Connection, member: Member, frame: CustomerRequestFrame): void {
    this.requests.answer(connection, member, frame);
  }

  desk(member: Member, action: RelationshipAction): DeskAnswer {
    return this.deskActions.answer(member, action);
  }

  deskChanged(shop: string, change: DeskChange, before: StoredConversation): void {
    this.csat.deskChanged(shop, change, before);
  }

  /** Stops the timers and lets emails in flight be recorded (before the store closes). */
  async stop(): Promise<void> {
    this.clock.stop();
    this.deskActions.stop();
    await this.mailer?.stop();
  }
}
