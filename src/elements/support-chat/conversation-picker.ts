import type { ReactiveController, TemplateResult } from 'lit';
import type { ChatRelationshipTermKey } from '../../i18n/en/chat-relationship.js';
import { errorTerm, type ThreadTermKey } from '../../i18n/en/thread.js';
import type { Terms } from '../../i18n/localize-controller.js';
import { toSupportError } from '../../protocol/errors.js';
import type { ConversationSummary } from '../../protocol/model.js';
import type { SupportElement } from '../base.js';
import type { SupportClientController } from '../client-controller.js';
import type { PreviewTerms } from '../thread/message-preview.js';
import { renderMyConversations } from './my-conversations.js';

/**
 * A signed-in customer's own conversations in the panel: the list (asked of the relay each time
 * it is shown), which one the thread shows (`selectedId`; default the client's primary), and
 * starting a new one about the page's product. A page opened from a reply email
 * (`?support-conversation=<id>`) shows that conversation, and opens the panel, once the client knows it.
 */
export class ConversationPicker implements ReactiveController {
  /** The conversation picked or started on this page; undefined: the client's primary one. */
  selectedId: string | undefined;
  /** The list replaces the thread while true. */
  showing = false;
  private list: readonly ConversationSummary[] = [];
  private loading = false;
  private error: string | undefined;
  /** The conversation a reply email's link names, until the client knows it. */
  private linked = linkedConversation();

  constructor(
    private readonly host: SupportElement,
    private readonly options: {
      connection: SupportClientController;
      terms: Terms<ChatRelationshipTermKey>;
      threadTerms: Terms<ThreadTermKey>;
      /** For last messages of photos alone or call summaries. */
      previewTerms: PreviewTerms;
      /** The conversation the thread shows. */
      currentId(): string | undefined;
      mediaSrc(url: string | undefined): string | undefined;
      /** After a choice: the thread is back (focus goes to its input). */
      chosen(): void;
      /** Opens the panel (a reply email's link). */
      open(): void;
    },
  ) {
    host.addController(this);
  }

  /** A customer signed in by the shop (visitors have one conversation). */
  get available(): boolean {
    const me = this.options.connection.client?.user;
    return me?.role === 'customer' && !me.id.startsWith('visitor:');
  }

  /** A reply email's conversation, once the client knows it is the customer's. */
  hostUpdated(): void {
    const id = this.linked;
    if (id === undefined || !this.options.connection.client?.conversation(id)) return;
    this.linked = undefined;
    this.selectedId = id;
    queueMicrotask(() => this.options.open());
  }

  /** Shows the list and asks the relay for it. */
  show(): void {
    this.showing = true;
    this.host.requestUpdate();
    void this.load();
  }

  hide(): void {
    this.showing = false;
    this.options.chosen();
    this.host.requestUpdate();
  }

  render(): TemplateResult {
    const { terms, threadTerms, previewTerms, mediaSrc } = this.options;
    return renderMyConversations(
      {
        conversations: this.list,
        currentId: this.options.currentId(),
        error: this.error,
        loading: this.loading,
        open: (id) => this.pick(id),
        startNew: () => void this.startNew(),
        retry: () => void this.load(),
        back: () => this.hide(),
        mediaSrc,
      },
      terms,
      threadTerms,
      previewTerms,
    );
  }

  private pick(conversationId: string): void {
    this.selectedId = conversationId;
    this.hide();
  }

  private async load(): Promise<void> {
    const client = this.options.connection.client;
    if (!client || this.loading) return;
    this.loading = true;
    this.error = undefined;
    this.host.requestUpdate();
    try {
      this.list = await client.relationship.conversations();
    } catch (error) {
      this.error = this.options.threadTerms.term(errorTerm(toSupportError(error).code));
    } finally {
      this.loading = false;
      this.host.requestUpdate();
    }
  }

  private async startNew(): Promise<void> {
    const client = this.options.connection.client;
    if (!client) return;
    try {
      const summary = await client.relationship.startConversation(this.host.context);
      this.pick(summary.id);
    } catch (error) {
      this.error = this.options.threadTerms.term(errorTerm(toSupportError(error).code));
      this.options.connection.reportError(error);
      this.host.requestUpdate();
    }
  }
}

/** `?support-conversation=<id>` of the page's address: the link in a reply email. */
function linkedConversation(): string | undefined {
  if (typeof location === 'undefined') return undefined;
  return new URLSearchParams(location.search).get('support-conversation') ?? undefined;
}
