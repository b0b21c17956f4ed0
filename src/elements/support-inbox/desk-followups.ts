import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { SupportClient } from '../../core/support-client.js';
import type { ConversationView } from '../../core/types.js';
import type { DeskTermKey } from '../../i18n/en/desk.js';
import type { LocalizeController, Terms } from '../../i18n/localize-controller.js';
import { isStaff } from '../../protocol/desk.js';
import { SupportError } from '../../protocol/errors.js';
import type { FollowUp } from '../../protocol/relationship.js';
import type { CsatPanel } from './csat-panel.js';
import type { FollowUpSchedule } from './followup-schedule.js';
import type { FollowUpsView } from './followups-view.js';

type Host = ReactiveControllerHost & HTMLElement & { readonly renderRoot: ParentNode };

/** What the follow-ups and satisfaction pieces need from `<support-inbox>`. */
export interface DeskFollowUpsOptions {
  i18n: LocalizeController;
  terms: Terms<DeskTermKey>;
  client(): SupportClient | undefined;
  /** The open conversation. */
  selected(): ConversationView | undefined;
  select(conversationId: string): void;
  report(error: unknown): void;
}

/** What the lazily loaded views get from here. */
export interface FollowUpsContext extends DeskFollowUpsOptions {
  host: Host;
  /** Says something politely (the desk's status line). */
  announce(text: string): void;
  /** The number of due follow-ups changed (the view's list is the truth once loaded). */
  setDue(count: number): void;
}

/**
 * Issue 17 in the desk, eager part: the desk tools' "Follow-ups due (n)" and "Satisfaction"
 * buttons, the open conversation's "Follow up…" button, the count of due follow-ups (asked at
 * each connection, raised live by `followUpDue`) and a polite status line. The views themselves
 * (`followups-view.ts`, `followup-schedule.ts`, `csat-panel.ts`) load by dynamic `import()` when
 * first opened, so the inbox's first load carries only this.
 */
export class DeskFollowUps implements ReactiveController {
  private due = 0;
  private said = '';
  private view: FollowUpsView | undefined;
  private schedule: FollowUpSchedule | undefined;
  private csat: CsatPanel | undefined;
  private watched: SupportClient | undefined;
  private unwatch: (() => void)[] = [];
  private readonly context: FollowUpsContext;

  constructor(
    private readonly host: Host,
    private readonly options: DeskFollowUpsOptions,
  ) {
    host.addController(this);
    this.context = {
      ...options,
      host,
      announce: (text) => this.announce(text),
      setDue: (count) => {
        this.due = count;
        host.requestUpdate();
      },
    };
  }

  /** Follows the element's client (it may come late, or change). */
  hostUpdate(): void {
    const client = this.options.client();
    if (client === this.watched) return;
    this.stop();
    this.watched = client;
    if (client === undefined) return;
    this.unwatch = [
      client.on('followUpDue', ({ followUp }) => this.arrived(followUp)),
      client.on('state', ({ state }) => {
        if (state === 'connected') this.count();
      }),
    ];
    if (client.state === 'connected') this.count();
  }

  hostDisconnected(): void {
    this.stop();
    this.watched = undefined;
  }

  /** True when the signed-in user is staff on a backend with a desk. */
  get available(): boolean {
    const client = this.options.client();
    return client?.desk.available === true && client.user !== undefined && isStaff(client.user.role);
  }

  /** The desk tools' buttons: the due follow-ups (with their count) and the satisfaction results. */
  renderToolbar(): TemplateResult | typeof nothing {
    if (!this.available) return nothing;
    const { terms } = this.options;
    return html`<button part="followups-button" class="text-button desk-tool" type="button" aria-haspopup="dialog" @click=${(event: Event) => void this.open('view', event)}>
        ${this.due > 0 ? terms.term('desk.followUpsCount', { count: this.due }) : terms.term('desk.followUps')}
      </button>
      <button part="csat-button" class="text-button desk-tool" type="button" aria-haspopup="dialog" @click=${(event: Event) => void this.open('csat', event)}>${terms.term('desk.satisfaction')}</button>`;
  }

  /** The open conversation's "Follow up…" button (in its desk bar). */
  renderScheduleButton(): TemplateResult | typeof nothing {
    if (!this.available) return nothing;
    return html`<button part="followup-button" class="text-button" type="button" aria-haspopup="dialog" @click=${(event: Event) => void this.open('schedule', event)}>
      ${this.options.terms.term('desk.followUp')}
    </button>`;
  }

  /** The status line (what was scheduled, a follow-up that fell due) and the dialogs once loaded, anywhere in the shadow root. */
  renderDialogs(): TemplateResult {
    return html`<span class="visually-hidden" role="status">${this.available ? this.said : ''}</span> ${this.view?.render() ?? nothing} ${this.schedule?.render() ?? nothing}
      ${this.csat?.render() ?? nothing}`;
  }

  private async open(which: 'view' | 'schedule' | 'csat', event: Event): Promise<void> {
    const opener = event.currentTarget as HTMLElement;
    try {
      if (which === 'view') {
        const { FollowUpsView } = await import('./followups-view.js');
        (this.view ??= new FollowUpsView(this.context)).show(opener);
      } else if (which === 'schedule') {
        const conversation = this.options.selected();
        if (conversation === undefined) return;
        const { FollowUpSchedule } = await import('./followup-schedule.js');
        (this.schedule ??= new FollowUpSchedule(this.context)).show(conversation, opener);
      } else {
        const { CsatPanel } = await import('./csat-panel.js');
        (this.csat ??= new CsatPanel(this.context)).show(opener);
      }
    } catch (error) {
      this.announce(this.options.terms.term('desk.loadFailed'));
      this.options.report(new SupportError('network', 'Could not load the follow-ups or satisfaction view.', { cause: error }));
    }
  }

  private arrived(followUp: FollowUp): void {
    if (this.view) this.view.arrived(followUp);
    else this.due += 1;
    this.announce(this.options.terms.term('desk.followUpArrived', { name: followUp.customer.name }));
  }

  /** Asks how many follow-ups are due (at each connection: some may have fallen due meanwhile). */
  private count(): void {
    if (!this.available) return;
    if (this.view) return void this.view.reload();
    this.options
      .client()
      ?.desk.followUps('due')
      .then((list) => this.context.setDue(list.length))
      .catch(() => undefined); // best effort: the view asks again when opened
  }

  private announce(text: string): void {
    this.said = text;
    this.host.requestUpdate();
  }

  private stop(): void {
    for (const off of this.unwatch) off();
    this.unwatch = [];
  }
}
