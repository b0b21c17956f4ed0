import { css } from 'lit';

/** Styles of the shared composer. */
export const composerStyles = css`
  .composer {
    display: flex;
    flex-direction: column;
    gap: 8px;
    padding: var(--_space);
    border-block-start: 1px solid var(--_border);
  }

  .composer-row {
    display: flex;
    align-items: flex-end;
    gap: 8px;
  }

  .input {
    flex: 1;
    min-inline-size: 0;
    min-block-size: 40px;
    max-block-size: 160px;
    field-sizing: content;
    resize: none;
    padding: 9px 12px;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.75);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
    line-height: 1.4;
  }

  .input::placeholder {
    color: var(--_muted);
    opacity: 1;
  }

  .input:focus-visible {
    outline-offset: 0;
  }

  .send {
    display: inline-grid;
    place-items: center;
    inline-size: 40px;
    block-size: 40px;
    padding: 0;
    border: none;
    border-radius: 50%;
    background: var(--_primary);
    color: var(--_on-primary);
  }

  .send:disabled {
    opacity: 0.45;
  }
`;
