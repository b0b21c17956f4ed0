import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { ChatMessage } from '../../core/types.js';
import type { SupportClient } from '../../core/support-client.js';
import { stepsProgress, type GuidedSteps } from '../../protocol/guided-steps.js';
import { readGuidedSteps } from '../../protocol/validate-steps.js';
import { formatTime } from '../../i18n/date-format.js';
import type { StepsTermKey } from '../../i18n/en/steps.js';
import type { Terms } from '../../i18n/localize-controller.js';
import type { MessageKinds } from './message-item.js';

export interface StepsCardsOptions {
  terms: Terms<StepsTermKey>;
  client(): SupportClient | undefined;
  /** A loadable address of a step's picture (a relay upload, or an allowed origin); undefined: not shown. */
  mediaSrc(url: string | undefined): string | undefined;
  /** A failure in the reader's words. */
  errorText(error: unknown): string;
}

/**
 * Guided steps in a thread (issue 20): a checklist message (`kind: 'steps'`) drawn as a card
 * (`part="steps"`) with its title, "2 of 5 done", and an ordered list of real checkboxes labelled
 * by each step's text (plain text, never HTML) and its picture. Ticking sends the tick through
 * `client.steps`: the box shows the new state at once, with "waiting for the connection" until
 * the backend stored it; the states everyone sees come back in the checklist message itself.
 * The customer and the shop's staff may tick; anybody else is refused by the backend.
 */
export class StepsCards {
  /** Why the last tick of a checklist was refused, by message. */
  private readonly failures = new Map<string, string>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: StepsCardsOptions,
  ) {}

  /** The thread's other kinds plus checklists. */
  kinds(own: MessageKinds | undefined): MessageKinds {
    return {
      render: (message) => (message.kind === 'steps' ? this.render(message) : own?.render(message)),
      words: (message) => (message.kind === 'steps' ? this.words(message) : own?.words(message)),
    };
  }

  /** The checklist's words for announcements: its title and progress. */
  words(message: ChatMessage): string {
    const checklist = readGuidedSteps(message.body);
    return checklist ? `${this.options.terms.term('steps.label')}: ${checklist.title}. ${this.progressText(checklist)}` : this.options.terms.term('steps.label');
  }

  private progressText(checklist: GuidedSteps): string {
    const { done, total } = stepsProgress(checklist);
    return this.options.terms.term('steps.progress', { done, total });
  }

  private render(message: ChatMessage): TemplateResult {
    const { terms } = this.options;
    const checklist = readGuidedSteps(message.body);
    const seq = message.seq;
    const waiting = seq === undefined ? new Map<number, boolean>() : (this.options.client()?.steps.waiting(message.conversationId, seq) ?? new Map<number, boolean>());
    const states = checklist ? checklist.steps.map((_, i) => waiting.get(i) ?? checklist.done?.[i] === true) : [];
    const shown = checklist && { ...checklist, done: states };
    const failure = this.failures.get(message.clientMsgId);
    return html`<div part="message steps" class="message steps-card" data-from=${message.mine ? 'me' : 'them'} data-status=${message.status} data-kind="steps" data-id=${message.clientMsgId}>
      <span class="sender">${message.from.name}</span>
      ${shown
        ? html`<div class="bubble steps-bubble" part="bubble">
            <p class="steps-label">${terms.term('steps.label')}</p>
            <p class="steps-title" part="steps-title">${shown.title}</p>
            <p class="steps-progress" part="steps-progress" role="status">${this.progressText(shown)}</p>
            <ol class="steps-list" part="steps-list" aria-label=${shown.title}>
              ${shown.steps.map((step, i) => this.renderStep(message, step, i, states[i] === true, waiting.has(i)))}
            </ol>
            ${failure ? html`<p class="steps-failed" role="alert">${failure}</p>` : nothing}
          </div>`
        : nothing}
      <div class="meta"><time datetime=${new Date(message.at).toISOString()}>${formatTime(terms.lang, message.at)}</time></div>
    </div>`;
  }

  private renderStep(message: ChatMessage, step: GuidedSteps['steps'][number], index: number, done: boolean, waiting: boolean): TemplateResult {
    const { terms } = this.options;
    const src = this.options.mediaSrc(step.image);
    const canTick = message.seq !== undefined && this.options.client() !== undefined;
    return html`<li class="step" part="step" ?data-done=${done}>
      <label class="step-label">
        <input type="checkbox" part="step-checkbox" .checked=${live(done)} ?disabled=${!canTick} @change=${(event: Event) => this.tick(message, index, (event.currentTarget as HTMLInputElement).checked)} />
        <span class="step-text">${step.text}</span>
      </label>
      ${src ? html`<img class="step-image" part="step-image" src=${src} alt=${terms.term('steps.image', { n: index + 1 })} loading="lazy" />` : nothing}
      ${waiting ? html`<span class="step-waiting" part="step-waiting">${terms.term('steps.waiting')}</span>` : nothing}
    </li>`;
  }

  private tick(message: ChatMessage, step: number, done: boolean): void {
    const client = this.options.client();
    if (!client || message.seq === undefined) return;
    this.failures.delete(message.clientMsgId);
    client.steps.tick(message.conversationId, message.seq, step, done).then(
      () => this.host.requestUpdate(),
      (error: unknown) => {
        this.failures.set(message.clientMsgId, this.options.terms.term('steps.failed', { reason: this.options.errorText(error) }));
        this.host.requestUpdate();
      },
    );
    this.host.requestUpdate();
  }
}
