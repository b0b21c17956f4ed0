import { css } from 'lit';

/**
 * Declarations (no selector) for the surfaces several elements draw, so a sheet, a dialog and a
 * form field look the same wherever they stand. Put inside a rule: `.sheet { ${raisedSurface} }`.
 */

/** A card lifted over the page (scan sheet, desk dialogs): themed colours, border and shadow. */
export const raisedSurface = css`
  border: 1px solid var(--_border);
  border-radius: var(--_radius);
  background: var(--_surface);
  color: var(--_text);
  box-shadow: var(--_shadow);
`;

/** A text field or select in the desk's forms; each form sets its own padding. */
export const fieldSurface = css`
  border: 1px solid var(--_border);
  border-radius: 6px;
  background: var(--_surface);
  color: inherit;
  font: inherit;
`;
