import { css } from 'lit';
import { raisedSurface } from '../theme/surface.styles.js';

/** Layout of `<support-chat>`: launcher, floating panel (full screen on small screens), inline mode. */
export const supportChatStyles = css`
  :host {
    --_z: var(--support-z-index, 2147483000);
    --_offset: var(--support-offset, 20px);
    --_launcher-size: var(--support-launcher-size, 56px);
    --_panel-width: var(--support-panel-width, 380px);
    --_panel-height: var(--support-panel-height, 600px);
    position: fixed;
    inset-block-end: var(--_offset);
    inset-inline-end: var(--_offset);
    z-index: var(--_z);
    display: block;
  }

  :host([inline]) {
    position: relative;
    inset: auto;
    z-index: auto;
    block-size: var(--support-panel-height, 600px);
  }

  .root {
    display: contents;
  }

  .launcher {
    position: relative;
    display: grid;
    place-items: center;
    inline-size: var(--_launcher-size);
    block-size: var(--_launcher-size);
    padding: 0;
    border: none;
    border-radius: 50%;
    background: var(--_primary);
    color: var(--_on-primary);
    box-shadow: var(--_shadow);
    transition: transform 0.15s ease;
  }

  .launcher:hover {
    transform: scale(1.05);
  }

  .launcher .icon {
    inline-size: 26px;
    block-size: 26px;
  }

  .launcher ::slotted([slot='launcher-icon']) {
    display: block;
    max-inline-size: 28px;
    max-block-size: 28px;
    pointer-events: none;
  }

  .unread-badge {
    position: absolute;
    inset-block-start: -4px;
    inset-inline-end: -4px;
    min-inline-size: 22px;
    block-size: 22px;
    padding: 0 6px;
    border: 2px solid var(--_surface);
    border-radius: 999px;
    background: var(--_danger);
    color: var(--_surface);
    font-size: 12px;
    font-weight: 700;
    line-height: 18px;
    text-align: center;
  }

  .panel {
    position: absolute;
    inset-block-end: calc(var(--_launcher-size) + 12px);
    inset-inline-end: 0;
    display: flex;
    flex-direction: column;
    inline-size: min(var(--_panel-width), calc(100vw - 2 * var(--_offset)));
    block-size: min(var(--_panel-height), calc(100vh - var(--_launcher-size) - 3 * var(--_offset)));
    overflow: hidden;
    ${raisedSurface}
    animation: support-panel-in 0.18s ease-out;
  }

  :host([inline]) .panel {
    position: static;
    inline-size: 100%;
    block-size: 100%;
    box-shadow: none;
    animation: none;
  }

  @keyframes support-panel-in {
    from {
      opacity: 0;
      transform: translateY(12px);
    }
  }

  .panel:focus {
    outline: none;
  }

  .panel-status {
    flex: 1;
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: var(--_space);
    padding: var(--_space);
    color: var(--_muted);
    text-align: center;
  }

  /* A quick load shows no flash of "Loading…" */
  .panel-status:not([data-failed]) p {
    animation: support-status-in 0.2s 0.4s both;
  }

  .panel-status[data-failed] {
    color: var(--_text);
  }

  @keyframes support-status-in {
    from {
      opacity: 0;
    }
  }

  .panel-status p {
    margin: 0;
  }

  .panel-status .icon-button {
    position: absolute;
    inset-block-start: 8px;
    inset-inline-end: 8px;
  }

  .launcher[data-ringing] {
    background: var(--_success);
    animation: support-ring 1s ease-in-out infinite;
  }

  /* A pulsing halo, not a moving button: it stays easy to hit. */
  @keyframes support-ring {
    50% {
      box-shadow: 0 0 0 8px color-mix(in srgb, var(--_success) 35%, transparent);
    }
  }

  .call {
    flex: none;
    --support-call-height: 240px;
  }

  @media (prefers-reduced-motion: reduce) {
    .launcher[data-ringing] {
      animation: none;
    }
  }

  /* A phone, portrait or landscape: the panel is a full-screen sheet (and a call covers it). */
  @media (max-width: 480px), (max-height: 480px) {
    :host(:not([inline])[open]) {
      inset: 0;
    }

    :host(:not([inline])) .panel {
      position: fixed;
      inset: 0;
      inline-size: 100%;
      block-size: 100%;
      border: none;
      border-radius: 0;
    }

    :host(:not([inline])[open]) .launcher {
      display: none;
    }
  }
`;
