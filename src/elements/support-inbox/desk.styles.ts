import { css } from 'lit';

/** Dark defaults of the desk's own tokens. */
const darkDeskTokens = css`
  --_note: var(--support-note-color, #3b3114);
  --_note-edge: #c9a227;
`;

/**
 * The desk's pieces in `<support-inbox>`: queue views, the rows' desk line, the open conversation's
 * desk bar, the reply/note switch, private notes (amber, dashed, never the reply colours) and desk
 * events in the thread. Theme variables only, so dark mode and the integrator's tokens apply.
 */
export const deskStyles = css`
  :host {
    --_note: var(--support-note-color, #fff4d6);
    --_note-edge: #a06b00;
  }

  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${darkDeskTokens}
    }
  }

  :host([theme='dark']) {
    ${darkDeskTokens}
  }

  .queue-header h2 {
    flex: 1;
    margin: 0;
    font-size: 1em;
  }

  .queue-panel {
    display: flex;
    flex: 1;
    flex-direction: column;
    min-block-size: 0;
  }

  .presence {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    font-weight: 400;
  }

  .presence-dot {
    inline-size: 8px;
    block-size: 8px;
    border-radius: 50%;
    background: var(--_success);
  }

  .presence-dot:not([data-presence='online']) {
    background: var(--_muted);
  }

  .presence select,
  .desk-field select,
  .desk-field textarea,
  .desk-field input,
  .label-input {
    padding: 4px 8px;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
    color: inherit;
    font: inherit;
  }

  .queue-views {
    display: flex;
    border-block-end: 1px solid var(--_border);
  }

  .queue-view {
    display: inline-flex;
    flex: 1;
    align-items: center;
    justify-content: center;
    gap: 6px;
    padding: 8px 4px;
    border: none;
    border-block-end: 2px solid transparent;
    background: transparent;
    color: var(--_muted);
    font: inherit;
    cursor: pointer;
  }

  .queue-view[aria-selected='true'] {
    border-block-end-color: var(--_primary);
    color: var(--_text);
    font-weight: 600;
  }

  .queue-view:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: -2px;
  }

  .queue-view-count {
    min-inline-size: 20px;
    padding: 0 5px;
    border-radius: 999px;
    background: var(--_surface-alt);
    font-size: 0.8em;
    line-height: 18px;
  }

  .desk-line {
    display: flex;
    flex-wrap: wrap;
    grid-column: 1 / -1;
    align-items: center;
    gap: 4px 6px;
    font-size: 0.8em;
  }

  .status-badge {
    padding: 0 6px;
    border: 1px solid currentColor;
    border-radius: 999px;
    line-height: 18px;
  }

  .status-badge[data-status='open'] {
    color: var(--_primary);
  }

  .status-badge[data-status='pending'],
  .status-badge[data-status='snoozed'] {
    color: var(--_muted);
  }

  .status-badge[data-status='resolved'] {
    /* Toward the text colour: the success green alone is under 4.5:1 on a selected row (light). */
    color: color-mix(in srgb, var(--_success) 75%, var(--_text));
  }

  .assignee {
    color: var(--_text);
  }

  .assignee[data-unassigned] {
    color: var(--_muted);
    font-style: italic;
  }

  .label-chips {
    display: contents;
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .label-chip {
    display: inline-flex;
    align-items: center;
    gap: 2px;
    padding: 0 6px;
    border-radius: 999px;
    background: var(--_surface-alt);
    color: var(--_text);
    line-height: 20px;
  }

  .label-remove {
    padding: 0 2px;
    border: none;
    background: transparent;
    color: inherit;
    font: inherit;
    cursor: pointer;
  }

  .desk-bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px 12px;
    padding: 6px var(--_space);
    border-block-end: 1px solid var(--_border);
    font-size: 0.9em;
  }

  .desk-group {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px;
  }

  .desk-field {
    display: flex;
    flex-direction: column;
    gap: 2px;
  }

  .desk-field.inline {
    flex-direction: row;
    align-items: center;
    gap: 6px;
  }

  .desk-form {
    display: flex;
    flex-basis: 100%;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: 8px;
    margin: 0;
    padding: 8px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-alt);
  }

  .desk-form textarea {
    min-inline-size: min(280px, 100%);
    resize: vertical;
  }

  .desk-form-actions {
    display: flex;
    gap: 6px;
  }

  .desk-button {
    padding: 4px 10px;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
    color: inherit;
    font: inherit;
    cursor: pointer;
  }

  .desk-button.primary {
    border-color: var(--_primary);
    background: var(--_primary);
    color: var(--_on-primary);
  }

  .desk-button:disabled {
    cursor: progress;
    opacity: 0.6;
  }

  .desk-notice {
    flex-basis: 100%;
    margin: 0;
    color: var(--_danger);
  }

  .compose-bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px 12px;
    padding: 4px var(--_space) 0;
    font-size: 0.9em;
  }

  .compose-mode {
    display: inline-flex;
    gap: 12px;
  }

  .compose-option {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    cursor: pointer;
  }

  .note-hint {
    margin: 0;
    color: var(--_text);
    font-weight: 600;
  }

  .thread[data-compose='note'] .composer {
    border-block-start: 2px dashed var(--_note-edge);
    background: var(--_note);
  }

  .thread[data-compose='note'] .input {
    background: var(--_note);
  }

  /* A private note never looks like a message the customer saw: amber, dashed, with its label. */
  .message[data-kind='note'] .bubble,
  .message[data-kind='note'][data-from='me'] .bubble {
    border: 1px dashed var(--_note-edge);
    background: var(--_note);
    color: var(--_text);
  }

  .note-label {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    margin: 2px 4px;
    color: var(--_text);
    font-size: 0.75em;
    font-weight: 600;
  }

  .message.desk-event {
    flex-direction: row;
    flex-wrap: wrap;
    justify-content: center;
    gap: 6px;
    margin-block: 4px;
    color: var(--_muted);
    font-size: 0.85em;
    text-align: center;
  }

  @media (max-width: 640px) {
    .desk-bar {
      gap: 4px 8px;
      padding: 4px 8px;
    }

    .desk-form textarea {
      min-inline-size: 100%;
    }
  }
`;
