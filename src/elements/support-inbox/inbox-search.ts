import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { SearchResults } from '../../core/conversation-search.js';
import type { SupportClient } from '../../core/support-client.js';
import { formatRelativeTime } from '../../i18n/date-format.js';
import type { InboxTermKey } from '../../i18n/en/inbox.js';
import type { Terms } from '../../i18n/localize-controller.js';
import type { SearchHit, SearchSnippet } from '../../protocol/model.js';
import { searchQueryProblem } from '../../protocol/search-query.js';

/** Typing pauses this long before the query is sent. */
const DEBOUNCE_MS = 250;

/** A snippet as text, its matches in `<mark>`: Lit text parts, never HTML. */
function renderSnippet(snippet: SearchSnippet): TemplateResult {
  const parts: Array<TemplateResult | string> = [];
  let at = 0;
  for (const [start, end] of snippet.highlights) {
    if (start < at || end > snippet.text.length) continue;
    parts.push(snippet.text.slice(at, start), html`<mark>${snippet.text.slice(start, end)}</mark>`);
    at = end;
  }
  parts.push(snippet.text.slice(at));
  return html`${parts}`;
}

/**
 * The queue's search box and its results (`part="search"`, `part="search-results"`): the query
 * goes to the relay once typing pauses (only the latest answer is shown), results replace the
 * queue until Escape or an empty box; choosing one calls `open(hit)`.
 */
export class InboxSearch implements ReactiveController {
  /** The box's text. */
  query = '';
  private results: SearchResults | undefined;
  private loading = false;
  private failed = false;
  private sent = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly client: () => SupportClient | undefined,
    private readonly terms: Terms<InboxTermKey>,
    private readonly open: (hit: SearchHit) => void,
    private readonly report: (error: unknown) => void,
  ) {
    host.addController(this);
  }

  /** True while results (or their wait) stand in for the queue. */
  get active(): boolean {
    return this.query.trim() !== '';
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    clearTimeout(this.timer);
  }

  /** Empties the box and shows the queue again. */
  clear(): void {
    clearTimeout(this.timer);
    this.sent += 1;
    this.query = '';
    this.results = undefined;
    this.loading = false;
    this.failed = false;
    this.host.requestUpdate();
  }

  /** Sends the box's query now (typing waits `DEBOUNCE_MS` first). */
  async run(): Promise<void> {
    clearTimeout(this.timer);
    const client = this.client();
    const query = this.query;
    if (client === undefined || searchQueryProblem(query) !== undefined) return;
    const ticket = (this.sent += 1);
    this.loading = true;
    this.failed = false;
    this.host.requestUpdate();
    try {
      const results = await client.search.find(query);
      if (ticket === this.sent) this.results = results;
    } catch (error) {
      if (ticket !== this.sent) return;
      this.failed = true;
      this.report(error);
    } finally {
      if (ticket === this.sent) {
        this.loading = false;
        this.host.requestUpdate();
      }
    }
  }

  private readonly onInput = (event: Event): void => {
    this.query = (event.target as HTMLInputElement).value;
    clearTimeout(this.timer);
    if (!this.active) return this.clear();
    this.host.requestUpdate();
    this.timer = setTimeout(() => void this.run(), DEBOUNCE_MS);
  };

  private readonly onKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && this.active) {
      event.preventDefault();
      event.stopPropagation();
      this.clear();
      this.focus('input');
    } else if (event.key === 'Enter') {
      event.preventDefault();
      void this.run();
    } else if (event.key === 'ArrowDown' && event.target instanceof HTMLInputElement) {
      event.preventDefault();
      this.focus('[part~="search-hit"]');
    }
  };

  private readonly onResultsKeydown = (event: KeyboardEvent): void => {
    const hits = [...(this.host.shadowRoot?.querySelectorAll<HTMLElement>('[part~="search-hit"]') ?? [])];
    const index = hits.findIndex((hit) => hit === this.host.shadowRoot?.activeElement);
    if (event.key === 'Escape') return this.onKeydown(event);
    const next = event.key === 'ArrowDown' ? index + 1 : event.key === 'ArrowUp' ? index - 1 : undefined;
    if (next === undefined) {
      if ((event.key === 'Enter' || event.key === ' ') && index >= 0) {
        event.preventDefault();
        hits[index]?.click();
      }
      return;
    }
    event.preventDefault();
    if (next < 0) this.focus('input');
    else hits[Math.min(next, hits.length - 1)]?.focus();
  };

  private focus(selector: string): void {
    this.host.shadowRoot?.querySelector<HTMLElement>(selector)?.focus();
  }

  /** The labelled search box (none on a backend without server search, such as Agora). */
  renderBox(): TemplateResult | typeof nothing {
    if (this.client()?.search.available === false) return nothing;
    const t = this.terms;
    return html`<div class="search" role="search">
      <input
        part="search"
        class="search-input"
        type="search"
        aria-label=${t.term('inbox.search')}
        placeholder=${t.term('inbox.searchHint')}
        enterkeyhint="search"
        autocomplete="off"
        .value=${this.query}
        @input=${this.onInput}
        @keydown=${this.onKeydown}
      />
    </div>`;
  }

  /** The results in place of the queue, with a polite status line (count, nothing, short-word note, failure). */
  renderResults(lang: string, selectedId: string | undefined): TemplateResult {
    const t = this.terms;
    const hits = this.results?.hits ?? [];
    const status = this.failed
      ? t.term('inbox.searchFailed')
      : this.loading || this.results === undefined
        ? t.term('inbox.searching')
        : hits.length === 0
          ? t.term('inbox.searchNone')
          : t.term('inbox.searchCount', { count: hits.length });
    return html`<p class="search-status" role="status" aria-live="polite">
        ${status}${this.results?.partial && !this.loading ? html` <span class="search-partial">${t.term('inbox.searchPartial')}</span>` : nothing}
      </p>
      ${hits.length === 0
        ? nothing
        : html`<ul part="search-results" class="search-results conversation-list" role="listbox" aria-label=${t.term('inbox.searchResults')} @keydown=${this.onResultsKeydown}>
            ${hits.map((hit, i) => {
              const { conversation, message } = hit;
              const at = message?.at ?? conversation.updatedAt;
              return html`<li
                part="search-hit"
                class="conversation search-hit"
                role="option"
                data-id=${conversation.id}
                aria-selected=${conversation.id === selectedId ? 'true' : 'false'}
                tabindex=${i === 0 ? '0' : '-1'}
                @click=${() => this.open(hit)}
              >
                <span class="conversation-name">${conversation.customer.name || t.term('inbox.customer')}</span>
                <time class="conversation-time" datetime=${new Date(at).toISOString()}>${formatRelativeTime(lang, at)}</time>
                <span class="conversation-preview">${message ? renderSnippet(message.snippet) : t.term('inbox.searchCustomer')}</span>
              </li>`;
            })}
          </ul>`}`;
  }
}
