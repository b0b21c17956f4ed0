import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { SupportClient } from '../../core/support-client.js';
import type { CustomerProfile } from '../../protocol/desk.js';
import type { Attachment, ConversationSummary, ProductContext } from '../../protocol/model.js';
import { formatDay } from '../../i18n/date-format.js';
import type { AttachmentTermKey } from '../../i18n/en/attachments.js';
import type { CallSummaryTermKey } from '../../i18n/en/call-summary.js';
import type { DeskToolsTermKey } from '../../i18n/en/desk-tools.js';
import type { Terms } from '../../i18n/localize-controller.js';
import { callSummaryText } from '../support-call/call-summary-text.js';
import { messagePreview } from '../thread/message-preview.js';
import { deskOf } from './desk-port.js';

type Host = ReactiveControllerHost & { readonly renderRoot: ParentNode };

/** What the profile panel needs from the inbox. */
export interface CustomerProfileOptions {
  client(): SupportClient | undefined;
  /** The open conversation's id and customer. */
  open(): { id: string; customerId: string } | undefined;
  terms: Terms<DeskToolsTermKey>;
  summaryTerms: Terms<CallSummaryTermKey>;
  attachmentTerms: Terms<AttachmentTermKey>;
  /** Opens another conversation of the customer in the inbox. */
  select(conversationId: string): void;
  /** A loadable address for an attachment (the thread's resolver). */
  mediaSrc(url: string | undefined): string | undefined;
  /** Opens a photo in the lightbox; focus returns to `opener`. */
  openImage(attachment: Attachment, src: string, opener: HTMLElement): void;
}

const PANEL_ID = 'customer-profile';

/**
 * The customer beside the thread (`part="profile"`): name, email, the devices and orders of their
 * context cards, their conversations (each opens in the inbox) and calls (summary, snapshots that
 * open in the lightbox), from `client.desk.profile()`. A side panel on wide screens; on narrow ones
 * a sheet over the thread, toggled by `renderToggle()`'s button (Escape closes it, focus returns).
 */
export class CustomerProfilePanel implements ReactiveController {
  private profile: CustomerProfile | undefined;
  private state: 'idle' | 'loading' | 'failed' = 'idle';
  /** The conversation the profile was asked for (asked again when another opens). */
  private askedFor: string | undefined;
  private sheetOpen = false;

  constructor(
    private readonly host: Host,
    private readonly options: CustomerProfileOptions,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const open = this.options.open();
    if (open && open.id !== this.askedFor && deskOf(this.options.client())) {
      this.askedFor = open.id;
      queueMicrotask(() => void this.load(open)); // after this update, not inside it
    }
  }

  /** Fetches the open conversation's customer again. */
  async load(open = this.options.open()): Promise<void> {
    const desk = deskOf(this.options.client());
    if (!open || !desk) return;
    this.askedFor = open.id;
    if (this.profile?.id !== open.customerId) this.profile = undefined;
    this.state = 'loading';
    this.host.requestUpdate();
    try {
      const profile = await desk.profile(open.customerId);
      if (this.askedFor !== open.id) return;
      this.profile = profile;
      this.state = 'idle';
    } catch {
      if (this.askedFor === open.id) this.state = 'failed';
    }
    this.host.requestUpdate();
  }

  /** The thread header's button that shows and hides the sheet (narrow screens only). */
  renderToggle(): TemplateResult | typeof nothing {
    if (!this.options.open()) return nothing;
    const terms = this.options.terms;
    return html`<button
      part="profile-button"
      class="text-button profile-toggle"
      type="button"
      aria-expanded=${this.sheetOpen ? 'true' : 'false'}
      aria-controls=${PANEL_ID}
      @click=${() => this.toggle(!this.sheetOpen)}
    >
      ${terms.term('profile.label')}
    </button>`;
  }

  render(): TemplateResult | typeof nothing {
    const open = this.options.open();
    if (!open || !deskOf(this.options.client())) return nothing;
    const terms = this.options.terms;
    const profile = this.profile;
    return html`<aside part="profile" id=${PANEL_ID} class="profile" aria-labelledby="profile-title" ?data-open=${this.sheetOpen} @keydown=${this.onKeydown}>
      <div class="profile-header">
        <h2 id="profile-title">${terms.term('profile.label')}</h2>
        <button part="profile-close-button" class="text-button profile-close" type="button" @click=${() => this.toggle(false)}>${terms.term('profile.hide')}</button>
      </div>
      ${this.state === 'failed'
        ? html`<p class="desk-muted" role="alert">${terms.term('profile.failed')}
            <button class="text-button" type="button" @click=${() => void this.load()}>${terms.term('profile.retry')}</button></p>`
        : nothing}
      ${profile ? this.renderProfile(profile, open.id) : this.state === 'loading' ? html`<p class="desk-muted" role="status">${terms.term('profile.loading')}</p>` : nothing}
    </aside>`;
  }

