import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { randomId } from '../../base/random-id.js';
import type { SupportClient } from '../../core/support-client.js';
import type { ConversationView } from '../../core/types.js';
import { STEPS_LIMITS, stepListsFor, type GuidedStep, type StepList } from '../../protocol/guided-steps.js';
import { draftProblem } from '../../protocol/message-draft.js';
import { stepsDeskCatalog, type StepsDeskTermKey } from '../../i18n/en/steps-desk.js';
import type { LocalizeController, Terms } from '../../i18n/localize-controller.js';
import { errorTerm, threadCatalog, type ThreadTermKey } from '../../i18n/en/thread.js';
import { toSupportError } from '../../protocol/errors.js';
import { ModalDialog } from './modal-dialog.js';

type Host = ReactiveControllerHost & { readonly renderRoot: ParentNode };

/** The checklist being written: a title and its steps (a picture address may be blank). */
interface Draft {
  title: string;
  steps: Array<{ text: string; image: string }>;
}

const EMPTY: Draft = { title: '', steps: [{ text: '', image: '' }] };

/**
 * The agent's "Send steps" dialog (`part="steps-dialog"`, issue 20): the shop's canned step lists
 * for the conversation's product card (its SKU, its name, then the general ones), one click to
 * copy a list into the form, the form to edit the title, each step's text and picture address, add
 * and remove steps, then send it into the conversation as a checklist. Admins may also save what
 * they wrote as a list for this product. A modal dialog: focus stays inside, Escape closes, focus
 * goes back to the button that opened it.
 */
export class StepsDialog {
  private readonly dialog: ModalDialog;
  private readonly terms: Terms<StepsDeskTermKey>;
  private readonly errorTerms: Terms<ThreadTermKey>;
  private lists: StepList[] | undefined;
  private loadError = '';
  private draft: Draft = EMPTY;
  private notice = '';
  private conversation: ConversationView | undefined;

  constructor(
    private readonly host: Host,
    i18n: LocalizeController,
    private readonly client: () => SupportClient | undefined,
    private readonly report: (error: unknown) => void,
  ) {
    this.dialog = new ModalDialog(host, 'dialog.steps-dialog');
    this.terms = i18n.use(stepsDeskCatalog);
    this.errorTerms = i18n.use(threadCatalog);
  }

  /** Opens the dialog for `conversation`, fetching the shop's lists afresh. */
  show(conversation: ConversationView, opener?: HTMLElement): void {
    this.conversation = conversation;
    this.draft = { title: '', steps: [{ text: '', image: '' }] };
    this.notice = '';
    this.lists = undefined;
    this.loadError = '';
    this.dialog.show(opener);
    void this.load();
  }

  render(): TemplateResult | typeof nothing {
    if (!this.dialog.open) return nothing;
    const { terms, draft } = this;
    const product = this.conversation?.context?.name ?? this.conversation?.context?.sku;
    const admin = this.client()?.user?.role === 'admin';
    return html`<dialog part="steps-dialog" class="desk-dialog steps-dialog" aria-labelledby="steps-dialog-title" @cancel=${this.dialog.onCancel} @keydown=${this.dialog.onKeydown}>
      <div class="desk-dialog-bar">
        <h2 id="steps-dialog-title">${terms.term('stepsDesk.title')}</h2>
        <button class="text-button" type="button" @click=${() => this.dialog.close()}>${terms.term('stepsDesk.close')}</button>
      </div>
      <h3 class="steps-lists-heading">${product ? terms.term('stepsDesk.lists', { product }) : terms.term('stepsDesk.listsGeneral')}</h3>
      ${this.renderLists()}
      <form class="canned-form steps-form" @submit=${this.onSubmit} @input=${this.onInput}>
        <label>${terms.term('stepsDesk.listTitle')}
          <input name="title" required maxlength=${STEPS_LIMITS.maxTitleChars} .value=${draft.title} />
        </label>
        <ol class="steps-edit">
          ${draft.steps.map(
            (step, i) => html`<li>
              <label>${terms.term('stepsDesk.step', { n: i + 1 })}
                <textarea name=${`step-${i}`} rows="2" required maxlength=${STEPS_LIMITS.maxStepChars} .value=${step.text}></textarea>
              </label>
              <label>${terms.term('stepsDesk.image', { n: i + 1 })}
                <input name=${`image-${i}`} maxlength=${STEPS_LIMITS.maxImageChars} .value=${step.image} />
              </label>
              ${draft.steps.length > 1
                ? html`<button class="text-button" type="button" @click=${() => this.setSteps(draft.steps.filter((_, j) => j !== i))}>${terms.term('stepsDesk.removeStep', { n: i + 1 })}</button>`
                : nothing}
            </li>`,
          )}
        </ol>
        ${draft.steps.length < STEPS_LIMITS.maxSteps
          ? html`<button class="text-button steps-add" type="button" @click=${() => this.setSteps([...draft.steps, { text: '', image: '' }])}>${terms.term('stepsDesk.addStep')}</button>`
          : nothing}
        <div class="desk-dialog-actions">
          <span role="status" class="desk-muted">${this.notice}</span>
          ${admin ? html`<button part="steps-save-button" class="text-button" type="button" @click=${() => void this.save()}>${terms.term('stepsDesk.saveList')}</button>` : nothing}
          <button part="steps-send-button" class="text-button" type="submit">${terms.term('stepsDesk.send')}</button>
        </div>
      </form>
    </dialog>`;
  }

