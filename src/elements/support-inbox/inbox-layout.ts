import { html, nothing, type TemplateResult } from 'lit';
import type { ConversationView } from '../../core/types.js';
import type { CallSummaryTermKey } from '../../i18n/en/call-summary.js';
import type { InboxTermKey } from '../../i18n/en/inbox.js';
import type { LocalizeController, Terms } from '../../i18n/localize-controller.js';
import type { CallSlot } from '../call-slot/call-slot.js';
import type { SupportClientController } from '../client-controller.js';
import { renderConnectionBanner } from '../connection-banner/connection-banner.js';
import type { ThreadController } from '../thread/thread-controller.js';
import type { AgentTools } from './agent-tools.js';
import { renderComposeMode } from './compose-mode.js';
import { renderConversationList, type QueuePager } from './conversation-list.js';
import { listKeyTarget, type ConversationWindow } from './conversation-window.js';
import { renderDeskBar } from './desk-bar.js';
import type { DeskController } from './desk-controller.js';
import type { DeskFollowUps } from './desk-followups.js';
import { renderDeskRow } from './desk-row.js';
import type { InboxSearch } from './inbox-search.js';
import { renderPresenceSelect } from './presence-select.js';
import { renderQueueViews } from './queue-views.js';

/** The pieces of `<support-inbox>` its layout places. */
export interface InboxParts {
  i18n: LocalizeController;
  terms: Terms<InboxTermKey>;
  summaryTerms: Terms<CallSummaryTermKey>;
  connection: SupportClientController;
  call: CallSlot;
  thread: ThreadController;
  queuePager: QueuePager;
  rows: ConversationWindow;
  search: InboxSearch;
  tools: AgentTools;
  desk: DeskController;
  /** Follow-ups and satisfaction (issue 17). */
  followUps: DeskFollowUps;
  /** The open conversation. */
  selectedId(): string | undefined;
  /** The queue row that takes Tab focus. */
  activeId(): string | undefined;
  setActiveId(id: string): void;
  select(id: string): void;
  /** The element's shadow root (where the focused row is). */
  root(): ShadowRoot | null;
}

/**
 * The layout of `<support-inbox>`: the queue (heading with my presence, the agent tools' bar,
 * connection banner, search, the queue views as tabs and the list or the search's results) beside
 * the thread (call, header with the desk bar, messages, the reply/note switch and the composer),
 * then the profile and the dialogs. The element wires the controllers; this places them.
 */
export class InboxLayout {
  constructor(private readonly parts: InboxParts) {}

  render(): TemplateResult {
    const { connection, desk, thread, i18n, terms, tools } = this.parts;
    const client = connection.client;
    const selectedId = this.parts.selectedId();
    const selected = selectedId ? client?.conversation(selectedId) : undefined;
    return html`<div class="inbox" dir=${i18n.dir}>
      <nav class="queue" aria-label=${terms.term('inbox.label')}>
        <div class="queue-header"><h2>${terms.term('inbox.label')}</h2>${desk.available ? renderPresenceSelect(desk) : nothing}</div>
        ${tools.renderToolbar(this.parts.followUps.renderToolbar())}
        ${renderConnectionBanner(client?.state ?? 'idle', connection.error, thread.terms, () => connection.reconnect())}
        ${this.parts.search.renderBox()} ${desk.available && !this.parts.search.active ? renderQueueViews(desk, 'queue-panel') : nothing}
        <div id="queue-panel" class="queue-panel" role=${desk.available && !this.parts.search.active ? 'tabpanel' : nothing}>${this.renderQueue()}</div>
      </nav>
      ${this.renderThread(selected)} ${tools.profile.render()} ${tools.renderDialogs()} ${this.parts.followUps.renderDialogs()}
    </div>`;
  }

  private renderQueue(): TemplateResult {
    const { search, desk, i18n, terms, thread, call, rows } = this.parts;
    const selectedId = this.parts.selectedId();
    if (search.active) return search.renderResults(i18n.lang, selectedId);
    // Most recently active first (the client's order), filtered by the view shown.
    const conversations = desk.queue();
    const selfId = this.parts.connection.client?.user?.id;
    return renderConversationList({
      conversations,
      selectedId,
      activeId: this.parts.activeId() ?? selectedId ?? conversations[0]?.id,
      window: rows.range(conversations.length),
      onScroll: this.onListScroll,
      i18n: terms,
      strings: thread.attachmentTerms,
      summaryTerms: this.parts.summaryTerms,
      stepsTerms: thread.stepsTerms,
      ringingId: call.ringing,
      ringingLabel: call.ringingLabel,
      onSelect: (id) => this.parts.select(id),
      onKeydown: this.onListKeydown,
      pager: this.parts.queuePager,
      ...(desk.available ? { desk: { row: (c: ConversationView) => renderDeskRow(c, desk.terms, selfId), words: desk.messages.words }, empty: desk.terms.term('desk.viewEmpty') } : {}),
    });
  }

  private renderThread(conversation: ConversationView | undefined): TemplateResult {
    const { thread, desk, tools, terms } = this.parts;
    const drop = thread.dropHandlers;
    return html`<section
      part="thread"
      class="thread"
      data-compose=${desk.available ? desk.mode : 'text'}
      aria-labelledby=${conversation ? 'thread-title' : nothing}
      @dragenter=${drop.dragenter}
      @dragover=${drop.dragover}
      @dragleave=${drop.dragleave}
      @drop=${drop.drop}
    >
      ${this.parts.call.render()}
      ${conversation
        ? html`<div class="thread-header">
              <h2 id="thread-title">${conversation.customer.name || terms.term('inbox.customer')}</h2>
              ${tools.profile.renderToggle()} ${tools.renderStepsButton()} ${thread.renderCallButton()}
            </div>
            ${renderDeskBar(conversation, desk, this.parts.connection.client?.user?.id, this.parts.followUps.renderScheduleButton())}
            ${thread.render(conversation, conversation.context, undefined, desk.available ? renderComposeMode(desk) : undefined)} ${tools.renderPopup()}`
        : html`<p class="thread-empty">${terms.term('inbox.select')}</p>`}
    </section>`;
  }

  private readonly onListScroll = (event: Event): void => {
    this.parts.rows.onScroll(event);
    this.parts.queuePager.onScroll(event);
  };

  /** Listbox keys over the whole queue (rows out of the window are scrolled in first): arrows, Page Up/Down, Home and End move; Enter and Space open. */
  private readonly onListKeydown = (event: KeyboardEvent): void => {
    const focused = (this.parts.root()?.activeElement as HTMLElement | null)?.dataset.id;
    const conversations = this.parts.desk.queue();
    const index = conversations.findIndex((c) => c.id === focused);
    if ((event.key === 'Enter' || event.key === ' ') && focused !== undefined) {
      event.preventDefault();
      this.parts.select(focused);
      return;
    }
    const next = listKeyTarget(event.key, index, conversations.length, this.parts.rows.pageRows);
    const id = next === undefined ? undefined : conversations[next]?.id;
    if (next === undefined || id === undefined) return;
    event.preventDefault();
    this.parts.setActiveId(id);
    this.parts.rows.focus(id, next);
  };
}
