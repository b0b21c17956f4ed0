import { css } from 'lit';

/**
 * The panel on a phone, loaded with the panel: the full-screen call above everything, the chat
 * drawer sliding up over it, the composer above the on-screen keyboard, inputs that no browser
 * zooms into (16 px at least) and header buttons a thumb can hit (44 px).
 */
export const callDrawerStyles = css`
  .under-call,
  .thread-area {
    display: contents;
  }

  /* Above the rest of the panel, below the drawer. */
  support-call[layout='fullscreen'] {
    z-index: 1;
  }

  .thread-area[data-drawer] {
    position: fixed;
    inset-inline: 0;
    inset-block-end: var(--support-keyboard-inset, 0px);
    z-index: 2;
    display: flex;
    flex-direction: column;
    block-size: min(75dvh, calc(100dvh - var(--support-keyboard-inset, 0px) - 56px));
    overflow: hidden;
    padding-block-end: env(safe-area-inset-bottom);
    border-radius: var(--_radius) var(--_radius) 0 0;
    background: var(--_surface);
    color: var(--_text);
    box-shadow: 0 -8px 24px rgb(0 0 0 / 0.35);
    animation: support-drawer-in 0.2s ease-out;
  }

  @keyframes support-drawer-in {
    from {
      transform: translateY(40%);
      opacity: 0;
    }
  }

  .drawer-bar {
    position: relative;
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 10px var(--_space) 4px;
    border-block-end: 1px solid var(--_border);
    touch-action: none;
  }

  .drawer-handle {
    position: absolute;
    inset-block-start: 4px;
    inset-inline-start: calc(50% - 20px);
    inline-size: 40px;
    block-size: 4px;
    border-radius: 2px;
    background: var(--_border);
  }

  .drawer-title {
    flex: 1;
    margin: 0;
    font-size: 1em;
  }

  .drawer-back {
    min-block-size: 44px;
    padding: 0 14px;
    border: 1px solid var(--_border);
    border-radius: 999px;
    background: transparent;
    color: inherit;
    font: inherit;
  }

  @media (max-width: 480px), (max-height: 480px) {
    :host(:not([inline])) .panel {
      block-size: 100dvh;
      padding-block-end: var(--support-keyboard-inset, 0px);
      box-sizing: border-box;
    }

    .panel :is(input, textarea, select) {
      font-size: max(16px, 1em);
    }

    .header .icon-button {
      min-inline-size: 44px;
      min-block-size: 44px;
    }
  }

  @media (prefers-reduced-motion: reduce) {
    .thread-area[data-drawer] {
      animation: none;
    }
  }
`;