  private renderLists(): TemplateResult {
    const { terms } = this;
    if (this.loadError) return html`<p class="desk-muted" role="alert">${this.loadError}</p>`;
    if (this.lists === undefined) return html`<p class="desk-muted" role="status">${terms.term('stepsDesk.loading')}</p>`;
    const offered = stepListsFor(this.lists, this.conversation?.context);
    if (offered.length === 0) return html`<p class="desk-muted">${terms.term('stepsDesk.none')}</p>`;
    return html`<ul part="steps-lists" class="canned-admin-list steps-lists">
      ${offered.map(
        (list) => html`<li>
          <button class="text-button" type="button" @click=${() => this.use(list)}>${terms.term('stepsDesk.use', { title: list.title })}</button>
          <span class="desk-muted">${list.sku ?? list.productName ?? terms.term('stepsDesk.general')} · ${list.steps.length}</span>
        </li>`,
      )}
    </ul>`;
  }

  private async load(): Promise<void> {
    const client = this.client();
    if (!client) return;
    try {
      this.lists = await client.steps.lists();
    } catch (error) {
      this.loadError = this.terms.term('stepsDesk.loadFailed', { reason: this.errorTerms.term(errorTerm(toSupportError(error).code)) });
    }
    this.host.requestUpdate();
  }

  /** Copies a canned list into the form, to edit before sending. */
  private use(list: StepList): void {
    this.draft = { title: list.title, steps: list.steps.map((step) => ({ text: step.text, image: step.image ?? '' })) };
    this.notice = '';
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => this.host.renderRoot.querySelector<HTMLInputElement>('.steps-form input[name="title"]')?.focus());
  }

  private setSteps(steps: Draft['steps']): void {
    this.draft = { ...this.draft, steps };
    this.host.requestUpdate();
  }

  /** Typing keeps the draft (so adding or removing a step keeps what was written). */
  private readonly onInput = (event: Event): void => {
    const field = event.target as HTMLInputElement | HTMLTextAreaElement;
    const [name, index] = field.name.split('-');
    const i = Number(index);
    if (name === 'title') this.draft = { ...this.draft, title: field.value };
    else if ((name === 'step' || name === 'image') && this.draft.steps[i]) {
      this.draft = { ...this.draft, steps: this.draft.steps.map((step, j) => (j !== i ? step : name === 'step' ? { ...step, text: field.value } : { ...step, image: field.value })) };
    }
  };

  /** The checklist written, or undefined (with the reason shown) when it cannot be sent. */
  private checklist(): { title: string; steps: GuidedStep[] } | undefined {
    const title = this.draft.title.trim();
    const steps = this.draft.steps.filter((step) => step.text.trim() !== '').map((step) => (step.image.trim() ? { text: step.text.trim(), image: step.image.trim() } : { text: step.text.trim() }));
    const problem = title === '' || steps.length === 0 ? 'stepsDesk.incomplete' : draftProblem(JSON.stringify({ v: 1, title, steps }), 0) ? 'stepsDesk.tooLong' : undefined;
    if (problem === undefined) return { title, steps };
    this.notice = this.terms.term(problem);
    this.host.requestUpdate();
    return undefined;
  }

  private readonly onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    const client = this.client();
    const id = this.conversation?.id;
    const checklist = this.checklist();
    if (!client || !id || !checklist) return;
    try {
      client.steps.send(id, checklist);
      this.dialog.close();
    } catch (error) {
      this.report(error);
    }
  };

  /** Admins: keeps what was written as a list for this product (its SKU, else its name; general without a card). */
  private async save(): Promise<void> {
    const client = this.client();
    const checklist = this.checklist();
    if (!client || !checklist) return;
    const context = this.conversation?.context;
    const match = context?.sku ? { sku: context.sku } : context?.name ? { productName: context.name } : {};
    try {
      this.lists = await client.steps.saveList({ id: randomId(), ...checklist, ...match });
      this.notice = this.terms.term('stepsDesk.saved');
    } catch (error) {
      this.report(error);
    }
    this.host.requestUpdate();
  }
}
