import { css, type CSSResult } from 'lit';
import { fieldSurface } from '../theme/surface.styles.js';

/**
 * Styles of the follow-ups view, the schedule dialog and the satisfaction panel: adopted by the
 * inbox's shadow root when one of them first opens (`adoptFollowUpStyles`), so they travel with
 * the lazily loaded views, not the inbox's first load. Colours come from the theme's tokens (dark
 * mode follows).
 */
export const deskFollowUpsStyles: CSSResult = css`
  .followup-list {
    display: grid;
    gap: 8px;
    margin: 12px 0 0;
    padding: 0;
    list-style: none;
  }

  .followup {
    display: grid;
    gap: 4px;
    padding: 8px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }

  .followup-head {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 4px 8px;
  }

  .followup-note {
    margin: 0;
    overflow-wrap: anywhere;
  }

  .followup-message,
  .followup-when {
    display: grid;
    gap: 4px;
    margin-block: 8px;
    padding: 0;
    border: 0;
  }

  :is(.followup-message, .followup-when, .csat-period) select,
  .followup-when input {
    padding: 4px 8px;
    ${fieldSurface}
  }

  .followup-when label:has(input[type='radio']) {
    display: flex;
    gap: 6px;
    align-items: center;
  }

  .desk-alert {
    margin: 0;
    color: var(--_danger);
  }

  .csat-tables {
    overflow-x: auto;
  }

  .csat-table {
    inline-size: 100%;
    margin-block: 12px;
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
  }

  .csat-table caption {
    text-align: start;
    font-weight: 600;
  }

  .csat-table :is(th, td) {
    padding: 4px 6px;
    border-block-end: 1px solid var(--_border);
    text-align: end;
  }

  .csat-table :is(th[scope='row'], thead th:first-child) {
    text-align: start;
  }

  .followups-dialog :is(select, input, textarea, a):focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
`;

const adopted = new WeakSet<ShadowRoot>();

/** Adds the views' styles to the inbox's shadow root, once. */
export function adoptFollowUpStyles(root: ParentNode): void {
  if (!(root instanceof ShadowRoot) || adopted.has(root)) return;
  adopted.add(root);
  const sheet = deskFollowUpsStyles.styleSheet;
  if (sheet) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  else root.append(Object.assign(document.createElement('style'), { textContent: deskFollowUpsStyles.cssText }));
}
