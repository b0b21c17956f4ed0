import { css } from 'lit';

/** The freeze and pointer buttons over the call's video (top end, below the status on a phone). */
export const annotationEntryStyles = css`
  .annotation-entry {
    position: absolute;
    inset-block-start: var(--_pip-top, var(--_space));
    inset-inline-end: var(--_space);
    z-index: 1;
    display: flex;
    gap: 8px;
  }

  .annotation-entry .control {
    background: rgb(0 0 0 / 0.55);
  }
`;
