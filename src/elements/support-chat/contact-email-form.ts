import { html, nothing, type TemplateResult } from 'lit';
import type { ChatRelationshipTermKey } from '../../i18n/en/chat-relationship.js';
import type { Terms } from '../../i18n/localize-controller.js';

/** Where the "leave your email" prompt is: asking (with what was typed), saving, or answered. */
export type ContactEmailState =
  | { step: 'asking'; draft: string; error?: string; saving?: boolean }
  | { step: 'saved'; email: string }
  | { step: 'skipped' };

/** What the form does when used. */
export interface ContactEmailActions {
  input(value: string): void;
  save(): void;
  skip(): void;
  /** Opens the form again (the answered line's "Change" / "Add an email"). */
  change(): void;
}

/**
 * The "leave a message" email prompt above the composer (`part="contact-email"`): a labelled,
 * optional email input, the consent wording the customer sees (and which is sent with the email),
 * save and skip; once answered, one line saying so with a button to change it. Errors are
 * announced (`role="alert"`) and the typed address is kept.
 */
export function renderContactEmailForm(
  state: ContactEmailState,
  terms: Terms<ChatRelationshipTermKey>,
  actions: ContactEmailActions,
): TemplateResult {
  if (state.step !== 'asking') {
    const text = state.step === 'saved' ? terms.term('email.saved', { email: state.email }) : terms.term('email.skipped');
    return html`<p part="contact-email-answer" class="relationship-note" role="status">
      <span>${text}</span>
      <button part="contact-email-change-button" class="text-button" type="button" @click=${actions.change}>
        ${state.step === 'saved' ? terms.term('email.change') : terms.term('email.add')}
      </button>
    </p>`;
  }
  const error = state.error;
  return html`<form
    part="contact-email"
    class="relationship-card"
    aria-labelledby="contact-email-title"
    novalidate
    @submit=${(event: Event) => {
      event.preventDefault();
      actions.save();
    }}
  >
    <h3 id="contact-email-title">${terms.term('email.title')}</h3>
    <p>${terms.term('email.intro')}</p>
    <label for="contact-email-input">${terms.term('email.label')}</label>
    <input
      id="contact-email-input"
      part="contact-email-input"
      type="email"
      inputmode="email"
      autocomplete="email"
      .value=${state.draft}
      aria-invalid=${error ? 'true' : 'false'}
      aria-describedby="contact-email-consent${error ? ' contact-email-error' : ''}"
      ?disabled=${state.saving}
      @input=${(event: Event) => actions.input((event.target as HTMLInputElement).value)}
    />
    <p id="contact-email-consent" part="contact-email-consent" class="hint">${terms.term('email.consent')}</p>
    ${error ? html`<p id="contact-email-error" part="contact-email-error" class="error" role="alert">${error}</p>` : nothing}
    <div class="actions">
      <button part="contact-email-save-button" class="primary-button" type="submit" ?disabled=${state.saving}>
        ${terms.term('email.save')}
      </button>
      <button part="contact-email-skip-button" class="text-button" type="button" ?disabled=${state.saving} @click=${actions.skip}>
        ${terms.term('email.skip')}
      </button>
    </div>
  </form>`;
}
