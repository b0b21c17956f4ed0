import { css } from 'lit';

/** Styles of the shared message list, typing indicator and delivery states. */
export const messageListStyles = css`
  .message-list {
    position: relative;
    flex: 1 1 auto;
    min-block-size: 0;
    display: flex;
    flex-direction: column;
  }

  .messages {
    position: relative;
    flex: 1 1 auto;
    min-block-size: 0;
    overflow-y: auto;
    overscroll-behavior: contain;
    /* The list keeps the reader's place itself (ScrollAnchor): the browser's anchoring would fight it. */
    overflow-anchor: none;
    display: flex;
    flex-direction: column;
    padding: var(--_space);
  }

  /* Only the messages near the view are rendered: the spacers stand for the others (never shrunk). */
  .spacer,
  .feed {
    flex: none;
  }

  .feed {
    display: flex;
    flex-direction: column;
  }

  /* One message (and its day separator): the unit the window measures, so the gap is inside it. */
  .entry {
    display: flex;
    flex-direction: column;
    padding-block-end: 4px;
  }

  .entry:focus {
    outline: none;
  }

  .entry:focus-visible .message,
  .entry.highlighted .message {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
    border-radius: var(--_radius);
  }

  .empty,
  .loading-older {
    margin: auto 0;
    padding: var(--_space);
    color: var(--_muted);
    text-align: center;
  }

  .loading-older {
    margin: 0;
    font-size: 0.85em;
  }

  .day-separator {
    display: flex;
    align-items: center;
    gap: 8px;
    margin: 8px 0;
    color: var(--_muted);
    font-size: 0.8em;
  }

  .day-separator::before,
  .day-separator::after {
    content: '';
    flex: 1;
    border-block-start: 1px solid var(--_border);
  }

  .message {
    display: flex;
    flex-direction: column;
    max-inline-size: 85%;
    align-self: flex-start;
  }

  .message[data-from='me'] {
    align-self: flex-end;
    align-items: flex-end;
  }

  .message[data-from='system'] {
    align-self: center;
    align-items: center;
    max-inline-size: 100%;
    color: var(--_muted);
    font-size: 0.85em;
  }

  .sender {
    margin: 6px 4px 2px;
    color: var(--_muted);
    font-size: 0.8em;
  }

  .bubble {
    padding: 8px 12px;
    border-radius: var(--_radius);
    background: var(--_surface-alt);
    color: var(--_text);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }

  .message[data-from='me'] .bubble {
    background: var(--_primary);
    color: var(--_on-primary);
    border-end-end-radius: 4px;
  }

  .message[data-from='them'] .bubble {
    border-end-start-radius: 4px;
  }

  .message[data-from='system'] .bubble {
    background: transparent;
    padding: 2px 8px;
    color: inherit;
  }

  .message[data-status='failed'] .bubble {
    outline: 1px solid var(--_danger);
  }

  .meta {
    display: flex;
    align-items: center;
    gap: 4px;
    margin: 2px 4px 0;
    color: var(--_muted);
    font-size: 0.75em;
  }

  .status {
    display: inline-flex;
    align-items: center;
    gap: 2px;
  }

  .status .icon {
    inline-size: 14px;
    block-size: 14px;
  }

  .message[data-status='read'] .status {
    color: var(--_primary);
  }

  .message[data-status='failed'] .status,
  .error-text {
    color: var(--_danger);
  }

  .failed-actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: flex-end;
    gap: 6px;
    margin-block-start: 4px;
    font-size: 0.85em;
  }

  .failed-actions .text-button {
    color: var(--_danger);
  }

  .jump {
    position: absolute;
    inset-block-end: 8px;
    inset-inline-start: 50%;
    translate: -50% 0;
    display: inline-flex;
    align-items: center;
    gap: 4px;
    padding: 6px 12px;
    border: none;
    border-radius: 999px;
    background: var(--_primary);
    color: var(--_on-primary);
    box-shadow: var(--_shadow);
    font-size: 0.85em;
  }

  .jump .icon {
    inline-size: 16px;
    block-size: 16px;
  }

  .typing {
    display: flex;
    align-items: center;
    gap: 6px;
    min-block-size: 1.5em;
    padding: 0 var(--_space);
    color: var(--_muted);
    font-size: 0.8em;
  }

  .typing-dots {
    display: inline-flex;
    gap: 3px;
  }

  .typing-dots span {
    inline-size: 5px;
    block-size: 5px;
    border-radius: 50%;
    background: currentColor;
    animation: support-typing 1.2s infinite ease-in-out;
  }

  .typing-dots span:nth-child(2) {
    animation-delay: 0.15s;
  }

  .typing-dots span:nth-child(3) {
    animation-delay: 0.3s;
  }

  @keyframes support-typing {
    0%,
    80%,
    100% {
      opacity: 0.3;
    }
    40% {
      opacity: 1;
    }
  }
`;
