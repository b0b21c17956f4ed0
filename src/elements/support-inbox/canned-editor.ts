import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { randomId } from '../../base/random-id.js';
import { DESK_LIMITS, PLACEHOLDERS, type CannedReply } from '../../protocol/desk.js';
import { LIMITS } from '../../protocol/model.js';
import type { DeskToolsTermKey } from '../../i18n/en/desk-tools.js';
import type { Terms } from '../../i18n/localize-controller.js';
import type { CannedReplies } from './canned-replies.js';
import { ModalDialog } from './modal-dialog.js';

type Host = ReactiveControllerHost & { readonly renderRoot: ParentNode };

/**
 * Admins' dialog for the shop's canned replies (`part="canned-dialog"`): the list with edit and
 * delete, and a form that adds or replaces one. A modal dialog: focus stays inside, Escape closes,
 * focus goes back to the button that opened it. Agents only use replies; the relay refuses their
 * changes too.
 */
export class CannedEditor {
  private readonly dialog: ModalDialog;
  /** The reply being edited; undefined: a new one. */
  private editing: CannedReply | undefined;
  private notice = '';

  constructor(
    private readonly host: Host,
    private readonly replies: CannedReplies,
    private readonly terms: Terms<DeskToolsTermKey>,
    private readonly report: (error: unknown) => void,
  ) {
    this.dialog = new ModalDialog(host, 'dialog.canned-dialog');
  }

  /** Opens the dialog (fetching the replies afresh). */
  show(opener?: HTMLElement): void {
    this.editing = undefined;
    this.notice = '';
    this.dialog.show(opener);
    void this.replies.reload();
  }

  render(): TemplateResult | typeof nothing {
    if (!this.dialog.open) return nothing;
    const { terms } = this;
    const replies = this.replies.replies ?? [];
    const editing = this.editing;
    return html`<dialog part="canned-dialog" class="desk-dialog canned-dialog" aria-labelledby="canned-dialog-title" @cancel=${this.dialog.onCancel} @keydown=${this.dialog.onKeydown}>
      <div class="desk-dialog-bar">
        <h2 id="canned-dialog-title">${terms.term('canned.manage')}</h2>
        <button class="text-button" type="button" @click=${() => this.dialog.close()}>${terms.term('canned.close')}</button>
      </div>
      ${replies.length === 0
        ? html`<p class="desk-muted">${terms.term('canned.empty')}</p>`
        : html`<ul class="canned-admin-list">
            ${replies.map(
              (reply) => html`<li>
                <span class="canned-shortcut">/${reply.shortcut}</span> <span class="canned-title">${reply.title}</span>
                <button class="text-button" type="button" aria-label=${terms.term('canned.editReply', { shortcut: reply.shortcut })} @click=${() => this.edit(reply)}>
                  ${terms.term('canned.edit')}
                </button>
                <button class="text-button" type="button" aria-label=${terms.term('canned.deleteReply', { shortcut: reply.shortcut })} @click=${() => void this.remove(reply)}>
                  ${terms.term('canned.delete')}
                </button>
              </li>`,
            )}
          </ul>`}
      <form class="canned-form" @submit=${this.onSubmit}>
        <label>${terms.term('canned.shortcut')}
          <input name="shortcut" required pattern="[a-z0-9_\\-]+" maxlength=${DESK_LIMITS.maxShortcutChars} .value=${editing?.shortcut ?? ''} title=${terms.term('canned.shortcutHint')} />
        </label>
        <label>${terms.term('canned.title')}
          <input name="title" required maxlength=${DESK_LIMITS.maxCannedTitleChars} .value=${editing?.title ?? ''} />
        </label>
        <label>${terms.term('canned.body')}
          <textarea name="body" required rows="4" maxlength=${LIMITS.maxBodyChars} .value=${editing?.body ?? ''} aria-describedby="canned-body-hint"></textarea>
        </label>
        <small id="canned-body-hint" class="desk-muted">${terms.term('canned.bodyHint', { placeholders: PLACEHOLDERS.map((name) => `{{${name}}}`).join(' ') })}</small>
        <div class="desk-dialog-actions">
          <span role="status" class="desk-muted">${this.notice}</span>
          ${editing ? html`<button class="text-button" type="button" @click=${() => this.edit(undefined)}>${terms.term('canned.cancel')}</button>` : nothing}
          <button part="canned-save-button" class="text-button" type="submit">${editing ? terms.term('canned.save') : terms.term('canned.add')}</button>
        </div>
      </form>
    </dialog>`;
  }

  private edit(reply: CannedReply | undefined): void {
    this.editing = reply;
    this.notice = '';
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => this.host.renderRoot.querySelector<HTMLInputElement>('.canned-form input[name="shortcut"]')?.focus());
  }

  private readonly onSubmit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const field = (name: string): string => (form.elements.namedItem(name) as HTMLInputElement | HTMLTextAreaElement).value.trim();
    const reply: CannedReply = { id: this.editing?.id ?? randomId(), shortcut: field('shortcut').toLowerCase(), title: field('title'), body: field('body') };
    const desk = this.replies.desk();
    if (!desk) return;
    try {
      this.replies.use(await desk.saveCannedReply(reply));
      this.editing = undefined;
      form.reset();
      this.notice = this.terms.term('canned.saved');
    } catch (error) {
      this.report(error);
    }
  };

  private async remove(reply: CannedReply): Promise<void> {
    const desk = this.replies.desk();
    if (!desk) return;
    try {
      this.replies.use(await desk.deleteCannedReply(reply.id));
      if (this.editing?.id === reply.id) this.editing = undefined;
      this.notice = this.terms.term('canned.deleted');
    } catch (error) {
      this.report(error);
    }
  }
}
