import { css } from 'lit';

/** Dark defaults of the design tokens; an integrator's `--support-*` value still wins. */
const darkTokens = css`
  color-scheme: dark;
  --_primary: var(--support-primary-color, #8ab4f8);
  --_on-primary: var(--support-on-primary-color, #0b1526);
  --_surface: var(--support-surface-color, #17181c);
  --_surface-alt: var(--support-surface-alt-color, #25272d);
  --_text: var(--support-text-color, #eceef1);
  --_muted: var(--support-muted-color, #a9b0ba);
  --_border: var(--support-border-color, #3b3f47);
  --_danger: var(--support-danger-color, #ff9b8f);
  --_success: var(--support-success-color, #4ade80);
  --_focus: var(--support-focus-color, #a8c7fa);
  --_shadow: 0 12px 32px rgb(0 0 0 / 0.5);
`;

/**
 * Design tokens (`--support-*` custom properties with light and dark defaults) and the base
 * rules every support element shares: font, focus ring, buttons, visually hidden text.
 * Colour pairs meet WCAG AA contrast in both schemes.
 */
export const themeStyles = css`
  :host {
    color-scheme: light;
    --_primary: var(--support-primary-color, #1d4ed8);
    --_on-primary: var(--support-on-primary-color, #ffffff);
    --_surface: var(--support-surface-color, #ffffff);
    --_surface-alt: var(--support-surface-alt-color, #f0f2f5);
    --_text: var(--support-text-color, #1a1c1f);
    --_muted: var(--support-muted-color, #555b63);
    --_border: var(--support-border-color, #d3d7dc);
    --_danger: var(--support-danger-color, #b42318);
    --_success: var(--support-success-color, #15803d);
    --_focus: var(--support-focus-color, #1d4ed8);
    --_shadow: 0 12px 32px rgb(15 23 42 / 0.18);
    --_radius: var(--support-radius, 12px);
    --_space: var(--support-spacing, 12px);
    --_font: var(
      --support-font-family,
      system-ui,
      -apple-system,
      'Segoe UI',
      Roboto,
      'PingFang SC',
      'Microsoft YaHei',
      'Noto Sans CJK SC',
      sans-serif
    );
    --_font-size: var(--support-font-size, 15px);
    font-family: var(--_font);
    font-size: var(--_font-size);
    line-height: 1.45;
    color: var(--_text);
  }

  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${darkTokens}
    }
  }

  :host([theme='dark']) {
    ${darkTokens}
  }

  :host([hidden]) {
    display: none !important;
  }

  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }

  [hidden] {
    display: none !important;
  }

  button {
    font: inherit;
    color: inherit;
    cursor: pointer;
  }

  button:disabled {
    cursor: default;
  }

  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }

  a {
    color: inherit;
    text-decoration: underline;
    text-underline-offset: 2px;
  }

  .icon {
    flex: none;
    display: block;
  }

  .icon-button {
    display: inline-grid;
    place-items: center;
    inline-size: 36px;
    block-size: 36px;
    padding: 0;
    border: none;
    border-radius: 50%;
    background: transparent;
  }

  .icon-button:hover {
    background: color-mix(in srgb, currentColor 12%, transparent);
  }

  .text-button {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    padding: 2px 8px;
    border: 1px solid currentColor;
    border-radius: 999px;
    background: transparent;
    font-size: 0.85em;
  }

  .text-button .icon {
    inline-size: 14px;
    block-size: 14px;
  }

  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }

  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation-duration: 0.01ms !important;
      animation-iteration-count: 1 !important;
      transition-duration: 0.01ms !important;
      scroll-behavior: auto !important;
    }
  }
`;
