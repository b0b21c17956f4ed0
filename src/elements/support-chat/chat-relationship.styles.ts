import { css } from 'lit';

/** The chat's relationship pieces: the email prompt, the CSAT question, the customer's conversations, the header's "back at". */
export const chatRelationshipStyles = css`
  .relationship-card {
    display: grid;
    gap: 6px;
    margin: 6px var(--_space);
    padding: 10px var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-alt);
    color: var(--_text);
  }

  .relationship-card h3 {
    margin: 0;
    font-size: 1em;
    font-weight: 600;
  }

  .relationship-card p {
    margin: 0;
  }

  .relationship-card input,
  .relationship-card textarea {
    font: inherit;
    color: inherit;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    padding: 8px;
    min-block-size: 40px;
    box-sizing: border-box;
    inline-size: 100%;
  }

  .relationship-card input[aria-invalid='true'] {
    border-color: var(--_danger);
  }

  .relationship-card :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }

  .relationship-card .hint,
  .my-conversations .hint {
    color: var(--_muted);
    font-size: 0.85em;
  }

  .relationship-card .error,
  .my-conversations .error {
    color: var(--_danger);
    margin: 0;
  }

  .relationship-card .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    align-items: center;
  }

  .primary-button {
    font: inherit;
    min-block-size: 40px;
    padding: 0 14px;
    border: none;
    border-radius: calc(var(--_radius) / 2);
    background: var(--_primary);
    color: var(--_on-primary);
    cursor: pointer;
  }

  .primary-button:disabled {
    opacity: 0.6;
    cursor: default;
  }

  .relationship-note {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    align-items: center;
    margin: 6px var(--_space);
    color: var(--_muted);
    font-size: 0.85em;
  }

  .csat-message {
    align-self: stretch;
  }

  .csat-scores {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    margin: 0;
    padding: 0;
    border: none;
  }

  .csat-scores legend {
    padding: 0;
    margin-block-end: 6px;
  }

  .csat-score {
    position: relative;
    display: grid;
    place-items: center;
    inline-size: 40px;
    block-size: 40px;
    border: 1px solid var(--_border);
    border-radius: 50%;
    background: var(--_surface);
    cursor: pointer;
  }

  .csat-score input {
    position: absolute;
    inset: 0;
    margin: 0;
    opacity: 0;
    cursor: pointer;
  }

  .csat-score:focus-within {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }

  .csat-score[data-checked] {
    background: var(--_primary);
    color: var(--_on-primary);
    border-color: var(--_primary);
  }

  .my-conversations {
    flex: 1;
    overflow: auto;
    display: grid;
    align-content: start;
    gap: 8px;
    padding: var(--_space);
  }

  .my-conversations-bar {
    display: flex;
    justify-content: space-between;
    align-items: center;
  }

  .my-conversations-bar h3 {
    margin: 0;
    font-size: 1em;
  }

  .my-conversations-list {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 8px;
  }

  .my-conversation {
    display: grid;
    gap: 4px;
    inline-size: 100%;
    text-align: start;
    font: inherit;
    color: inherit;
    padding: 8px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    cursor: pointer;
  }

  .my-conversation[aria-current='true'] {
    border-color: var(--_primary);
  }

  .my-conversation:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }

  .my-conversation-meta {
    display: flex;
    gap: 8px;
    color: var(--_muted);
    font-size: 0.85em;
  }

  .my-conversation-last {
    flex: 1;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }

  .presence[data-closed]::before {
    background: transparent;
  }

  @media (max-width: 480px) {
    .relationship-card .actions > button {
      flex: 1;
    }
  }
`;
