import { css, type CSSResult } from 'lit';

/**
 * The round 44 px control on the call's dark surface, shared by the call's own controls and the
 * annotation toolbar. Takes the selector because each element names its buttons its own way.
 *
 * @example roundCallControl(css`.control`)
 */
export const roundCallControl = (selector: CSSResult): CSSResult => css`
  ${selector} {
    display: inline-grid;
    place-items: center;
    inline-size: 44px;
    block-size: 44px;
    padding: 0;
    border: none;
    border-radius: 50%;
    background: rgb(255 255 255 / 0.14);
    color: #fff;
    font: inherit;
  }

  ${selector}:hover:not(:disabled) {
    background: rgb(255 255 255 / 0.24);
  }

  ${selector}[aria-pressed='true'] {
    background: #fff;
    color: #111;
  }

  ${selector}:disabled {
    opacity: 0.4;
  }
`;
