import { html, nothing, type TemplateResult } from 'lit';
import type { ChatRelationshipTermKey } from '../../i18n/en/chat-relationship.js';
import type { Terms } from '../../i18n/localize-controller.js';

/** Where a satisfaction question is: being answered (score, comment, sending, error) or answered. */
export type CsatPromptState =
  | { step: 'asking'; score?: number; comment: string; error?: string; sending?: boolean }
  | { step: 'answered' };

/** What the prompt does when used. */
export interface CsatActions {
  score(score: number): void;
  comment(text: string): void;
  submit(): void;
}

const SCORES = [1, 2, 3, 4, 5] as const;
type ScoreKey = Extract<ChatRelationshipTermKey, `csat.score${number}`>;

/**
 * "How did we do?" in the thread (`part="csat"`): a native radio group 1–5 in a fieldset (arrow
 * keys move between scores, each one named "4 of 5: Good"), an optional comment and a send
 * button; a failure is announced and keeps the score and the comment; once answered, a thank-you.
 */
export function renderCsatPrompt(state: CsatPromptState, terms: Terms<ChatRelationshipTermKey>, actions: CsatActions): TemplateResult {
  if (state.step === 'answered') {
    return html`<p part="csat-thanks" class="relationship-note" role="status">${terms.term('csat.thanks')}</p>`;
  }
  const error = state.error;
  return html`<form
    part="csat"
    class="relationship-card"
    novalidate
    @submit=${(event: Event) => {
      event.preventDefault();
      actions.submit();
    }}
  >
    <fieldset part="csat-scores" class="csat-scores" ?disabled=${state.sending} aria-describedby=${error ? 'csat-error' : nothing}>
      <legend><h3>${terms.term('csat.title')}</h3></legend>
      ${SCORES.map((score) => {
        const name = terms.term(`csat.score${score}` as ScoreKey);
        return html`<label part="csat-score" class="csat-score" title=${name} ?data-checked=${state.score === score}>
          <input
            type="radio"
            name="csat-score"
            .value=${String(score)}
            .checked=${state.score === score}
            aria-label=${terms.term('csat.scoreLabel', { score, name })}
            @change=${() => actions.score(score)}
          />
          <span aria-hidden="true">${score}</span>
        </label>`;
      })}
    </fieldset>
    <label for="csat-comment">${terms.term('csat.comment')}</label>
    <textarea
      id="csat-comment"
      part="csat-comment"
      rows="2"
      maxlength="1000"
      .value=${state.comment}
      ?disabled=${state.sending}
      @input=${(event: Event) => actions.comment((event.target as HTMLTextAreaElement).value)}
    ></textarea>
    ${error ? html`<p id="csat-error" part="csat-error" class="error" role="alert">${error}</p>` : nothing}
    <div class="actions">
      <button part="csat-submit-button" class="primary-button" type="submit" ?disabled=${state.sending}>${terms.term('csat.submit')}</button>
    </div>
  </form>`;
}