  private renderProfile(profile: CustomerProfile, currentId: string): TemplateResult {
    const terms = this.options.terms;
    const none = html`<p class="desk-muted">${terms.term('profile.none')}</p>`;
    return html`<p class="profile-name">${profile.name}</p>
      ${profile.email ? html`<p class="profile-email"><span class="desk-muted">${terms.term('profile.email')}</span> ${profile.email}</p>` : nothing}
      <h3>${terms.term('profile.products')}</h3>
      ${profile.products.length === 0 ? none : html`<ul part="profile-products" class="profile-list">${profile.products.map((product) => this.renderProduct(product))}</ul>`}
      <h3>${terms.term('profile.conversations')}</h3>
      ${profile.conversations.length === 0
        ? none
        : html`<ul part="profile-conversations" class="profile-list">${profile.conversations.map((conversation) => this.renderConversation(conversation, currentId))}</ul>`}
      <h3>${terms.term('profile.calls')}</h3>
      ${profile.calls.length === 0 ? none : html`<ul part="profile-calls" class="profile-list">${profile.calls.map((call) => this.renderCall(call))}</ul>`}`;
  }

  private renderProduct(product: ProductContext): TemplateResult {
    const terms = this.options.terms;
    const facts = [product.sku, product.serial ? terms.term('profile.serial', { serial: product.serial }) : undefined, product.orderId ? terms.term('profile.order', { id: product.orderId }) : undefined];
    return html`<li class="profile-product">
      <strong>${product.name ?? product.sku ?? ''}</strong>
      <span class="desk-muted">${facts.filter(Boolean).join(' · ')}</span>
    </li>`;
  }

  private renderConversation(conversation: ConversationSummary, currentId: string): TemplateResult {
    const { terms, summaryTerms, attachmentTerms } = this.options;
    const last = conversation.lastMessage;
    const preview = last ? messagePreview(last, { summary: summaryTerms, attachments: attachmentTerms }) : '';
    const current = conversation.id === currentId;
    return html`<li>
      <button
        part="profile-conversation"
        class="profile-conversation"
        type="button"
        data-id=${conversation.id}
        aria-current=${current ? 'true' : nothing}
        @click=${() => this.options.select(conversation.id)}
      >
        <span class="profile-conversation-head"
          >${formatDay(summaryTerms.lang, conversation.updatedAt)} ·
          ${terms.term(`profile.status.${conversation.status ?? 'open'}`)}${current ? html` · ${terms.term('profile.current')}` : nothing}</span
        >
        <span class="desk-muted profile-preview">${preview}</span>
      </button>
    </li>`;
  }

  private renderCall(call: CustomerProfile['calls'][number]): TemplateResult {
    const { terms, summaryTerms } = this.options;
    const text = callSummaryText(call.summary.body, summaryTerms);
    const photos = call.snapshots.flatMap((message) => (message.attachments ?? []).filter((attachment) => attachment.kind === 'image'));
    return html`<li part="profile-call" class="profile-call">
      <span>${text?.title ?? ''}</span>
      <span class="desk-muted">${formatDay(summaryTerms.lang, call.summary.at)}${text ? ` · ${text.detail}` : ''}</span>
      ${photos.length > 0
        ? html`<span class="profile-snapshots">
            ${photos.map((photo, index) => {
              const src = this.options.mediaSrc(photo.url);
              const label = terms.term('profile.snapshot', { n: index + 1 });
              return html`<button
                part="profile-snapshot"
                class="profile-snapshot"
                type="button"
                aria-label=${label}
                ?disabled=${!src}
                @click=${(event: Event) => src && this.options.openImage(photo, src, event.currentTarget as HTMLElement)}
              >
                ${src ? html`<img src=${src} alt="" />` : nothing}
              </button>`;
            })}
          </span>`
        : nothing}
    </li>`;
  }

  private toggle(open: boolean): void {
    this.sheetOpen = open;
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => {
      const target = open ? '.profile-close' : '.profile-toggle';
      this.host.renderRoot.querySelector<HTMLElement>(target)?.focus();
    });
  }

  private readonly onKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || !this.sheetOpen) return;
    event.stopPropagation();
    this.toggle(false);
  };
}
