import { css } from 'lit';

/**
 * `<support-call layout="fullscreen">`, the phone: the call owns the screen edge to edge in both
 * orientations (safe areas kept), the video letterboxed on a dark surface to the last pixel, the
 * status on top and the controls at the bottom, within thumb reach, over the video.
 */
export const fullscreenCallStyles = css`
  :host([layout='fullscreen']:not([state='idle'])) {
    position: fixed;
    inset: 0;
    z-index: var(--support-z-index, 2147483000);
    block-size: 100vh;
    block-size: 100dvh;
    background: var(--_call-bg);
    --_pip-top: calc(env(safe-area-inset-top) + 3.5em);
    --_pip-bottom: calc(env(safe-area-inset-bottom) + 88px);
  }

  :host([layout='fullscreen']) .call {
    position: relative;
    box-sizing: border-box;
    block-size: 100%;
    overflow: hidden;
    border-radius: 0;
    padding: max(env(safe-area-inset-top), 12px) max(env(safe-area-inset-right), 12px) max(env(safe-area-inset-bottom), 16px)
      max(env(safe-area-inset-left), 12px);
  }

  :host([layout='fullscreen']) .stage {
    position: absolute;
    inset: 0;
    block-size: auto;
    border-radius: 0;
    background: var(--_call-bg);
    touch-action: none;
  }

  :host([layout='fullscreen']) .remote {
    object-fit: contain;
    background: var(--_call-bg);
  }

  :host([layout='fullscreen']) :is(.status, .controls, .notice, .devices) {
    position: relative;
  }

  :host([layout='fullscreen']) .status {
    margin-block-end: auto;
    padding-inline: 4px;
    text-shadow: 0 1px 3px rgb(0 0 0 / 0.8);
  }

  :host([layout='fullscreen']) .remote-state {
    inset-block-start: var(--_pip-top);
  }

  :host([layout='fullscreen']) .call[data-state='ended'],
  :host([layout='fullscreen']) .call[data-state='incoming-ringing'] {
    flex-direction: column;
    justify-content: center;
    text-align: center;
  }

  :host([layout='fullscreen']) .call[data-state='ended'] .status {
    margin: 0;
    justify-content: center;
    font-size: 1.2em;
  }

  /* One row that fits a phone held either way: buttons from 52 px down to 44 px, never smaller. */
  :host([layout='fullscreen']) .controls {
    flex-wrap: nowrap;
    gap: 8px;
  }

  :host([layout='fullscreen']) .control {
    flex: 0 1 52px;
    inline-size: auto;
    min-inline-size: 44px;
    block-size: auto;
    aspect-ratio: 1;
  }

  :host([layout='fullscreen']) .devices select {
    font-size: max(16px, 1em);
  }
`;
