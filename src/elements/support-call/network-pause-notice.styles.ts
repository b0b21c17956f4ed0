import { css } from 'lit';

/**
 * The audio-only fallback's notice over the frozen picture: bottom start, clear of the self-view's
 * default corner (bottom end), readable on any frame in light and dark themes alike. Empty, it shows nothing but stays a live region.
 */
export const networkPauseNoticeStyles = css`
  .network-notice {
    position: absolute;
    inset-block-end: var(--_space);
    inset-inline-start: var(--_space);
    display: flex;
    flex-direction: column;
    gap: 4px;
    max-inline-size: calc(72% - 2 * var(--_space));
    margin: 0;
    color: #fff;
    font-size: 0.85em;
    line-height: 1.3;
  }

  .network-notice span {
    padding: 4px 10px;
    border-radius: 8px;
    background: rgb(0 0 0 / 0.7);
  }
`;
