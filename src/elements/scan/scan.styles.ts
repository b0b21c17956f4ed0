import { css } from 'lit';
import { raisedSurface } from '../theme/surface.styles.js';

/** Styles of the scan button and its sheet (with the chat panel's: the sheet's code loads later, its few rules now). */
export const scanStyles = css`
  @media (pointer: coarse) {
    .scan-button {
      inline-size: 44px;
      block-size: 44px;
    }
  }

  .scan-sheet {
    display: flex;
    flex-direction: column;
    gap: 8px;
    margin: 0 var(--_space);
    padding: var(--_space);
    ${raisedSurface}
  }

  .scan-title {
    margin: 0;
    font-size: 1em;
    font-weight: 600;
  }

  .scan-stage {
    position: relative;
    overflow: hidden;
    aspect-ratio: 4 / 3;
    max-block-size: 40vh;
    border-radius: calc(var(--_radius) * 0.75);
    background: #000;
  }

  .scan-preview {
    display: block;
    inline-size: 100%;
    block-size: 100%;
    object-fit: cover;
  }

  .scan-target {
    position: absolute;
    inset: 22% 10%;
    border: 2px solid rgb(255 255 255 / 0.9);
    border-radius: 8px;
    box-shadow: 0 0 0 100vmax rgb(0 0 0 / 0.35);
  }

  .scan-hint,
  .scan-read {
    margin: 0;
    color: var(--_muted);
    font-size: 0.9em;
  }

  .scan-value {
    margin: 2px 0;
    font-size: 1.25em;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
    overflow-wrap: anywhere;
  }

  .scan-imei {
    margin: 0;
    font-size: 0.9em;
    color: var(--_success);
  }

  .scan-imei[data-valid='false'],
  .scan-error {
    margin: 0;
    color: var(--_danger);
  }

  /* The confirm button on a row of its own, the others sharing one: they fit a 320 px phone in any language. */
  .scan-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
  }

  .scan-action {
    flex: 1 1 0;
    min-block-size: 44px;
    padding: 0 12px;
    border: 1px solid var(--_border);
    border-radius: 999px;
    background: transparent;
  }

  .scan-action.primary {
    flex-basis: 100%;
    border-color: transparent;
    background: var(--_primary);
    color: var(--_on-primary);
  }
`;
