import { html, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { ChatMessage } from '../../core/types.js';

/** Arrivals kept in the announcer (a burst of messages is read in full, older ones leave the DOM). */
const KEPT = 5;

/**
 * What the log announces: the messages from others that arrived at the end of the conversation,
 * as text. The windowed list itself is not live (`aria-live="off"`), so moving the window while the
 * reader scrolls, or older pages arriving, is never read out; only arrivals are, as before.
 */
export class ArrivalAnnouncer {
  private arrivals: ChatMessage[] = [];

  /** Notes the messages that arrived after `previousLastId` (others' only: the sender knows their own). */
  arrived(messages: readonly ChatMessage[], previousLastId: string): void {
    let i = messages.length - 1;
    while (i >= 0 && messages[i]?.clientMsgId !== previousLastId) i--;
    const added = messages.slice(i + 1).filter((m) => !m.mine);
    if (added.length > 0) this.arrivals = [...this.arrivals, ...added].slice(-KEPT);
  }

  /** Forgets the arrivals (a switch of conversation). */
  clear(): void {
    this.arrivals = [];
  }

  /** The hidden announcer, inside the list's `role="log"`. */
  render(describe: (message: ChatMessage) => TemplateResult | string): TemplateResult {
    return html`<div class="visually-hidden announcer">
      ${repeat(
        this.arrivals,
        (message) => message.clientMsgId,
        (message) => html`<p>${message.from.name}: ${describe(message)}</p>`,
      )}
    </div>`;
  }
}
