import { css } from 'lit';
import { roundCallControl } from './call-control.styles.js';

/**
 * `<support-call-annotation>` over the call's stage: the still and its drawing letterboxed alike
 * (`object-fit: contain`, so both screens map coordinates the same way), the pointer dot, and the
 * toolbar in a row that wraps on a phone. The call's surface is dark in both colour schemes, so
 * the toolbar is too; touch targets are 44 px.
 */
export const annotationLayerStyles = css`
  :host {
    position: absolute;
    inset: 0;
    z-index: 1;
    display: block;
    color: #f5f7fa;
  }

  .surface {
    position: absolute;
    inset: 0;
  }

  .frozen {
    background: var(--support-call-background, #0b0d12);
  }

  .fit {
    position: absolute;
    inset: 0;
    inline-size: 100%;
    block-size: 100%;
    object-fit: contain;
  }

  .draw,
  .pointing {
    touch-action: none;
    cursor: crosshair;
  }

  .dot {
    position: absolute;
    inset-block-start: 0;
    left: 0;
    inline-size: 28px;
    block-size: 28px;
    margin: -14px 0 0 -14px;
    box-sizing: border-box;
    border: 3px solid #fff;
    border-radius: 50%;
    background: rgb(255 45 32 / 0.85);
    box-shadow: 0 0 0 2px rgb(0 0 0 / 0.45);
    pointer-events: none;
  }

  .dot[hidden] {
    display: none;
  }

  .toolbar {
    position: absolute;
    inset-block-start: var(--_pip-top, 8px);
    inset-inline-end: 8px;
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: 6px;
    max-inline-size: calc(100% - 16px);
    padding: 6px;
    border-radius: 28px;
    background: rgb(0 0 0 / 0.6);
  }

  ${roundCallControl(css`button`)}

  :focus-visible {
    outline: 2px solid #fff;
    outline-offset: 2px;
  }

  .status {
    position: absolute;
    inset-block-end: var(--_pip-bottom, 8px);
    inset-inline-start: 8px;
    max-inline-size: 70%;
    margin: 0;
    padding: 6px 10px;
    border-radius: 8px;
    background: rgb(0 0 0 / 0.6);
  }

  .label {
    position: absolute;
    inset-block-start: 0;
    left: 0;
  }

  .label input {
    min-block-size: 44px;
    padding: 0 10px;
    border: 2px solid #fff;
    border-radius: 8px;
    background: rgb(0 0 0 / 0.75);
    color: #fff;
    font: inherit;
    font-size: max(16px, 1em);
  }

  @media (forced-colors: active) {
    .dot {
      background: Highlight;
    }
  }
`;
