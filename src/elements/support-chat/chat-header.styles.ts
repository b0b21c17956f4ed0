import { css } from 'lit';

/** The chat panel's header: agent avatar, name, presence dot, close button. */
export const chatHeaderStyles = css`
  .header {
    display: flex;
    align-items: center;
    gap: 10px;
    padding: 10px var(--_space);
    background: var(--_primary);
    color: var(--_on-primary);
  }

  .avatar {
    display: grid;
    place-items: center;
    inline-size: 36px;
    block-size: 36px;
    border-radius: 50%;
    background: color-mix(in srgb, var(--_on-primary) 18%, transparent);
  }

  .title {
    flex: 1;
    min-inline-size: 0;
  }

  .title h2 {
    margin: 0;
    font-size: 1em;
    font-weight: 600;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }

  .presence {
    display: flex;
    align-items: center;
    gap: 6px;
    margin: 0;
    font-size: 0.8em;
  }

  .presence::before {
    content: '';
    inline-size: 8px;
    block-size: 8px;
    border-radius: 50%;
    border: 1px solid var(--_on-primary);
    background: transparent;
  }

  .presence[data-online]::before {
    background: var(--_success);
  }

  .header .icon-button:focus-visible {
    outline-color: var(--_on-primary);
  }

  .header .icon-button:disabled {
    opacity: 0.5;
    cursor: default;
  }
`;
