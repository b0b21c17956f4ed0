import { css } from 'lit';

/**
 * Guided steps' cards (issue 20): a bordered card on the thread's surface in light and dark themes
 * alike (the agent's own checklist too, not the primary colour of their bubbles), a list of
 * checkboxes a finger can hit on a phone (44 px rows on coarse pointers), done steps struck through
 * (the checkbox says it too), pictures that never overflow a narrow panel.
 */
export const stepsCardStyles = css`
  .message.steps-card {
    inline-size: min(100%, 26rem);
  }

  .message.steps-card .steps-bubble {
    background: var(--_surface);
    color: var(--_text);
    border: 1px solid var(--_border);
    white-space: normal;
  }

  .steps-label,
  .steps-progress {
    margin: 0;
    color: var(--_muted);
    font-size: 0.85em;
  }

  .steps-title {
    margin: 2px 0;
    font-weight: 600;
  }

  .steps-list {
    margin: 6px 0 0;
    padding-inline-start: 1.6em;
  }

  .step {
    margin-block: 4px;
  }

  .step-label {
    display: flex;
    align-items: flex-start;
    gap: 8px;
    cursor: pointer;
  }

  .step-label input {
    flex: none;
    inline-size: 1.1em;
    block-size: 1.1em;
    margin: 0.15em 0 0;
    accent-color: var(--_primary);
  }

  .step-label input:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }

  .step-label input:disabled + .step-text {
    cursor: default;
  }

  .step-text {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }

  .step[data-done] .step-text {
    text-decoration: line-through;
    color: var(--_muted);
  }

  .step-image {
    display: block;
    max-inline-size: 100%;
    max-block-size: 12rem;
    margin-block-start: 4px;
    border-radius: calc(var(--_radius) / 2);
  }

  .step-waiting,
  .steps-failed {
    display: block;
    font-size: 0.8em;
    color: var(--_muted);
  }

  .steps-failed {
    margin: 4px 0 0;
    color: var(--_danger);
  }

  @media (pointer: coarse) {
    .step-label {
      min-block-size: 44px;
      align-items: center;
    }

    .step-label input {
      margin-block-start: 0;
      inline-size: 1.4em;
      block-size: 1.4em;
    }
  }
`;
