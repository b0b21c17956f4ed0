import { css } from 'lit';

/** Layout of `<support-inbox>`: the queue beside the thread, stacked on narrow screens. */
export const supportInboxStyles = css`
  :host {
    display: block;
    block-size: var(--support-inbox-height, 640px);
  }

  .inbox {
    display: grid;
    grid-template-columns: minmax(220px, 320px) minmax(0, 1fr);
    grid-template-rows: minmax(0, 1fr);
    block-size: 100%;
    /* Clipped, never scrolled: with overflow: hidden a focus() or scrollIntoView() inside (a queue row
       below a cramped phone layout) scrolled the whole frame and slid the thread out of view. */
    overflow: hidden;
    overflow: clip;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }

  .queue {
    display: flex;
    flex-direction: column;
    min-block-size: 0;
    border-inline-end: 1px solid var(--_border);
  }

  .queue-header,
  .thread-header {
    display: flex;
    align-items: center;
    gap: 8px;
    min-block-size: 52px;
    margin: 0;
    padding: 10px var(--_space);
    border-block-end: 1px solid var(--_border);
    font-size: 1em;
    font-weight: 600;
  }

  .conversation-list {
    flex: 1;
    min-block-size: 0;
    overflow-y: auto;
    /* The windowed rows are swapped while scrolling: the browser must not move the scroll position for them. */
    overflow-anchor: none;
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .search {
    padding: 8px var(--_space);
    border-block-end: 1px solid var(--_border);
  }

  .search-input {
    box-sizing: border-box;
    inline-size: 100%;
    padding: 6px 10px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: inherit;
    font: inherit;
  }

  .search-input:focus-visible {
    outline: 2px solid var(--_focus, currentColor);
    outline-offset: 1px;
  }

  .search-status {
    margin: 0;
    padding: 6px var(--_space);
    color: var(--_muted);
    font-size: 0.85em;
  }

  .search-hit mark {
    background: color-mix(in srgb, var(--_primary) 24%, transparent);
    color: inherit;
    border-radius: 2px;
  }

  .load-more {
    margin: 8px var(--_space);
    padding: 8px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: transparent;
    color: inherit;
    font: inherit;
    cursor: pointer;
  }

  .load-more:focus-visible {
    outline: 2px solid currentColor;
    outline-offset: 2px;
  }

  .load-more[disabled] {
    cursor: progress;
    opacity: 0.7;
  }

  .conversation-list.empty,
  .thread-empty {
    padding: var(--_space);
    color: var(--_muted);
  }

  .conversation {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 2px 8px;
    padding: 10px var(--_space);
    border-block-end: 1px solid var(--_border);
    cursor: pointer;
  }

  .conversation:hover {
    background: var(--_surface-alt);
  }

  .conversation[aria-selected='true'] {
    background: color-mix(in srgb, var(--_primary) 14%, var(--_surface));
  }

  .conversation:focus-visible {
    outline-offset: -2px;
  }

  .conversation-name {
    font-weight: 600;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }

  .conversation-time {
    color: var(--_muted);
    font-size: 0.8em;
  }

  .thread-header h2 {
    flex: 1;
    margin: 0;
    font-size: 1em;
  }

  .thread-header .icon-button:disabled {
    opacity: 0.5;
  }

  .call {
    flex: none;
  }

  .ringing {
    grid-column: 1 / -1;
    color: var(--_success);
    font-size: 0.85em;
    font-weight: 600;
  }

  .conversation[data-ringing] {
    box-shadow: inset 3px 0 var(--_success);
  }

  .conversation-preview {
    color: var(--_muted);
    font-size: 0.9em;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }

  .unread-badge {
    justify-self: end;
    min-inline-size: 22px;
    padding: 0 6px;
    border-radius: 999px;
    background: var(--_primary);
    color: var(--_on-primary);
    font-size: 0.75em;
    font-weight: 700;
    line-height: 20px;
    text-align: center;
  }

  .thread {
    position: relative;
    display: flex;
    flex-direction: column;
    min-block-size: 0;
    min-inline-size: 0;
  }

  @media (max-width: 640px) {
    .inbox {
      grid-template-columns: minmax(0, 1fr);
      grid-template-rows: minmax(120px, 35%) minmax(0, 1fr);
    }

    .queue {
      border-inline-end: none;
      border-block-end: 1px solid var(--_border);
    }
  }
`;
