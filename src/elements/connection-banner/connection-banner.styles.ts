import { css } from 'lit';

/** Styles of the shared connection banner. */
export const connectionBannerStyles = css`
  .banner {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 8px var(--_space);
    background: var(--_surface-alt);
    color: var(--_text);
    font-size: 0.85em;
  }

  .banner[data-state='disconnected'] {
    color: var(--_danger);
  }

  .banner p {
    flex: 1;
    margin: 0;
  }

  .banner:empty {
    display: none;
  }
`;
