import { css } from 'lit';
import { fieldSurface, raisedSurface } from '../theme/surface.styles.js';

/**
 * Styles of the agent tools: the desk's toolbar, the `/` list, the profile (a third column on wide
 * screens, a sheet over the thread on narrow ones) and the dialogs. Theme variables only, so dark
 * mode and the `--support-*` tokens apply.
 */
export const agentToolsStyles = css`
  .inbox {
    position: relative;
  }

  .desk-tools {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    padding: 6px var(--_space);
    border-block-end: 1px solid var(--_border);
  }

  .desk-tool[aria-pressed='true'] {
    background: color-mix(in srgb, var(--_primary) 20%, transparent);
  }

  .desk-muted {
    color: var(--_muted);
    font-size: 0.85em;
  }

  .canned-popup {
    position: absolute;
    inset-inline: var(--_space);
    z-index: 2;
    max-block-size: min(280px, 60%);
    overflow-y: auto;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    box-shadow: var(--_shadow);
  }

  .canned-replies {
    margin: 0;
    padding: 4px 0;
    list-style: none;
  }

  .canned-reply {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0 8px;
    padding: 6px var(--_space);
    cursor: pointer;
  }

  .canned-reply[aria-selected='true'] {
    background: color-mix(in srgb, var(--_primary) 18%, var(--_surface));
    outline: 2px solid var(--_focus);
    outline-offset: -2px;
  }

  .canned-shortcut {
    font-weight: 600;
  }

  .canned-body {
    grid-column: 1 / -1;
    overflow: hidden;
    color: var(--_muted);
    font-size: 0.85em;
    text-overflow: ellipsis;
    white-space: nowrap;
  }

  .canned-empty {
    margin: 0;
    padding: 8px var(--_space);
    color: var(--_muted);
  }

  .profile {
    display: none;
    min-block-size: 0;
    overflow-y: auto;
    padding: 0 var(--_space) var(--_space);
    background: var(--_surface);
    color: var(--_text);
  }

  .profile-header {
    display: flex;
    align-items: center;
    gap: 8px;
    min-block-size: 52px;
  }

  .profile h2 {
    flex: 1;
    margin: 0;
    font-size: 1em;
  }

  .profile h3 {
    margin: 14px 0 4px;
    color: var(--_muted);
    font-size: 0.8em;
    text-transform: uppercase;
  }

  .profile-name {
    margin: 0;
    font-weight: 600;
  }

  .profile-email {
    margin: 2px 0 0;
    overflow-wrap: anywhere;
  }

  .profile-list {
    display: grid;
    gap: 6px;
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .profile-product,
  .profile-call {
    display: grid;
    gap: 2px;
  }

  .profile-conversation {
    display: grid;
    gap: 2px;
    inline-size: 100%;
    padding: 6px 8px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: transparent;
    color: inherit;
    font: inherit;
    text-align: start;
    cursor: pointer;
  }

  .profile-conversation[aria-current='true'] {
    border-color: var(--_primary);
  }

  .profile-preview {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }

  .profile-snapshots {
    display: flex;
    flex-wrap: wrap;
    gap: 4px;
  }

  .profile-snapshot {
    inline-size: 56px;
    block-size: 56px;
    padding: 0;
    overflow: hidden;
    border: 1px solid var(--_border);
    border-radius: 6px;
    background: var(--_surface-alt);
    cursor: zoom-in;
  }

  .profile-snapshot img {
    inline-size: 100%;
    block-size: 100%;
    object-fit: cover;
  }

  :is(.profile-conversation, .profile-snapshot, .desk-tool, .desk-dialog button):focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }

  /* Wide: the profile is a third column. */
  @media (min-width: 960px) {
    .inbox:has(> .profile) {
      grid-template-columns: minmax(220px, 300px) minmax(0, 1fr) minmax(220px, 280px);
    }

    .profile {
      display: block;
      border-inline-start: 1px solid var(--_border);
    }

    .profile-toggle,
    .profile-close {
      display: none;
    }
  }

  /* Narrow: a sheet over the thread, shown from the thread header's button. */
  @media (max-width: 959.98px) {
    .profile[data-open] {
      display: block;
      position: absolute;
      inset-block: 0;
      inset-inline-end: 0;
      z-index: 3;
      inline-size: min(100%, 360px);
      box-shadow: var(--_shadow);
    }
  }

  .desk-dialog {
    inline-size: min(92vw, 520px);
    max-block-size: 85vh;
    padding: var(--_space);
    ${raisedSurface}
  }

  .desk-dialog::backdrop {
    background: rgb(0 0 0 / 0.45);
  }

  .desk-dialog-bar,
  .desk-dialog-actions {
    display: flex;
    align-items: center;
    gap: 8px;
  }

  .desk-dialog-bar h2 {
    flex: 1;
    margin: 0;
    font-size: 1.05em;
  }

  .desk-dialog-actions {
    justify-content: flex-end;
  }

  .shortcut-list {
    display: grid;
    gap: 6px;
    margin: 12px 0 0;
  }

  .shortcut {
    display: grid;
    grid-template-columns: minmax(110px, auto) 1fr;
    gap: 12px;
  }

  .shortcut dd {
    margin: 0;
  }

  kbd {
    display: inline-block;
    min-inline-size: 1.4em;
    padding: 1px 6px;
    border: 1px solid var(--_border);
    border-radius: 4px;
    background: var(--_surface-alt);
    font: inherit;
    font-size: 0.85em;
    text-align: center;
  }

  .canned-admin-list {
    display: grid;
    gap: 4px;
    margin: 12px 0;
    padding: 0;
    list-style: none;
  }

  .canned-admin-list li {
    display: flex;
    align-items: center;
    gap: 6px;
  }

  .canned-admin-list .canned-title {
    flex: 1;
  }

  .canned-form {
    display: grid;
    gap: 8px;
  }

  .canned-form label {
    display: grid;
    gap: 2px;
  }

  .steps-lists-heading {
    margin: 12px 0 0;
    font-size: 0.95em;
  }

  .steps-edit {
    display: grid;
    gap: 10px;
    margin: 0;
    padding-inline-start: 1.4em;
  }

  .steps-edit li {
    display: grid;
    gap: 4px;
  }

  .steps-add,
  .steps-edit li > button {
    justify-self: start;
  }

  .canned-form :is(input, textarea) {
    padding: 6px 8px;
    ${fieldSurface}
  }
`;
