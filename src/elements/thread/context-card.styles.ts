import { css } from 'lit';

/** Styles of the shared product/order context card. */
export const contextCardStyles = css`
  .context-card {
    display: flex;
    gap: 10px;
    align-items: center;
    margin: var(--_space) var(--_space) 0;
    padding: 8px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  .context-image {
    flex: none;
    inline-size: 48px;
    block-size: 48px;
    border-radius: calc(var(--_radius) / 2);
    object-fit: contain;
    background: var(--_surface-alt);
  }

  .context-image.placeholder {
    display: grid;
    place-items: center;
    color: var(--_muted);
  }

  .context-body {
    min-inline-size: 0;
  }

  .context-name {
    margin: 0;
    font-weight: 600;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }

  .context-facts {
    display: flex;
    flex-wrap: wrap;
    gap: 0 10px;
    margin: 2px 0 0;
    color: var(--_muted);
    font-size: 0.8em;
  }

  .context-facts div {
    display: flex;
    gap: 4px;
  }

  .context-facts dd {
    margin: 0;
    color: var(--_text);
    overflow-wrap: anywhere;
  }
`;
