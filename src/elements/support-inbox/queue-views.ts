import { html, type TemplateResult } from 'lit';
import type { DeskView } from '../../protocol/desk.js';
import { DESK_VIEWS, type DeskController } from './desk-controller.js';

const VIEW_TERMS = { mine: 'desk.view.mine', unassigned: 'desk.view.unassigned', all: 'desk.view.all' } as const;

/** Arrow keys, Home and End move between the tabs and show the view (automatic activation). */
function onTabKeydown(desk: DeskController, event: KeyboardEvent): void {
  const index = DESK_VIEWS.indexOf(desk.view);
  const last = DESK_VIEWS.length - 1;
  const tablist = event.currentTarget as HTMLElement;
  const rtl = getComputedStyle(tablist).direction === 'rtl';
  const step = { ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1 }[event.key];
  const next = step !== undefined ? (index + step + DESK_VIEWS.length) % DESK_VIEWS.length : event.key === 'Home' ? 0 : event.key === 'End' ? last : undefined;
  const view = next === undefined ? undefined : DESK_VIEWS[next];
  if (view === undefined) return;
  event.preventDefault();
  desk.setView(view);
  // The tab stop moves with the render that follows.
  void Promise.resolve().then(() => tablist.querySelector<HTMLElement>(`[data-view="${view}"]`)?.focus());
}

/**
 * The queue's views as tabs (`part="queue-views"`, each `part="queue-view"` with `data-view` and
 * its count): Mine, Unassigned, All. One tab stop; arrows move between them.
 */
export function renderQueueViews(desk: DeskController, listId: string): TemplateResult {
  const terms = desk.terms;
  const current = (tab: DeskView): boolean => tab === desk.view;
  return html`<div part="queue-views" class="queue-views" role="tablist" aria-label=${terms.term('desk.views')} @keydown=${(event: KeyboardEvent) => onTabKeydown(desk, event)}>
    ${DESK_VIEWS.map((view) => {
      const count = desk.count(view);
      return html`<button
        part="queue-view"
        class="queue-view"
        type="button"
        role="tab"
        data-view=${view}
        aria-selected=${current(view) ? 'true' : 'false'}
        aria-controls=${listId}
        tabindex=${current(view) ? '0' : '-1'}
        @click=${() => desk.setView(view)}
      >
        <span>${terms.term(VIEW_TERMS[view])}</span>
        <span class="queue-view-count" aria-hidden="true">${count}</span>
        <span class="visually-hidden">${terms.term('desk.viewCount', { count })}</span>
      </button>`;
    })}
  </div>`;
}
