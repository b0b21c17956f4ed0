import { css } from 'lit';

/**
 * Styles of the composer's attachments: its buttons, the draft's chips and notices, the recorder
 * strip and the drop zone. No inline styles anywhere (pages with a strict `style-src` CSP).
 */
export const draftStyles = css`
  /* Takes dropped files for the whole panel without a box of its own. */
  .drop-target {
    display: contents;
  }

  .composer-button {
    flex: none;
    inline-size: 36px;
    block-size: 40px;
    color: var(--_muted);
  }

  .composer-button[data-recording] {
    color: var(--_danger);
  }

  .attachment-notices {
    display: flex;
    align-items: flex-start;
    gap: 4px;
    padding: 6px 4px 6px 10px;
    border: 1px solid var(--_danger);
    border-radius: calc(var(--_radius) * 0.75);
    color: var(--_danger);
    font-size: 0.85em;
  }

  .notice-lines {
    flex: 1;
  }

  .notice-lines p {
    margin: 2px 0;
  }

  .notice-dismiss,
  .draft-button {
    flex: none;
    inline-size: 28px;
    block-size: 28px;
  }

  .draft-list {
    display: flex;
    gap: 8px;
    margin: 0;
    padding: 0 0 2px;
    overflow-x: auto;
    list-style: none;
  }

  .draft-item {
    flex: none;
    display: flex;
    align-items: center;
    gap: 6px;
    inline-size: 180px;
    padding: 4px;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.75);
    background: var(--_surface-alt);
  }

  .draft-item[data-state='failed'] {
    border-color: var(--_danger);
  }

  .draft-thumb {
    flex: none;
    display: grid;
    place-items: center;
    inline-size: 40px;
    block-size: 40px;
    overflow: hidden;
    border-radius: 6px;
    background: var(--_surface);
    color: var(--_muted);
  }

  .draft-thumb img {
    inline-size: 100%;
    block-size: 100%;
    object-fit: cover;
  }

  .draft-text {
    flex: 1;
    min-inline-size: 0;
    display: flex;
    flex-direction: column;
    gap: 2px;
    font-size: 0.8em;
  }

  .draft-name {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }

  .draft-detail {
    color: var(--_muted);
  }

  .draft-detail[data-error] {
    color: var(--_danger);
  }

  .draft-progress {
    inline-size: 100%;
    block-size: 4px;
    accent-color: var(--_primary);
  }

  .recorder {
    display: flex;
    flex-direction: column;
    gap: 6px;
  }

  .recorder-preview {
    align-self: center;
    max-inline-size: 100%;
    max-block-size: 180px;
    border-radius: calc(var(--_radius) * 0.75);
    background: #000;
  }

  .recorder-row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 8px;
    font-size: 0.85em;
  }

  .recorder-label {
    flex: 1;
  }

  .recorder-timer {
    font-variant-numeric: tabular-nums;
  }

  .recording-dot {
    inline-size: 10px;
    block-size: 10px;
    border-radius: 50%;
    background: var(--_muted);
  }

  .recording-dot[data-live] {
    background: var(--_danger);
    animation: support-recording 1s infinite alternate;
  }

  @keyframes support-recording {
    to {
      opacity: 0.35;
    }
  }

  .drop-zone {
    position: absolute;
    inset: 6px;
    z-index: 2;
    display: grid;
    place-items: center;
    border: 2px dashed var(--_primary);
    border-radius: var(--_radius);
    background: color-mix(in srgb, var(--_surface) 88%, var(--_primary));
    color: var(--_primary);
    font-weight: 600;
    pointer-events: none;
  }

  .drop-zone p {
    display: flex;
    align-items: center;
    gap: 8px;
    margin: 0;
    padding: var(--_space);
    text-align: center;
  }
`;
