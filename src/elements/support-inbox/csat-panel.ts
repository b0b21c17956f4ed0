import { html, nothing, type TemplateResult } from 'lit';
import { deskFollowUpsCatalog, type DeskFollowUpsTermKey } from '../../i18n/en/desk-followups.js';
import type { Terms } from '../../i18n/localize-controller.js';
import type { CsatReport, CsatTally } from '../../protocol/relationship.js';
import type { FollowUpsContext } from './desk-followups.js';
import { adoptFollowUpStyles } from './desk-followups.styles.js';
import { ModalDialog } from './modal-dialog.js';

const DAY_MS = 86_400_000;
/** The periods the panel offers, in days (the relay's default is 28, its most 366). */
const PERIODS = [28, 91, 365] as const;

/**
 * The desk's "Satisfaction" panel (`part="csat-dialog"`, a modal dialog): the shop's CSAT answers
 * of a period (`client.desk.csatReport()`), the total, then two tables with captions and
 * row/column headers: per agent (the assignee when it was resolved) and per ISO week, each with
 * the count, the average and how many gave each score 1–5.
 */
export class CsatPanel {
  private readonly dialog: ModalDialog;
  private readonly terms: Terms<DeskFollowUpsTermKey>;
  private days: number = PERIODS[0];
  private report: CsatReport | undefined;
  private failed = false;

  constructor(private readonly context: FollowUpsContext) {
    this.dialog = new ModalDialog(context.host, 'dialog.csat-panel');
    this.terms = context.i18n.use(deskFollowUpsCatalog);
  }

  /** Opens the panel and loads the report afresh. */
  show(opener: HTMLElement): void {
    adoptFollowUpStyles(this.context.host.renderRoot);
    this.dialog.show(opener);
    void this.load();
  }

  private async load(): Promise<void> {
    const desk = this.context.client()?.desk;
    if (!desk) return;
    [this.report, this.failed] = [undefined, false];
    this.context.host.requestUpdate();
    const to = Date.now();
    try {
      this.report = await desk.csatReport({ from: to - this.days * DAY_MS, to });
    } catch (error) {
      this.failed = true;
      this.context.report(error);
    }
    this.context.host.requestUpdate();
  }

  render(): TemplateResult | typeof nothing {
    if (!this.dialog.open) return nothing;
    const { terms } = this;
    return html`<dialog part="csat-dialog" class="desk-dialog followups-dialog csat-panel" aria-labelledby="csat-title" @cancel=${this.dialog.onCancel} @keydown=${this.dialog.onKeydown}>
      <div class="desk-dialog-bar">
        <h2 id="csat-title">${terms.term('satisfaction.title')}</h2>
        <button class="text-button" type="button" @click=${() => this.dialog.close()}>${terms.term('satisfaction.close')}</button>
      </div>
      <label class="csat-period">
        ${terms.term('satisfaction.period')}
        <select part="csat-period" @change=${this.onPeriod}>
          ${PERIODS.map((days) => html`<option value=${days} ?selected=${days === this.days}>${terms.term('satisfaction.days', { days })}</option>`)}
        </select>
      </label>
      <div aria-live="polite">${this.renderReport()}</div>
    </dialog>`;
  }

  private readonly onPeriod = (event: Event): void => {
    this.days = Number((event.target as HTMLSelectElement).value);
    void this.load();
  };

  private renderReport(): TemplateResult {
    const { terms, report } = this;
    if (this.failed)
      return html`<p class="desk-alert" role="alert">${terms.term('satisfaction.failed')}</p>
        <button class="text-button" type="button" @click=${() => void this.load()}>${terms.term('satisfaction.retry')}</button>`;
    if (!report) return html`<p class="desk-muted">${terms.term('satisfaction.loading')}</p>`;
    if (report.total.count === 0) return html`<p part="csat-total">${terms.term('satisfaction.none')}</p>`;
    return html`<p part="csat-total">${terms.term('satisfaction.total', { count: report.total.count, average: this.average(report.total) })}</p>
      <div class="csat-tables">
        ${this.renderTable('csat-by-agent', terms.term('satisfaction.byAgent'), terms.term('satisfaction.agent'), report.byAgent.map((row) => [row.agent?.name ?? terms.term('satisfaction.nobody'), row] as const))}
        ${this.renderTable('csat-by-week', terms.term('satisfaction.byWeek'), terms.term('satisfaction.week'), report.byWeek.map((row) => [row.week, row] as const))}
      </div>`;
  }

  private renderTable(part: string, caption: string, heading: string, rows: ReadonlyArray<readonly [string, CsatTally]>): TemplateResult {
    const { terms } = this;
    return html`<table part=${part} class="csat-table">
      <caption>${caption}</caption>
      <thead>
        <tr>
          <th scope="col">${heading}</th>
          <th scope="col">${terms.term('satisfaction.count')}</th>
          <th scope="col">${terms.term('satisfaction.average')}</th>
          ${[1, 2, 3, 4, 5].map((score) => html`<th scope="col"><span aria-hidden="true">${score}★</span><span class="visually-hidden">${terms.term('satisfaction.score', { score })}</span></th>`)}
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          ([name, tally]) => html`<tr>
            <th scope="row">${name}</th>
            <td>${tally.count}</td>
            <td>${this.average(tally)}</td>
            ${tally.scores.map((count) => html`<td>${count}</td>`)}
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  /** The mean in the agent's language, two decimals at most. */
  private average(tally: CsatTally): string {
    return new Intl.NumberFormat(this.terms.lang, { maximumFractionDigits: 2 }).format(tally.average);
  }
}
