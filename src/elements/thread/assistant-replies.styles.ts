import { css } from 'lit';

/**
 * The assistant's answers (issue 18): the bubble marked by the theme's primary colour on its start
 * edge (so it reads apart from a person's reply in light and dark themes alike), its sources as a
 * list of links, and feedback buttons that wrap on a narrow phone and grow to a finger's size.
 */
export const assistantRepliesStyles = css`
  .message[data-from='bot'] .bubble {
    border-inline-start: 3px solid var(--_primary);
    border-end-start-radius: 4px;
  }

  .message[data-from='bot'] .sender {
    font-weight: 600;
  }

  .sources {
    margin: 4px 0 0;
    padding-inline-start: 18px;
    font-size: 0.9em;
  }

  .sources a {
    color: var(--_primary);
    overflow-wrap: anywhere;
  }

  .sources a:focus-visible,
  .assistant-feedback button:focus-visible {
    outline: 2px solid var(--_primary);
    outline-offset: 2px;
  }

  .assistant-feedback {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px 8px;
    margin-block-start: 4px;
  }

  .assistant-feedback button {
    border: 1px solid var(--_border);
    border-radius: 999px;
    padding: 4px 10px;
    background: transparent;
    color: var(--_text);
    font: inherit;
    font-size: 0.85em;
    cursor: pointer;
  }

  .assistant-feedback button[aria-pressed='true'] {
    background: var(--_surface-alt);
    border-color: var(--_primary);
  }

  .assistant-feedback button:disabled {
    cursor: default;
    opacity: 0.7;
  }

  .assistant-said {
    color: var(--_muted);
    font-size: 0.85em;
  }

  @media (pointer: coarse) {
    .assistant-feedback button {
      min-block-size: 44px;
    }
  }
`;
