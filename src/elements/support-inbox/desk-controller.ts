import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SupportClient } from '../../core/support-client.js';
import type { ConversationView } from '../../core/types.js';
import type { AgentInfo, AgentPresence, ConversationStatus, DeskView } from '../../protocol/desk.js';
import { SupportError } from '../../protocol/errors.js';
import { deskCatalog, type DeskTermKey } from '../../i18n/en/desk.js';
import type { LocalizeController, Terms } from '../../i18n/localize-controller.js';
import { deskMessages } from '../thread/desk-messages.js';
import type { DeskMessages } from '../thread/message-item.js';

/** The queue views, in the order of their tabs. */
export const DESK_VIEWS: readonly DeskView[] = ['mine', 'unassigned', 'all'];

export interface DeskControllerOptions {
  i18n: LocalizeController;
  client(): SupportClient | undefined;
  /** The open conversation. */
  selectedId(): string | undefined;
  /** A failure for the element's `support-error`. */
  report(error: unknown): void;
}

/**
 * The agent's desk inside `<support-inbox>`: which queue view is shown, the composer's mode
 * (reply or private note), the roster, and the actions on the open conversation (take, transfer,
 * unassign, status, labels, my presence) with their busy state and a visible, localised notice
 * when one fails (`conflict`: someone changed it first). Rendering lives in the partials beside it.
 */
export class DeskController implements ReactiveController {
  /** The queue view shown. */
  view: DeskView = 'all';
  /** What the composer sends: a reply or a private note. */
  mode: 'text' | 'note' = 'text';
  /** An action on the open conversation is under way. */
  busy = false;
  /** Why the last action failed, in words (shown with `role="alert"`). */
  notice: string | undefined;
  /** The transfer form is open. */
  transferring = false;
  /** The snooze form is open. */
  snoozing = false;
  readonly terms: Terms<DeskTermKey>;
  /** How the thread shows notes and desk events. */
  readonly messages: DeskMessages;
  private watched: SupportClient | undefined;
  private shownId: string | undefined;
  private unwatch: (() => void) | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: DeskControllerOptions,
  ) {
    host.addController(this);
    this.terms = options.i18n.use(deskCatalog);
    this.messages = deskMessages(this.terms, () => options.client()?.user?.id);
  }

  hostConnected(): void {}

  /** Follows the client's roster (the element may get its client late, or another one) and the open conversation. */
  hostUpdate(): void {
    const shown = this.options.selectedId();
    if (shown !== this.shownId) {
      // Another conversation: its forms start closed and the last one's notice goes.
      [this.shownId, this.notice, this.transferring, this.snoozing] = [shown, undefined, false, false];
    }
    const client = this.options.client();
    if (client === this.watched) return;
    this.unwatch?.();
    this.watched = client;
    this.unwatch = client?.on('agents', () => this.host.requestUpdate());
  }

  hostDisconnected(): void {
    this.unwatch?.();
    this.unwatch = undefined;
    this.watched = undefined;
  }

  /** True when the client's backend has a desk (the relay). */
  get available(): boolean {
    return this.options.client()?.desk.available ?? false;
  }

  /** The conversations of the view shown (every one on a backend without a desk), most recently active first. */
  queue(): ConversationView[] {
    const client = this.options.client();
    if (client === undefined) return [];
    return this.available ? client.desk.conversations(this.view) : client.conversations();
  }

  /** How many known conversations each view holds. */
  count(view: DeskView): number {
    return this.options.client()?.desk.conversations(view).length ?? 0;
  }

  /** The roster, me first. */
  get agents(): readonly AgentInfo[] {
    return this.options.client()?.desk.agents ?? [];
  }

  /** My presence as the roster says (online until it says otherwise). */
  get presence(): AgentPresence {
    const me = this.options.client()?.user?.id;
    return this.agents.find((agent) => agent.id === me)?.presence ?? 'online';
  }

  /** Shows a view; its first page is asked for the first time (`mine`, `unassigned`). */
  setView(view: DeskView): void {
    this.view = view;
    this.host.requestUpdate();
    const desk = this.options.client()?.desk;
    if (view !== 'all' && desk?.hasMore(view)) desk.loadMore(view).catch((error: unknown) => this.options.report(error));
  }

  setMode(mode: 'text' | 'note'): void {
    this.mode = mode;
    this.host.requestUpdate();
  }

  /** Takes the open conversation. */
  take(): Promise<void> {
    return this.run((client, id) => client.desk.take(id));
  }

  /** Hands the open conversation to `agentId`, with a note. */
  transfer(agentId: string, note: string): Promise<void> {
    return this.run((client, id) => client.desk.transfer(id, agentId, note), () => (this.transferring = false));
  }

  unassign(): Promise<void> {
    return this.run((client, id) => client.desk.unassign(id));
  }

  /** Sets the open conversation's status (`until`: with `snoozed`). */
  setStatus(status: ConversationStatus, until?: number): Promise<void> {
    return this.run((client, id) => client.desk.setStatus(id, status, until === undefined ? {} : { until }), () => (this.snoozing = false));
  }

  /** Resolves the open conversation (the keyboard's `e`). */
  resolve(): Promise<void> {
    return this.setStatus('resolved');
  }

  setLabels(change: { add?: string[]; remove?: string[] }): Promise<void> {
    return this.run((client, id) => client.desk.setLabels(id, change));
  }

  /** My presence: routing gives new conversations to online agents only. */
  setPresence(presence: Exclude<AgentPresence, 'offline'>): Promise<void> {
    const client = this.options.client();
    if (client === undefined) return Promise.resolve();
    return client.desk.setPresence(presence).then(
      () => this.host.requestUpdate(),
      (error: unknown) => this.fail(error),
    );
  }

  /** Opens or closes a form of the header (only one at a time). */
  toggle(form: 'transferring' | 'snoozing'): void {
    const open = !this[form];
    this.transferring = false;
    this.snoozing = false;
    this[form] = open;
    this.host.requestUpdate();
  }

  private async run(action: (client: SupportClient, conversationId: string) => Promise<unknown>, done?: () => void): Promise<void> {
    const client = this.options.client();
    const id = this.options.selectedId();
    if (client === undefined || id === undefined || this.busy) return;
    this.busy = true;
    this.notice = undefined;
    this.host.requestUpdate();
    try {
      await action(client, id);
      done?.();
    } catch (error) {
      this.fail(error);
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  private fail(error: unknown): void {
    const code = error instanceof SupportError ? error.code : undefined;
    this.notice = this.terms.term(code === 'conflict' ? 'desk.conflict' : code === 'config' ? 'desk.unavailable' : 'desk.failed');
    this.host.requestUpdate();
    this.options.report(error);
  }
}
